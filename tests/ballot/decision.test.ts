/**
 * 关于实施XXXX年民生实事项目的决定 (SPEC §15): the draft as a pure function, and the decision as a motion through the
 * routes — drafted only after the project vote's chain is published, once per chain, adopted only when its sitting
 * passes it and is published, linked from the projects it adopted, and public only once adopted.
 */
import { describe, expect, it } from 'vitest';
import { adoptionLine, draftDecision, sessionFullName, wanText, zhDate } from '../../shared/ballot/decision.ts';
import { finalLists, type ChainVote } from '../../shared/tally/outcome.ts';

const cand = (id: string, f: number) => ({ id, title: `项目${id.toUpperCase()}`, for: f });
const PROJECTS = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, title: `项目${id.toUpperCase()}`, leadDepartment: `部门${i + 1}`, plannedInvestment: `${(i + 1) * 50}.00`, plannedCompletion: '2026-12-31' }));
const CONGRESS = { name: '青山镇第十八届人民代表大会' };
const SESSION = { name: '青山镇第十八届人民代表大会第三次会议', date: '2026-03-05' };

describe('draftDecision (pure)', () => {
  it('a chain with a runoff: the first vote in rank, then the runoff; its outcome said; closing line', () => {
    const chain: ChainVote[] = [
      { id: 'v1', kind: 'regular', seats: 3, previousVoteId: null, leftEmpty: false, result: { void: false, elected: ['b', 'a'], tied: [], candidates: [cand('a', 30), cand('b', 35), cand('c', 20), cand('d', 20)] } },
      { id: 'v2', kind: 'runoff', seats: 1, previousVoteId: 'v1', leftEmpty: false, result: { void: false, elected: ['d'], tied: [], candidates: [cand('c', 18), cand('d', 22)] } },
    ];
    const [finalList] = finalLists(chain);
    const d = draftDecision({ congress: CONGRESS, session: SESSION, year: 2026, finalList, projects: PROJECTS, runoffs: [{ voteId: 'v2', kind: 'runoff', title: '再次投票' }] });
    expect(d.title).toBe('青山镇第十八届人民代表大会第三次会议关于实施2026年民生实事项目的决定');
    const lines = d.body.split('\n');
    expect(lines[0]).toBe('青山镇第十八届人民代表大会第三次会议经过票决，决定实施以下三件民生实事项目：');
    expect(lines[1]).toBe('一、项目B（牵头单位：部门2；计划投资：100万元；计划完成时间：2026年12月31日）');
    expect(lines[2]).toBe('二、项目A（牵头单位：部门1；计划投资：50万元；计划完成时间：2026年12月31日）');
    expect(lines[3]).toBe('三、项目D（牵头单位：部门4；计划投资：200万元；计划完成时间：2026年12月31日）');
    expect(lines[4]).toBe('其中，第三项经再次投票确定。');
    expect(lines.at(-1)).toBe('本决定自通过之日起施行。');
    expect(d.body).not.toContain('空缺');
  });

  it('unfilled seats are said and left empty (no item stands for them); a further vote that elected none is said', () => {
    const chain: ChainVote[] = [
      { id: 'v1', kind: 'regular', seats: 4, previousVoteId: null, leftEmpty: false, result: { void: false, elected: ['a', 'b'], tied: [], candidates: [cand('a', 30), cand('b', 28), cand('c', 5)] } },
      { id: 'v2', kind: 'further', seats: 2, previousVoteId: 'v1', leftEmpty: true, result: { void: false, elected: [], tied: [], candidates: [cand('e', 3)] } },
    ];
    const [finalList] = finalLists(chain);
    expect(finalList.unfilledSeats).toBe(2);
    const d = draftDecision({ congress: CONGRESS, session: SESSION, year: 2026, finalList, projects: PROJECTS, runoffs: [{ voteId: 'v2', kind: 'further', title: '另行表决' }] });
    const lines = d.body.split('\n');
    expect(lines.filter((l) => /^[一二三四五六七八九十]+、/.test(l))).toHaveLength(2);
    expect(d.body).toContain('决定实施以下两件民生实事项目');
    expect(d.body).toContain('其中，另行表决未产生当选项目。');
    expect(d.body).toContain('本次票决应确定四件民生实事项目，实际确定两件，空缺两个名额，经主席团决定留空。');
  });

  it('refuses a list that is not final', () => {
    const [finalList] = finalLists([{ id: 'v1', kind: 'regular', seats: 2, previousVoteId: null, leftEmpty: false, result: null }]);
    expect(() => draftDecision({ congress: CONGRESS, session: SESSION, year: 2026, finalList, projects: PROJECTS })).toThrow();
  });

  it('words: the session under the congress, money and dates as the office writes them, the adoption line', () => {
    expect(sessionFullName(CONGRESS, { name: '第三次会议' })).toBe('青山镇第十八届人民代表大会第三次会议');
    expect(sessionFullName(CONGRESS, SESSION)).toBe(SESSION.name);
    expect(wanText('85.50')).toBe('85.5');
    expect(zhDate('2026-03-05')).toBe('2026年3月5日');
    expect(adoptionLine(CONGRESS, SESSION, '2026-03-05')).toBe('（2026年3月5日青山镇第十八届人民代表大会第三次会议通过）');
  });
});
