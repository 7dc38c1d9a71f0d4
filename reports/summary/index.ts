/** The summary that opens a report, by kind of result: key figures, then paragraphs of plain text (escaped when placed). */
export type { Highlight } from './highlight.js';
export { runHighlights, runSummaryText } from './run.js';
export { mcHighlights, mcSummaryText } from './mc.js';
export { compareHighlights, compareSummaryText } from './compare.js';
export { sweepHighlights, sweepSummaryText } from './sweep.js';
