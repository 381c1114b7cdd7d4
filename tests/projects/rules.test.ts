/** Progress and lateness rules (design §6) with tables of dates, including midnight in Asia/Shanghai. */
import { describe, expect, it } from 'vitest';
import { daysLate, derivedProgress, findingOverdue, isLate, projectHealth, reportAsOf, sumWan } from '../../shared/projects/rules.ts';
import { shanghaiToday } from '../../shared/time.ts';

// Today in Asia/Shanghai, around its midnight: tests/system/time.test.ts.
describe('a milestone is late from the day after its planned date, until done', () => {
  it.each([
    // planned, status, today, days late
    ['2027-03-01', 'pending', '2027-02-28', 0],
    ['2027-03-01', 'pending', '2027-03-01', 0], // due through its planned day
    ['2027-03-01', 'pending', '2027-03-02', 1],
    ['2027-03-01', 'in_progress', '2027-04-01', 31],
    ['2027-03-01', 'done', '2027-04-01', 0],
    ['2027-12-31', 'pending', '2028-01-01', 1],
    ['2028-02-28', 'pending', '2028-03-01', 2], // leap year
  ] as const)('planned %s, %s, on %s → %i days late', (plannedDate, status, today, n) => {
    expect(daysLate({ plannedDate, status }, today)).toBe(n);
    expect(isLate({ plannedDate, status }, today)).toBe(n > 0);
  });
  it('at 00:30 Shanghai time the day before is over', () => {
    const today = shanghaiToday(new Date('2027-03-01T16:30:00Z'));
    expect(isLate({ plannedDate: '2027-03-01', status: 'pending' }, today)).toBe(true);
    expect(isLate({ plannedDate: '2027-03-01', status: 'pending' }, shanghaiToday(new Date('2027-03-01T15:30:00Z')))).toBe(false);
  });
});

describe('progress derived from weighted milestones', () => {
  it.each([
    [[], null],
    [[{ status: 'pending', weight: 10 }], 0],
    [[{ status: 'done', weight: 10 }], 100],
    [[{ status: 'done', weight: 30 }, { status: 'in_progress', weight: 70 }], 30],
    [[{ status: 'done', weight: 1 }, { status: 'pending', weight: 2 }], 33], // floor: never more than done
    [[{ status: 'done', weight: 2 }, { status: 'pending', weight: 1 }], 66],
    [[{ status: 'done', weight: 20 }, { status: 'done', weight: 30 }, { status: 'pending', weight: 50 }], 50],
  ] as const)('%j → %s', (ms, want) => expect(derivedProgress(ms as never)).toBe(want));
});

describe('health: on track, at risk, late', () => {
  const p = (over: Partial<{ status: 'active' | 'completed' | 'suspended' | 'terminated'; plannedCompletion: string; pendingChanges: number }> = {}) => ({ status: 'active' as const, plannedCompletion: '2027-12-31', ...over });
  it.each([
    ['nothing late', p(), [{ plannedDate: '2027-05-01', status: 'pending' }], '2027-04-30', 'on_track'],
    ['a milestone due today', p(), [{ plannedDate: '2027-05-01', status: 'pending' }], '2027-05-01', 'on_track'],
    ['a milestone 1 day late', p(), [{ plannedDate: '2027-05-01', status: 'pending' }], '2027-05-02', 'at_risk'],
    ['30 days late is still at risk', p(), [{ plannedDate: '2027-05-01', status: 'pending' }], '2027-05-31', 'at_risk'],
    ['31 days late is late', p(), [{ plannedDate: '2027-05-01', status: 'pending' }], '2027-06-01', 'late'],
    ['a late milestone that is done', p(), [{ plannedDate: '2027-05-01', status: 'done' }], '2027-08-01', 'on_track'],
    ['a pending change request', p({ pendingChanges: 1 }), [], '2027-05-01', 'at_risk'],
    ['planned completion passed', p({ plannedCompletion: '2027-06-30' }), [], '2027-07-01', 'late'],
    ['planned completion today', p({ plannedCompletion: '2027-06-30' }), [], '2027-06-30', 'on_track'],
    ['completed stays completed', p({ status: 'completed', plannedCompletion: '2027-01-01' }), [{ plannedDate: '2027-01-01', status: 'pending' }], '2027-09-01', 'completed'],
    ['suspended', p({ status: 'suspended' }), [], '2027-05-01', 'suspended'],
    ['terminated', p({ status: 'terminated' }), [], '2027-05-01', 'terminated'],
  ] as const)('%s', (_, proj, ms, today, want) => expect(projectHealth(proj, ms as never, today)).toBe(want));
});

describe('an answer is overdue from the day after its due date, until answered', () => {
  it.each([
    ['awaiting_answer', '2027-05-10', '2027-05-10', false],
    ['awaiting_answer', '2027-05-10', '2027-05-11', true],
    ['returned', '2027-05-10', '2027-05-11', true],
    ['answered', '2027-05-10', '2027-06-11', false],
    ['accepted', '2027-05-10', '2027-06-11', false],
    ['noted', null, '2027-06-11', false],
  ] as const)('%s due %s on %s → %s', (state, answerDueOn, today, want) => expect(findingOverdue({ state, answerDueOn }, today)).toBe(want));
});

describe('money and report dates', () => {
  it('sums 万元 exactly', () => {
    expect(sumWan(['0.10', '0.20'])).toBe('0.30');
    expect(sumWan(['120.5', '80', null, '0.05'])).toBe('200.55');
    expect(sumWan([])).toBe('0.00');
    expect(sumWan(['999999999.99', '0.01'])).toBe('1000000000.00');
  });
  it.each([
    [2027, 'mid', '2027-05-01', '2027-05-01'],
    [2027, 'mid', '2027-08-01', '2027-06-30'],
    [2027, 'end', '2027-08-01', '2027-08-01'],
    [2026, 'end', '2027-08-01', '2026-12-31'],
  ] as const)('%i %s report on %s speaks for %s', (year, period, today, want) => expect(reportAsOf(year, period, today)).toBe(want));
});
