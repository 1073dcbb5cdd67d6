import { describe, expect, it } from 'vitest';
import {
  IDLE_ARBITER,
  PALM_WINDOW_MS,
  pointerDown,
  pointerEnd,
  pointerMove,
  type PointerArbiter,
} from '../../src/pad/pointerArbiter';

type Kind = 'pen' | 'touch' | 'mouse';
/** One pointer event: what happened, to which pointer (`touch#2`), when (ms). */
type Step = readonly [event: 'down' | 'move' | 'up', pointer: `${Kind}#${number}`, time: number];

/**
 * Replays a pointer sequence and says what each event did to the drawing: `draw`, `take-over`,
 * `extend`, `end`, or `-` (ignored).
 */
function replay(steps: readonly Step[]): string[] {
  let arbiter: PointerArbiter = IDLE_ARBITER;
  return steps.map(([event, name, time]) => {
    const [pointerType, id] = name.split('#');
    const pointer = { pointerType, pointerId: Number(id), time };
    if (event === 'down') {
      const result = pointerDown(arbiter, pointer);
      arbiter = result.arbiter;
      return result.decision === 'ignore' ? '-' : result.decision;
    }
    if (event === 'move') {
      const result = pointerMove(arbiter, pointer);
      arbiter = result.arbiter;
      return result.draws ? 'extend' : '-';
    }
    const result = pointerEnd(arbiter, pointer);
    arbiter = result.arbiter;
    return result.ends ? 'end' : '-';
  });
}

describe('palm rejection: which pointer draws', () => {
  it.each<[string, Step[], string[]]>([
    [
      'a finger alone draws',
      [
        ['down', 'touch#1', 0],
        ['move', 'touch#1', 10],
        ['up', 'touch#1', 20],
      ],
      ['draw', 'extend', 'end'],
    ],
    [
      'a second finger during a stroke is ignored',
      [
        ['down', 'touch#1', 0],
        ['down', 'touch#2', 5],
        ['move', 'touch#2', 6],
        ['move', 'touch#1', 7],
        ['up', 'touch#2', 8],
        ['up', 'touch#1', 9],
      ],
      ['draw', '-', '-', 'extend', '-', 'end'],
    ],
    [
      'a pen landing on a palm stroke takes over, and the palm no longer draws',
      [
        ['down', 'touch#1', 0],
        ['move', 'touch#1', 10],
        ['down', 'pen#2', 20],
        ['move', 'touch#1', 25],
        ['move', 'pen#2', 30],
        ['up', 'touch#1', 35],
        ['up', 'pen#2', 40],
      ],
      ['draw', 'extend', 'take-over', '-', 'extend', '-', 'end'],
    ],
    [
      'a palm landing while the pen draws is ignored',
      [
        ['down', 'pen#2', 0],
        ['down', 'touch#1', 5],
        ['move', 'pen#2', 10],
        ['up', 'pen#2', 20],
        ['up', 'touch#1', 25],
      ],
      ['draw', '-', 'extend', 'end', '-'],
    ],
    [
      'a palm landing between pen strokes is ignored, and the next pen stroke draws',
      [
        ['down', 'pen#2', 0],
        ['up', 'pen#2', 100],
        ['down', 'touch#1', 100 + PALM_WINDOW_MS],
        ['move', 'touch#1', 150 + PALM_WINDOW_MS],
        ['down', 'pen#2', 200 + PALM_WINDOW_MS],
        ['up', 'pen#2', 300 + PALM_WINDOW_MS],
      ],
      ['draw', 'end', '-', '-', 'draw', 'end'],
    ],
    [
      'a palm landing while the pen hovers is ignored',
      [
        ['move', 'pen#2', 5000],
        ['down', 'touch#1', 5010],
        ['down', 'pen#2', 5020],
      ],
      ['-', '-', 'draw'],
    ],
    [
      'a finger draws again once the pen has been away a while',
      [
        ['down', 'pen#2', 0],
        ['up', 'pen#2', 100],
        ['down', 'touch#1', 101 + PALM_WINDOW_MS],
        ['up', 'touch#1', 200 + PALM_WINDOW_MS],
      ],
      ['draw', 'end', 'draw', 'end'],
    ],
    [
      'a mouse stroke is not taken over by a pen',
      [
        ['down', 'mouse#1', 0],
        ['down', 'pen#2', 5],
        ['up', 'mouse#1', 10],
      ],
      ['draw', '-', 'end'],
    ],
    [
      'a second pen stroke does not interrupt the first',
      [
        ['down', 'pen#2', 0],
        ['down', 'pen#3', 5],
        ['up', 'pen#3', 6],
        ['up', 'pen#2', 10],
      ],
      ['draw', '-', '-', 'end'],
    ],
  ])('%s', (_name, steps, expected) => {
    expect(replay(steps)).toEqual(expected);
  });

  it('never changes the state it is given', () => {
    const drawing = pointerDown(IDLE_ARBITER, { pointerId: 1, pointerType: 'touch', time: 0 }).arbiter;
    const snapshot = structuredClone(drawing);
    pointerDown(drawing, { pointerId: 2, pointerType: 'pen', time: 1 });
    pointerMove(drawing, { pointerId: 2, pointerType: 'pen', time: 2 });
    pointerEnd(drawing, { pointerId: 1, pointerType: 'touch', time: 3 });
    expect(drawing).toEqual(snapshot);
  });
});
