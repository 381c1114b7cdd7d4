/**
 * Marks on one ballot. Declared once, in the vote methods (methods/index.ts): everything that depends on how a ballot
 * is marked is asked of `methodOf(vote.markMode)`. This module re-exports the names the web and the server import.
 */
export { type Mark, type Marks, type MarkMode, MARKS, MARK_MODES, methodOf, sameMarks } from './methods/index.ts';
/** How many 赞成 a ballot holds (the tablet's counter, the invalid ballot's reason). */
export { forCount } from './methods/common.ts';
