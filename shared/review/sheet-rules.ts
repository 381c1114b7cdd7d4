/** The states an item is open in, as the monthly review sheet counts them (waiting for triage, with a department, answer to check). */
import type { ItemStatus } from '../items/enums.ts';

export const OPEN_FOR_SHEET: readonly ItemStatus[] = ['received', 'assigned', 'answered'];
