import { NOT_DIGIT } from '../digit';
import { digitScores } from '../recognition/verdict';
import {
  CHOOSE_DEFAULTS,
  type ChooseOptions,
  type GroupScore,
  type Grouping,
  type StrokeGroup,
} from './types';

/** A group's identity across candidates: the same strokes are the same digit to read. */
export const groupKey = (group: StrokeGroup): string => group.join(',');

/**
 * Every distinct group of all the candidates, once each, in first-seen order: what the
 * classifier reads, one batch row per group, in one call.
 */
export function uniqueGroups(candidates: readonly Grouping[]): StrokeGroup[] {
  const seen = new Map<string, StrokeGroup>();
  for (const { groups } of candidates) for (const group of groups) seen.set(groupKey(group), group);
  return [...seen.values()];
}

/** One row of model outputs (ten digits, then any "not a digit") as choosing needs it. */
export function scoreFromOutputs(outputs: ArrayLike<number>): GroupScore {
  return {
    digitProbability: digitScores(outputs).confidence,
    notDigit: outputs.length > NOT_DIGIT ? outputs[NOT_DIGIT] : 0,
  };
}

/** Keeps a log finite: a probability the model rounds to 0 is very unlikely, not impossible. */
const safeLog = (p: number) => Math.log(Math.max(p, 1e-6));

/** How much the classifier believes each group is one digit, in log units. */
function evidence(score: GroupScore, rules: Required<ChooseOptions>): number {
  return safeLog(score.digitProbability) + rules.notDigitWeight * safeLog(1 - score.notDigit);
}

/** A candidate's total: its geometry, its groups' readings, and a cost per extra digit. */
export function groupingScore(
  candidate: Grouping,
  scoreOf: (group: StrokeGroup) => GroupScore,
  options: ChooseOptions = {},
): number {
  const rules = { ...CHOOSE_DEFAULTS, ...options };
  const readings = candidate.groups.reduce((sum, group) => sum + evidence(scoreOf(group), rules), 0);
  return candidate.prior + readings - rules.groupCost * Math.max(0, candidate.groups.length - 1);
}

/**
 * The candidate whose digits the classifier believes most, geometry and over-splitting counted:
 * its groups are the digits, left to right. Ties keep the earlier candidate. No candidates (or
 * only a blank one): no groups.
 */
export function chooseGrouping(
  candidates: readonly Grouping[],
  scoreOf: (group: StrokeGroup) => GroupScore,
  options: ChooseOptions = {},
): Grouping {
  let best: Grouping = { groups: [], prior: 0 };
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    const score = groupingScore(candidate, scoreOf, options);
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}
