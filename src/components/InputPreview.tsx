import { useLayoutEffect, useRef } from 'react';
import { paintModelInput } from '../canvas/paintModelInput';
import { MNIST_SIZE } from '../digit';
import { usePrefersDark } from '../hooks/useDisplay';

/** The 28x28 image the model read, enlarged with hard pixel edges. */
export function InputPreview({ input }: { readonly input: Float32Array | null }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const dark = usePrefersDark();

  useLayoutEffect(() => {
    if (canvasRef.current !== null) paintModelInput(canvasRef.current, input);
  }, [input, dark]);

  return (
    <figure className="model-view">
      <canvas
        ref={canvasRef}
        className="model-input"
        width={MNIST_SIZE}
        height={MNIST_SIZE}
        role="img"
        aria-label="The 28 by 28 pixel image the model reads"
      />
      <figcaption>What the model sees</figcaption>
    </figure>
  );
}
