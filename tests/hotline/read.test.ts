/** The pure reading rules of a 12345 export (shared/hotline/read.ts), as plain cases. */
import { describe, expect, it } from 'vitest';
import { callerKey, hotlineTime, isClosedStatus, readTickets, satisfactionOf, titleOf } from '../../shared/hotline/read.ts';
import { DEFAULT_COLUMNS } from '../../shared/hotline/schema.ts';

describe('hotlineTime', () => {
  it.each([
    ['2026-03-05 09:12:33', '2026-03-05', '2026-03-05 09:12'],
    ['2026/3/5 9:12', '2026-03-05', '2026-03-05 09:12'],
    ['2026.03.05', '2026-03-05', '2026-03-05'],
    ['2026年3月5日 9时12分', '2026-03-05', '2026-03-05 09:12'],
    ['2026年3月5日9时12分33秒', '2026-03-05', '2026-03-05 09:12'],
    ['20260305091233', '2026-03-05', '2026-03-05 09:12'],
    ['20260305', '2026-03-05', '2026-03-05'],
    ['2026-03-05T09:12:33.000Z', '2026-03-05', '2026-03-05 09:12'],
    ['46086', '2026-03-05', '2026-03-05'],
    ['46086.5', '2026-03-05', '2026-03-05 12:00'],
    ['2024-02-29 23:59', '2024-02-29', '2024-02-29 23:59'],
  ])('%s → %s', (raw, date, time) => {
    expect(hotlineTime(raw)).toEqual({ date, time });
  });
  it.each(['', '昨天', '2026-13-01', '2026-02-30', '2025-02-29', '2026-03-05 24:00', '2026-03-05 09:60', '05/03/2026', '1899-12-31', '12345'])('refuses %j', (raw) => {
    expect(hotlineTime(raw)).toBeNull();
  });
});

describe('the hotline words', () => {
  it('reads the caller’s satisfaction', () => {
    expect(['满意', '非常满意', '基本满意', '一般', '不满意', '非常不满意', '未评价', '', ' 不 满意 '].map(satisfactionOf)).toEqual(['satisfied', 'satisfied', 'basically', 'basically', 'unsatisfied', 'unsatisfied', null, null, 'unsatisfied']);
  });
  it('knows a closed ticket', () => {
    expect(['已办结', '办结', '已结案', '已完成', '已回访', '已归档', '办理中', '已受理', '待办理', '退回重办', ''].map(isClosedStatus)).toEqual([true, true, true, true, true, true, false, false, false, false, false]);
  });
  it('compares phones as the roster does, and not short numbers', () => {
    expect(callerKey('+86 138-0000-0001')).toBe('13800000001');
    expect(callerKey('0086 13800000001')).toBe('13800000001');
    expect(callerKey('110')).toBe('');
    expect(callerKey('')).toBe('');
  });
  it('makes a title from the first sentence', () => {
    expect(titleOf('幸福路路灯不亮。请尽快维修！')).toBe('幸福路路灯不亮');
    expect(titleOf('a'.repeat(50))).toBe(`${'a'.repeat(40)}…`);
    expect(titleOf('内容', ' 工单标题 ')).toBe('工单标题');
  });
});

describe('readTickets', () => {
  const head = ['工单编号', '来电时间', '诉求内容', '所属区域', '承办单位', '办理状态', '满意度评价', '来电号码'];
  it('finds the columns by header whatever their order, spaces or case', () => {
    const table = [[' 来电 时间', '诉求内容', '工单编号\uFEFF', '所属区域', '承办单位', '办理状态', '满意度评价', '来电号码', '备注'], ['2026-01-02 08:00', '内容', 'A1', '', '', '', '', '', 'x']];
    const r = readTickets(table, DEFAULT_COLUMNS, '2026-12-31');
    expect(r.missing).toEqual([]);
    expect(r.tickets).toHaveLength(1);
    expect(r.tickets[0].cells.ticketNo).toBe('A1');
    expect(r.tickets[0].receivedOn).toBe('2026-01-02');
  });
  it('names the mapped headers the file lacks', () => {
    expect(readTickets([['工单编号', '诉求内容']], { ...DEFAULT_COLUMNS, area: '', department: '', status: '', satisfaction: '', callerPhone: '' }, '2026-12-31').missing).toEqual([{ field: 'time', header: '来电时间' }]);
  });
  it('passes over blank rows and counts lines as the file does', () => {
    const r = readTickets([head, ['', '', ''], ['A1', '2026-01-02', '内容'], [], ['A2', '2026-01-03', '内容']], DEFAULT_COLUMNS, '2026-12-31');
    expect(r.tickets.map((x) => x.line)).toEqual([3, 5]);
  });
  it('finds every problem of a row', () => {
    const r = readTickets([head, ['', 'x', '', '', '', '', '', ''], ['A'.repeat(65), '2027-01-01', '内容']], DEFAULT_COLUMNS, '2026-12-31');
    expect(r.tickets[0].problems).toEqual([
      { line: 2, field: 'ticketNo', code: 'required' },
      { line: 2, field: 'content', code: 'required' },
      { line: 2, field: 'time', code: 'bad_date' },
    ]);
    expect(r.tickets[1].problems).toEqual([
      { line: 3, field: 'ticketNo', code: 'too_long', max: 64 },
      { line: 3, field: 'time', code: 'future_date' },
    ]);
  });
});
