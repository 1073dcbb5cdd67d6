import { MNIST_SIZE } from '../digit';

/** Paints the model's 28x28 input onto a 28x28 canvas, ink in the canvas's CSS `color`. */
export function paintModelInput(canvas: HTMLCanvasElement, input: Float32Array | null): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  context.clearRect(0, 0, MNIST_SIZE, MNIST_SIZE);
  if (input === null) return;
  context.fillStyle = getComputedStyle(canvas).color;
  for (let y = 0; y < MNIST_SIZE; y++) {
    for (let x = 0; x < MNIST_SIZE; x++) {
      const ink = input[y * MNIST_SIZE + x];
      if (ink <= 0) continue;
      context.globalAlpha = Math.min(1, ink);
      context.fillRect(x, y, 1, 1);
    }
  }
  context.globalAlpha = 1;
}
