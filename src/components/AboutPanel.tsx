import { shortcutNames } from '../pad/padHint';

interface AboutPanelProps {
  /** The TensorFlow.js backend in use, or '' before the model is ready. */
  readonly backend: string;
  readonly mac: boolean;
}

/**
 * How the page works and whose data taught it, behind one "About" button: useful to the
 * curious, out of everyone else's way. The backend's name (`data-testid="backend"`) lives here
 * too: tests and benchmarks read it, people rarely need it.
 */
export function AboutPanel({ backend, mac }: AboutPanelProps) {
  const keys = shortcutNames(mac);
  return (
    <details className="about">
      <summary>About</summary>
      <div className="about-panel">
        <h2>How it works</h2>
        <p>
          A small convolutional network, trained on the MNIST digits and on real pen digits, runs inside this
          page with TensorFlow.js. Your strokes are drawn again on a small canvas, cut to the digit, scaled to
          20 pixels and centred in a 28 by 28 image, the way MNIST's digits were made; that image (&ldquo;What
          the model sees&rdquo;) goes to the network, which gives a probability for each digit. Below 60% the
          page says it is not sure. Nothing you draw leaves your device.
        </p>
        <p>
          Keys: {keys.undo} undoes, {keys.redo} redoes, {keys.clear} or Delete clears.
        </p>
        <p className="about-backend">
          Running on TensorFlow.js backend: <span data-testid="backend">{backend}</span>
        </p>
        <h2>Data</h2>
        <ul>
          <li>
            MNIST: Yann LeCun, Corinna Cortes and Christopher J.C. Burges,{' '}
            <a href="https://yann.lecun.com/exdb/mnist/">The MNIST database of handwritten digits</a>, CC
            BY-SA 3.0.
          </li>
          <li>
            Pen digits: E. Alpaydin and F. Alimoglu,{' '}
            <a href="https://doi.org/10.24432/C5MG6K">Pen-Based Recognition of Handwritten Digits</a>, UCI
            Machine Learning Repository, 1998, CC BY 4.0.
          </li>
        </ul>
      </div>
    </details>
  );
}
