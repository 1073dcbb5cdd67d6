/**
 * What the page needs only after its first answer, as one chunk: the panels' later parts (the
 * About text, the score's details, the saved drawings' items, the history's file tools with the
 * pen-data format, the Models panel's sections, and their styles), which `components/Later.tsx`
 * loads once a drawing has been answered, a panel opens or there are saved drawings to list; and
 * the adaptation's memory and tuned output layer, which `hooks/useAdaptation.ts` loads once there
 * is a drawing to learn from (the layer is fitted in a worker of its own, `adaptation/tuner.ts`).
 *
 * One chunk, not several: one request, and no module shared by two lazy chunks. Rolldown (1.2)
 * puts what the entry shares with two or more lazy chunks in a chunk of its own, which the first
 * visit then fetches as well: with Compare and Look inside as two chunks, that was React and the
 * drawing code, 4.6 KB and one more request before the first answer.
 */
import './components/later.css';

export { AboutText } from './components/AboutText';
export { ExploreSections } from './components/ExploreSections';
export { HistoryItems } from './components/HistoryItems';
export { HistoryTools } from './components/HistoryTools';
export { ScoreDetails } from './components/ScoreDetails';
export { ADAPT_DEFAULTS, adapt, memoryOfReadings } from './adaptation/memory';
export { tunedOutputs } from './adaptation/outputLayer';
export { createTuner } from './adaptation/tuner';
export { readFeatures } from './adaptation/readFeatures';
