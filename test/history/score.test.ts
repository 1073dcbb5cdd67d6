import { describe, expect, it } from 'vitest';
import { scoreOf } from '../../src/history/score';
import { drawing } from './fixtures';

describe('the score', () => {
  it('counts right answers over all time, this visit and per digit; imported drawings do not count', () => {
    const drawings = [drawing(4, 5, 100), drawing(4, 4, 200), drawing(7, 7, 300), drawing(1, null, 400)];
    const score = scoreOf(drawings, 150);
    expect(score.allTime).toEqual({ right: 2, total: 3 });
    expect(score.thisVisit).toEqual({ right: 2, total: 2 });
    expect(score.perDigit[4]).toEqual({ right: 1, total: 2 });
    expect(score.perDigit[7]).toEqual({ right: 1, total: 1 });
    expect(score.perDigit[1]).toEqual({ right: 0, total: 0 });
  });

  it('is zero of zero with nothing judged', () => {
    expect(scoreOf([], 0).allTime).toEqual({ right: 0, total: 0 });
  });
});
