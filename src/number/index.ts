export { chooseGrouping, groupingScore, groupKey, scoreFromOutputs, uniqueGroups } from './chooseGrouping';
export { proposeGroupings } from './proposeGroupings';
export * from './types';
