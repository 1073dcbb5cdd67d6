/**
 * What "Look inside" says about each layer: a title, one plain line on what the layer does, and
 * a text summary of its activations for people who cannot see the pictures. Pure: plain arrays
 * in, strings out.
 */
import { NUM_CLASSES } from '../digit';
import type { LayerActivation } from './classifier';

/** How a layer is drawn: a grid of 2-D maps, a strip of units, or labelled output bars. */
export type LayerLook = 'maps' | 'units' | 'output';

export interface LayerView {
  readonly title: string;
  readonly explanation: string;
  readonly look: LayerLook;
  /** [height, width, channels] for maps; [1, 1, units] otherwise. */
  readonly shape: readonly [number, number, number];
  readonly values: Float32Array;
  readonly summary: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const percent = (p: number) => `${Math.round(p * 100)}%`;

/** Layers that change nothing at inference (the input, dropout) or only reshape (flatten). */
const SHOWS_NOTHING = new Set(['InputLayer', 'Dropout', 'Flatten']);

function explanationOf(kind: string, convIndex: number, channels: number, isOutput: boolean): string {
  if (isOutput)
    return 'One score per answer, turned into probabilities that add up to 100%: the largest is the answer.';
  switch (kind) {
    case 'Conv2D':
      return convIndex === 1
        ? `${plural(channels, 'small filter')} slide over the drawing; each lights up where it finds its own pattern, such as an edge at one angle or a stroke's end.`
        : `${plural(channels, 'filter')} combine the maps before into larger parts of a digit: corners, curves, loops, crossings.`;
    case 'MaxPooling2D':
      return 'Keeps the strongest response of each small block: the maps halve in size, and a slightly shifted drawing gives the same result.';
    case 'Dense':
      return `${plural(channels, 'unit')}, each weighing every value of the layer before: together they describe the whole drawing.`;
    default:
      return `A ${kind} layer.`;
  }
}

/** The strongest maps or units, by their largest value: "map 5 (2.31)". */
function strongest(values: Float32Array, channels: number, what: string): string {
  const peaks = new Float32Array(channels);
  values.forEach((value, i) => (peaks[i % channels] = Math.max(peaks[i % channels], value)));
  const active = peaks.filter((peak) => peak > 0).length;
  const top = Array.from(peaks.keys())
    .sort((a, b) => peaks[b] - peaks[a])
    .slice(0, 3)
    .filter((i) => peaks[i] > 0)
    .map((i) => `${what} ${i + 1} (${peaks[i].toFixed(2)})`);
  return `${active} of ${channels} ${what}s respond${top.length > 0 ? `; strongest: ${top.join(', ')}` : ''}.`;
}

/** "7 at 98%, then 1 at 1%; not a digit 0%". */
export function outputSummary(values: Float32Array): string {
  const digits = Array.from(values.slice(0, NUM_CLASSES).keys()).sort((a, b) => values[b] - values[a]);
  const [first, second] = digits;
  const rest = values.length > NUM_CLASSES ? `; not a digit ${percent(values[NUM_CLASSES])}` : '';
  return `${first} at ${percent(values[first])}, then ${second} at ${percent(values[second])}${rest}.`;
}

/** The layers worth showing, each with what to say of it, in the network's order. */
export function layerViews(layers: readonly LayerActivation[]): LayerView[] {
  const shown = layers.filter((layer) => !SHOWS_NOTHING.has(layer.kind));
  let convs = 0;
  return shown.map((layer, index) => {
    const isOutput = index === shown.length - 1;
    const maps = layer.shape.length === 3;
    const [height, width, channels] = maps ? layer.shape : [1, 1, layer.shape.at(-1) ?? layer.values.length];
    if (layer.kind === 'Conv2D') convs++;
    const name = { Conv2D: `Convolution ${convs}`, MaxPooling2D: 'Pooling', Dense: 'Dense layer' }[
      layer.kind
    ];
    const title = isOutput
      ? 'Output'
      : `${name ?? layer.kind}: ${maps ? `${channels} maps of ${height}×${width}` : plural(channels, 'unit')}`;
    const look: LayerLook = isOutput ? 'output' : maps ? 'maps' : 'units';
    const summary = isOutput
      ? outputSummary(layer.values)
      : strongest(layer.values, channels, maps ? 'map' : 'unit');
    return {
      title,
      explanation: explanationOf(layer.kind, convs, channels, isOutput),
      look,
      shape: [height, width, channels],
      values: layer.values,
      summary,
    };
  });
}

/** The network's input as the first picture: what every layer after it starts from. */
export function inputView(input: Float32Array, side: number): LayerView {
  const inked = input.filter((value) => value > 0.5).length;
  return {
    title: `Input: ${side}×${side} pixels`,
    explanation: 'Your drawing as the network gets it: cut to the ink, scaled, centred, ink bright.',
    look: 'maps',
    shape: [side, side, 1],
    values: input,
    summary: `${inked} of ${side * side} pixels inked.`,
  };
}
