/** The loop's pure rules: working days by the official calendar, and which move an item may make in which state. */
import { describe, expect, it } from 'vitest';
import { movesFrom, move } from '../../shared/items/transitions.ts';
import { addWorkingDays, calendarOf, dueState, EMPTY_CALENDAR, isWorkingDay, workingDaysBetween } from '../../shared/items/working-days.ts';
import { ITEM_STATUSES } from '../../shared/items/enums.ts';

// 2026: 国庆 1–7 October are holidays; Saturday 10 October is a working day (调休).
const cal = calendarOf([
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((day) => ({ day, kind: 'holiday' as const })),
  { day: '2026-10-10', kind: 'workday' as const },
]);

describe('working days', () => {
  it('are Monday to Friday without a calendar', () => {
    expect(isWorkingDay('2026-12-04', EMPTY_CALENDAR)).toBe(true); // Friday
    expect(isWorkingDay('2026-12-05', EMPTY_CALENDAR)).toBe(false); // Saturday
    expect(addWorkingDays('2026-12-04', 1, EMPTY_CALENDAR)).toBe('2026-12-07'); // Friday + 1 → Monday
    expect(addWorkingDays('2026-12-01', 15, EMPTY_CALENDAR)).toBe('2026-12-22');
    expect(addWorkingDays('2026-12-01', 0, EMPTY_CALENDAR)).toBe('2026-12-01');
  });

  it('skip the uploaded holidays and count the weekend days made working days', () => {
    expect(isWorkingDay('2026-10-05', cal)).toBe(false); // a Monday of 国庆
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // a Saturday of 调休
    // Assigned on Wednesday 30 September with 3 working days: 8, 9, 10 October.
    expect(addWorkingDays('2026-09-30', 3, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 3, EMPTY_CALENDAR)).toBe('2026-10-05');
    expect(workingDaysBetween('2026-09-30', '2026-10-10', cal)).toBe(3);
    expect(workingDaysBetween('2026-10-10', '2026-09-30', cal)).toBe(-3);
  });

  it('tell overdue and due soon', () => {
    expect(dueState('2026-12-10', '2026-12-11', EMPTY_CALENDAR)).toBe('overdue');
    expect(dueState('2026-12-10', '2026-12-10', EMPTY_CALENDAR)).toBe('due_soon');
    expect(dueState('2026-12-10', '2026-12-07', EMPTY_CALENDAR)).toBe('due_soon'); // 3 working days left
    expect(dueState('2026-12-10', '2026-12-04', EMPTY_CALENDAR)).toBe('on_time'); // 4 working days left
    expect(() => addWorkingDays('2026-12-01', -1, EMPTY_CALENDAR)).toThrow();
  });
});

describe('item moves', () => {
  it('allow each move only from its states', () => {
    expect(movesFrom('received').sort()).toEqual(['answer_on_spot', 'assign', 'merge', 'refer', 'to_proposal']);
    expect(movesFrom('assigned').sort()).toEqual(['answer', 'reassign']);
    expect(movesFrom('answered').sort()).toEqual(['accept', 'return']);
    expect(movesFrom('done')).toEqual(['reopen']);
    for (const s of ['referred', 'merged', 'to_proposal'] as const) expect(movesFrom(s)).toEqual([]);
    for (const s of ITEM_STATUSES) for (const a of movesFrom(s)) expect(move({ status: s, round: 1, departmentId: 'd' }, a).ok).toBe(true);
    expect(move({ status: 'received', round: 1, departmentId: null }, 'answer')).toEqual({ ok: false, error: 'item_wrong_state' });
    expect(move({ status: 'answered', round: 1, departmentId: 'd' }, 'accept')).toEqual({ ok: true, status: 'done' });
    expect(move({ status: 'answered', round: 1, departmentId: 'd' }, 'return')).toEqual({ ok: true, status: 'assigned' });
  });

  it('reopen an item once: to its department, or to triage when it was answered on the spot', () => {
    expect(move({ status: 'done', round: 1, departmentId: 'd' }, 'reopen')).toEqual({ ok: true, status: 'assigned' });
    expect(move({ status: 'done', round: 1, departmentId: null }, 'reopen')).toEqual({ ok: true, status: 'received' });
    expect(move({ status: 'done', round: 2, departmentId: 'd' }, 'reopen')).toEqual({ ok: false, error: 'item_reopened_once' });
  });
});
