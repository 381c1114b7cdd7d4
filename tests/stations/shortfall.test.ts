/** 每季度至少接待 n 次: the pure shortfall function and the quarters it counts by. */
import { describe, expect, it } from 'vitest';
import { quarterBounds, quarterOf, shortfall } from '../../shared/stations/shortfall.ts';

const reps = [
  { id: 'a', name: '王芳', delegation: '一组' },
  { id: 'b', name: '李强', delegation: '一组' },
  { id: 'c', name: '张伟', delegation: '二组' },
];

describe('shortfall', () => {
  it('knows the quarters, leap February included', () => {
    expect(quarterBounds(2028, 1)).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(quarterBounds(2028, 2)).toEqual({ from: '2028-04-01', to: '2028-06-30' });
    expect(quarterBounds(2028, 4)).toEqual({ from: '2028-10-01', to: '2028-12-31' });
    expect([quarterOf('2028-03-31'), quarterOf('2028-04-01'), quarterOf('2028-12-31')]).toEqual([1, 2, 4]);
  });

  it('lists who attended fewer receptions in the quarter than asked, fewest first; other quarters do not count', () => {
    const attendance = [
      { representativeId: 'a', heldOn: '2028-04-15' },
      { representativeId: 'a', heldOn: '2028-05-15' },
      { representativeId: 'b', heldOn: '2028-06-30' },
      { representativeId: 'c', heldOn: '2028-03-31' },
      { representativeId: 'c', heldOn: '2028-07-01' },
    ];
    expect(shortfall({ year: 2028, quarter: 2, perQuarter: 1, representatives: reps, attendance })).toEqual([{ representativeId: 'c', name: '张伟', delegation: '二组', attended: 0 }]);
    expect(shortfall({ year: 2028, quarter: 2, perQuarter: 2, representatives: reps, attendance }).map((l) => [l.name, l.attended])).toEqual([
      ['张伟', 0],
      ['李强', 1],
    ]);
    expect(shortfall({ year: 2028, quarter: 2, perQuarter: 0, representatives: reps, attendance })).toEqual([]);
    // A representative named twice is listed once.
    expect(shortfall({ year: 2028, quarter: 4, perQuarter: 1, representatives: [...reps, reps[0]], attendance })).toHaveLength(3);
  });
});
