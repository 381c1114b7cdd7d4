/** Calendar dates in Asia/Shanghai (shared/time.ts): the edges are Shanghai's midnight (16:00 UTC), months, years, leap days. */
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, shanghaiToday, shanghaiYear } from '../../shared/time.ts';

describe('today in Asia/Shanghai', () => {
  it.each([
    ['2027-03-01T15:59:59.999Z', '2027-03-01'], // 23:59:59.999 in Shanghai
    ['2027-03-01T16:00:00Z', '2027-03-02'], // midnight in Shanghai: already the next day, while UTC is still on the 1st
    ['2027-03-01T00:00:00Z', '2027-03-01'], // UTC midnight is 08:00 in Shanghai
    ['2027-02-28T16:00:00Z', '2027-03-01'], // a month turns at Shanghai midnight
    ['2027-12-31T15:59:59Z', '2027-12-31'],
    ['2027-12-31T16:00:00Z', '2028-01-01'], // and a year
    ['2028-02-28T16:30:00Z', '2028-02-29'], // leap day
    ['2027-06-30T00:00:00Z', '2027-06-30'],
  ])('%s → %s', (iso, day) => expect(shanghaiToday(new Date(iso))).toBe(day));

  it('turns the year at Shanghai midnight, not at UTC midnight', () => {
    expect(shanghaiYear(new Date('2027-12-31T15:59:59Z'))).toBe(2027);
    expect(shanghaiYear(new Date('2027-12-31T16:00:00Z'))).toBe(2028);
    expect(shanghaiYear(new Date('2028-01-01T00:00:00Z'))).toBe(2028);
  });

  it('does not depend on the machine’s own time zone', () => {
    // The server may run in UTC and a browser anywhere: the same instant is the same Shanghai date.
    const at = new Date('2027-03-01T16:00:00Z');
    expect(shanghaiToday(at)).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at));
  });
});

describe('adding days and counting them', () => {
  it.each([
    ['2027-03-01', 1, '2027-03-02'],
    ['2027-03-01', -1, '2027-02-28'],
    ['2028-03-01', -1, '2028-02-29'], // leap year
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-12-31', 1, '2028-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2027-01-31', 30, '2027-03-02'],
    ['2027-06-15', 0, '2027-06-15'],
    ['2027-01-01', 365, '2028-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
  ] as const)('%s + %i days = %s', (d, n, want) => {
    expect(addDays(d, n)).toBe(want);
    expect(daysBetween(d, want)).toBe(n); // the inverse
  });

  it('counts back as negative days', () => {
    expect(daysBetween('2027-03-02', '2027-03-01')).toBe(-1);
    expect(daysBetween('2028-03-01', '2028-02-28')).toBe(-2);
  });

  it('gives Shanghai tomorrow from the last second of a Shanghai day', () => {
    expect(addDays(shanghaiToday(new Date('2027-03-01T15:59:59Z')), 1)).toBe(shanghaiToday(new Date('2027-03-01T16:00:00Z')));
  });
});
