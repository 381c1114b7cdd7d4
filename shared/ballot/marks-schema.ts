/**
 * The zod enums of the marks and the vote methods, built from the one list of each (methods/index.ts). Kept apart from
 * the methods so that the tablet, which uses the methods, does not carry the validation library (design §9).
 */
import { z } from 'zod';
import { MARK_MODES, MARKS, PROJECT_MARK_MODES } from './methods/index.ts';

export const Mark = z.enum(MARKS);
export const MarkMode = z.enum(MARK_MODES);
/** How a vote over a candidate list is marked (not a motion): the settings and a vote's own rule. */
export const ProjectMarkMode = z.enum(PROJECT_MARK_MODES);
