import type { ReactNode } from 'react';
import { shortcutNames } from '../pad/padHint';

interface AboutTextProps {
  readonly mac: boolean;
  /** The line that names the backend in use: the panel's own, always there (the contract's `backend`). */
  readonly backendLine: ReactNode;
}

/** How the page works and whose data taught it: read by the curious, so it comes in the later chunk. */
export function AboutText({ mac, backendLine }: AboutTextProps) {
  const keys = shortcutNames(mac);
  return (
    <>
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
      {backendLine}
      <h2>Data</h2>
      <ul>
        <li>
          MNIST: Yann LeCun, Corinna Cortes and Christopher J.C. Burges,{' '}
          <a href="https://yann.lecun.com/exdb/mnist/">The MNIST database of handwritten digits</a>, CC BY-SA
          3.0.
        </li>
        <li>
          Pen digits: E. Alpaydin and F. Alimoglu,{' '}
          <a href="https://doi.org/10.24432/C5MG6K">Pen-Based Recognition of Handwritten Digits</a>, UCI
          Machine Learning Repository, 1998, CC BY 4.0.
        </li>
      </ul>
    </>
  );
}
