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
        the model sees&rdquo;) goes to the network, which gives a probability for each digit, and for
        &ldquo;not a digit&rdquo;. When the likeliest digit holds under 60% of it, the page says it is not
        sure. Nothing you draw leaves your device.
      </p>
      <p>
        The network also learned what is not a digit, from handwritten letters and from scribbles, shapes and
        crossed-out digits made up for it, and says so when it sees one. Specks too small to read, and a
        single straight line lying across, are never taken for a digit, whatever the network answers.
      </p>
      <p>
        Keys: {keys.undo} undoes, {keys.redo} redoes, {keys.clear} or Delete clears.
      </p>
      {backendLine}
      <DataCredits />
    </>
  );
}

/** Whose data taught the models, as their licences ask. */
function DataCredits() {
  return (
    <>
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
        <li>
          Pen digits and letters of many more writers: the{' '}
          <a href="https://doi.org/10.5281/zenodo.1195803">UNIPEN project, train_r01_v07 release</a> (pen
          tablets, 1991-95), CC BY 4.0.
        </li>
      </ul>
    </>
  );
}
