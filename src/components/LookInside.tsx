import { memo, useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import { gridOf, paintActivations } from '../canvas/paintActivations';
import { MNIST_SIZE } from '../digit';
import { useActivations } from '../hooks/useExplore';
import type { Classifier } from '../model/classifier';
import { inputView, layerViews, type LayerView } from '../model/layerGuide';

/** One layer's picture: maps or units as a canvas (its summary is the text beside it). */
function LayerCanvas({ view }: { readonly view: LayerView }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    if (ref.current !== null) paintActivations(ref.current, view.values, view.shape);
  }, [view]);
  // At most five screen pixels per value: the input's one map would otherwise fill the panel.
  const [height, width, channels] = view.shape;
  const maxWidth = `${gridOf(height, width, channels).width * 5}px`;
  return <canvas ref={ref} className="layer-canvas" style={{ maxWidth }} aria-hidden="true" />;
}

/** The output layer: one labelled bar per answer, as numbers a screen reader reads too. */
function OutputBars({ values }: { readonly values: Float32Array }) {
  return (
    <ol className="layer-output">
      {Array.from(values, (value, i) => (
        <li key={i} style={{ '--value': value } as CSSProperties}>
          <span>{i < 10 ? i : 'not a digit'}</span> <span>{Math.round(value * 100)}%</span>
        </li>
      ))}
    </ol>
  );
}

/** Memoised: the page renders on every answer, and a layer changes only with the activations. */
const Layer = memo(function Layer({ view }: { readonly view: LayerView }) {
  return (
    <figure className="layer">
      <figcaption>
        <strong>{view.title}</strong> {view.explanation}
      </figcaption>
      {view.look === 'output' ? <OutputBars values={view.values} /> : <LayerCanvas view={view} />}
      <p className="layer-summary">{view.summary}</p>
    </figure>
  );
});

interface LookInsideProps {
  readonly classifier: Classifier | null;
  readonly name: string;
  /** The model's input for the drawing, after its last stroke; null on a blank pad. */
  readonly input: Float32Array | null;
}

/**
 * Every layer of the model in use for the current drawing: its own chunk, loaded when the view
 * opens. The model module computes the activations; this only draws them.
 */
export default function LookInside({ classifier, name, input }: LookInsideProps) {
  const { input: read, layers, error } = useActivations(classifier, input);
  const views = useMemo(
    () => (read === null ? [] : [inputView(read, MNIST_SIZE), ...layerViews(layers)]),
    [read, layers],
  );
  if (error !== null)
    return (
      <p className="explore-error">
        Could not look inside {name}: {error}
      </p>
    );
  if (input === null || views.length === 0)
    return <p className="explore-note">Draw a digit to see what each layer of {name} makes of it.</p>;
  return (
    <div className="layers" aria-live="off">
      {views.map((view, i) => (
        <Layer key={i} view={view} />
      ))}
    </div>
  );
}
