/** The county's sums and rates (shared/county/figures.ts), said once, against hand-made tables. */
import { describe, expect, it } from 'vitest';
import { addMoney, compareNullable, loopRates, projectRates, projectTiming, totalOf, trendOf, ZERO_YEAR } from '../../shared/county/figures.ts';

describe('projectTiming', () => {
  const today = '2026-07-01';
  it.each([
    [{ status: 'completed', plannedCompletion: '2026-06-30', completedOn: '2026-06-30' }, 'on_time'],
    [{ status: 'completed', plannedCompletion: '2026-06-30', completedOn: '2026-07-01' }, 'late'],
    [{ status: 'active', plannedCompletion: '2026-06-30', completedOn: null }, 'late'],
    [{ status: 'active', plannedCompletion: '2026-07-01', completedOn: null }, 'in_progress'],
    [{ status: 'suspended', plannedCompletion: '2026-01-01', completedOn: null }, 'stopped'],
    [{ status: 'terminated', plannedCompletion: '2026-01-01', completedOn: null }, 'stopped'],
  ] as const)('%o is %s', (p, want) => expect(projectTiming(p, today)).toBe(want));
});

describe('money and rates', () => {
  it('adds 万元 exactly', () => {
    expect(addMoney('0.10', '0.20')).toBe('0.30');
    expect(addMoney('120.5', '3', null, '0.05')).toBe('123.55');
    expect(addMoney()).toBe('0.00');
  });
  it('rates are null when there is nothing to divide by', () => {
    expect(projectRates({ total: 0, voted: 0, completed: 0, onTime: 0, late: 0, rectified: 0, planned: '0.00', spent: '0.00' })).toEqual({ onTimeRate: null, completedRate: null, spendRate: null });
    expect(projectRates({ total: 4, voted: 3, completed: 2, onTime: 1, late: 2, rectified: 0, planned: '30.00', spent: '10.00' })).toEqual({ onTimeRate: 33.3, completedRate: 50, spendRate: 33.3 });
    expect(loopRates({ received: 7, due: 5, onTime: 3, late: 1, overdue: 1, answered: 5, resolved: 2, rated: 3, satisfied: 2 })).toEqual({ onTimeRate: 60, resolvedRate: 28.6, satisfactionRate: 66.7 });
  });
});

describe('totals', () => {
  it('adds every count of every township', () => {
    const a = { ...ZERO_YEAR, projects: { ...ZERO_YEAR.projects, total: 2, planned: '10.50' }, loop: { ...ZERO_YEAR.loop, received: 3 } };
    const b = { ...ZERO_YEAR, projects: { ...ZERO_YEAR.projects, total: 1, planned: '0.75' }, evaluation: { ...ZERO_YEAR.evaluation, rounds: 1, answered: 4 } };
    const t = totalOf([a, b]);
    expect(t.projects).toMatchObject({ total: 3, planned: '11.25' });
    expect(t.loop.received).toBe(3);
    expect(t.evaluation).toMatchObject({ rounds: 1, answered: 4 });
    expect(totalOf([])).toEqual(ZERO_YEAR);
  });
});

describe('trend and sorting', () => {
  it('gives each year’s change from the year before, unknown when either is', () => {
    expect(trendOf([{ year: 2026, rate: 90 }, { year: 2024, rate: 80 }, { year: 2025, rate: null }])).toEqual([
      { year: 2024, rate: 80, change: null },
      { year: 2025, rate: null, change: null },
      { year: 2026, rate: 90, change: null },
    ]);
    expect(trendOf([{ year: 2025, rate: 80.2 }, { year: 2026, rate: 85.5 }])[1].change).toBe(5.3);
  });
  it('puts unknown values last in either direction', () => {
    const xs = [null, 3, 1];
    expect([...xs].sort((a, b) => compareNullable(a, b, 'asc'))).toEqual([1, 3, null]);
    expect([...xs].sort((a, b) => compareNullable(a, b, 'desc'))).toEqual([3, 1, null]);
  });
});
