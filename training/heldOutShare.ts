/**
 * The held-out figures read on two threads at once. Drawing the ~40,000 held-out inputs and reading
 * them with both the shipped 8-bit model and the float32 one took ~80 s on one thread while the
 * gradient helper sat idle; each set is now drawn and read whole on one thread or the other. A set
 * is drawn from the same data by the same code and read by the same model (the same weights in the
 * same layers, batch by batch) on either thread, so the figures are the same as on one.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { predictSets, type HeldOutSet, type HeldOutSets, type SetMaker, type SetOutputs } from './heldOut';

/** What a helper thread is asked to read: these sets, with each of these models' weights in turn. */
export interface ReadRequest {
  readonly names: string[];
  /** Each model's trainable weights, in `trainableWeights` order. */
  readonly weights: Float32Array[][];
  readonly withGenerated: boolean;
}

/** One set as drawn, and each model's outputs for it. */
export interface ReadSet {
  readonly name: string;
  readonly set: HeldOutSet;
  readonly outputs: SetOutputs[];
}

/** A thread that can read held-out sets (`gradientHelper.ts`). */
export interface HeldOutReader {
  readHeldOut(request: ReadRequest): Promise<ReadSet[]>;
}

/** Drawing an input costs about a third more than reading it with both models; MNIST's are given. */
const costOf = (name: string, maker: SetMaker) => maker.count * (name === 'mnist' ? 1 : 1.35);

/** The sets' names in `parts` shares of about equal work: the biggest set first, each to the lightest share. */
export function shareOut(makers: ReadonlyMap<string, SetMaker>, parts: number): string[][] {
  const shares = Array.from({ length: parts }, () => ({ names: [] as string[], cost: 0 }));
  const biggestFirst = [...makers].sort(([a, ma], [b, mb]) => costOf(b, mb) - costOf(a, ma));
  for (const [name, maker] of biggestFirst) {
    const lightest = shares.reduce((best, share) => (share.cost < best.cost ? share : best));
    lightest.names.push(name);
    lightest.cost += costOf(name, maker);
  }
  return shares.map((share) => share.names);
}

/** Draws the named sets and reads them with each model in turn (`models[m]()` readies model m). */
export async function drawAndRead(
  makers: ReadonlyMap<string, SetMaker>,
  names: readonly string[],
  models: readonly (() => LayersModel)[],
): Promise<ReadSet[]> {
  const drawn = new Map(names.map((name) => [name, makers.get(name)!.draw()]));
  const outputs: Map<string, SetOutputs>[] = [];
  for (const model of models) outputs.push(await predictSets(model(), drawn));
  return names.map((name) => ({ name, set: drawn.get(name)!, outputs: outputs.map((o) => o.get(name)!) }));
}

const weightsOf = (model: LayersModel) =>
  Promise.all(model.trainableWeights.map(async (w) => (await w.read().data()) as Float32Array));

/**
 * Every held-out set drawn, and each model's outputs for them, shared out between this thread and
 * `helper` (all here without one).
 */
export async function readHeldOut(
  makers: ReadonlyMap<string, SetMaker>,
  models: readonly LayersModel[],
  helper: HeldOutReader | undefined,
  withGenerated: boolean,
): Promise<{ drawn: HeldOutSets; outputs: Map<string, SetOutputs>[] }> {
  const [mine, theirs = []] = shareOut(makers, helper ? 2 : 1);
  const weights = await Promise.all(models.map(weightsOf));
  // The helper's request goes first: drawing here holds this thread until its first prediction.
  const remote = helper && theirs.length ? helper.readHeldOut({ names: theirs, weights, withGenerated }) : [];
  const local = drawAndRead(
    makers,
    mine,
    models.map((model) => () => model),
  );
  const [here, there] = await Promise.all([local, remote]);
  const all = [...here, ...there];
  return {
    drawn: new Map(all.map(({ name, set }) => [name, set])),
    outputs: models.map((_, m) => new Map(all.map(({ name, outputs }) => [name, outputs[m]]))),
  };
}
