import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import * as B from '../../shared/ballot/contract.ts';
import * as S from '../../shared/session/contract.ts';
import { hall, type Hall } from '../tally/helpers.ts';

/**
 * 发出票数多于出席人数: more cards issued than representatives present (6 issued, 5 present) is not refused — a count can
 * be mistyped, someone can check in late — but the desk is told with the numbers, the vote opens only when the
 * presidium confirms exactly those numbers, and the audit entry of the opening keeps the confirmation.
 */
const t = useTestApp();
let h: Hall;
/** The vote of these tests, as its routes' parameters. */
let theVote: { congressId: string; sessionId: string; voteId: string };
let cards: { serial: string; url: string }[];

type AuditRow = { action: string; targetId: string | null; details: Record<string, unknown> };
const auditOf = async (action: string) => ((await h.admin.get(`${h.base}/audit?limit=500`)).body as AuditRow[]).filter((e) => e.action === action);

describe('more cards issued than representatives present', () => {
  it('the desk that enters the count is answered with the cards issued, the people present and a warning', async () => {
    // Six seated, one of them marked absent: five present (quorum 4).
    h = await hall(t, { seated: 6, titles: ['桥梁', '广场', '学校'] });
    const reps = (await h.admin.get(`${h.base}/representatives`)).body as { id: string }[];
    expect((await h.admin.call(S.markAttendance, { params: { congressId: h.congressId, sessionId: h.sessionId, representativeId: reps[5].id }, body: { status: 'absent' } })).status).toBe(200);
    const v = (await h.roles.presidium.call(B.createVote, { params: { congressId: h.congressId, sessionId: h.sessionId }, body: { listId: h.listId, title: '票决' } })).body;
    theVote = { congressId: h.congressId, sessionId: h.sessionId, voteId: v.id };
    expect((await h.roles.scrutineer.call(B.generateCards, { params: theVote, body: { spareCards: 2 } })).status).toBe(201);
    cards = (await h.roles.scrutineer.call(B.printCards, { params: theVote })).body.cards;

    const right = await h.roles.scrutineer.call(B.issueByCount, { params: theVote, body: { count: 5 } });
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ ok: true, issued: 5, present: 5, overIssued: false });
    const over = await h.roles.scrutineer.call(B.issueByCount, { params: theVote, body: { count: 6 } });
    expect(over.body).toEqual({ ok: true, issued: 6, present: 5, overIssued: true });
    // The vote itself carries the figures (the vote page, the tally report and the big screen read them).
    const vote = (await h.roles.presidium.call(B.getVote, { params: theVote })).body;
    expect(vote.cards.issued).toBe(6);
    expect(vote.issuance).toEqual({ present: 5, overIssued: true });
    // The count entry is on record with the people present beside it.
    expect((await auditOf('ballot.issue_count')).map((e) => e.details)).toEqual([{ count: 6, present: 5 }, { count: 5, present: 5 }]);
  });

  it('scanning cards at the desk answers the same figures: the sixth scan for five people is flagged', async () => {
    let last: Record<string, unknown> = {};
    for (const c of cards.slice(0, 5)) last = (await h.roles.scrutineer.call(B.issueCard, { params: theVote, body: { card: c.serial } })).body;
    expect(last).toMatchObject({ issued: 5, present: 5, overIssued: false });
    const sixth = await h.roles.scrutineer.call(B.issueCard, { params: theVote, body: { card: cards[5].url } });
    expect(sixth.status).toBe(200);
    expect(sixth.body).toMatchObject({ serial: cards[5].serial, alreadyIssued: false, issued: 6, present: 5, overIssued: true });
  });

  it('opening answers 409 with both numbers, in Chinese and in English, until the request confirms them', async () => {
    const zh = await h.roles.presidium.call(B.openVote, { params: theVote, body: {} });
    expect(zh.status).toBe(409);
    expect(zh.body.error?.code).toBe('over_issued');
    expect(zh.body.error?.details).toEqual({ issued: 6, present: 5 });
    expect(zh.body.error?.message).toBe('已发出表决卡 6 张，多于出席代表 5 人。请先核对发票；确认无误后，须确认这两个数字才能开始表决。');
    h.roles.presidium.lang = 'en';
    const en = await h.roles.presidium.call(B.openVote, { params: theVote, body: { countdownSeconds: 300 } });
    h.roles.presidium.lang = 'zh-CN';
    expect(en.status).toBe(409);
    expect(en.body.error?.message).toBe('6 ballot cards issued, more than the 5 representatives present. Check the issuance first; to open the vote anyway, confirm these two numbers.');
    // A confirmation of other numbers than the ones standing does not open it (the figures moved since it was shown).
    expect((await h.roles.presidium.call(B.openVote, { params: theVote, body: { confirmOverIssue: { issued: 5, present: 5 } } })).body.error?.code).toBe('over_issued');
    expect((await h.roles.presidium.call(B.openVote, { params: theVote, body: { confirmOverIssue: { issued: 6, present: 4 } } })).body.error?.code).toBe('over_issued');
    expect((await h.roles.presidium.call(B.getVote, { params: theVote })).body.state).toBe('draft');
    expect(await auditOf('ballot.open_vote')).toEqual([]);
    // Not a presidium member: refused before any figure.
    expect((await h.roles.scrutineer.call(B.openVote, { params: theVote, body: { confirmOverIssue: { issued: 6, present: 5 } } })).status).toBe(403);
  });

  it('opens when the request confirms exactly the numbers, and the audit entry of the opening keeps the confirmation', async () => {
    const res = await h.roles.presidium.call(B.openVote, { params: theVote, body: { confirmOverIssue: { issued: 6, present: 5 } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'open', rollAtOpen: { seated: 6, present: 5 }, cards: { issued: 6 }, issuance: { present: 5, overIssued: true } });
    const [entry] = await auditOf('ballot.open_vote');
    expect(entry.targetId).toBe(res.body.id);
    expect(entry.details).toEqual({ seated: 6, present: 5, issued: 6, overIssueConfirmed: { issued: 6, present: 5 } });
  });

  it('a vote with no more cards than people opens without any confirmation, and its audit entry has none', async () => {
    const v = (await h.roles.presidium.call(B.createVote, { params: { congressId: h.congressId, sessionId: h.sessionId }, body: { listId: h.listId, title: '另一票决' } })).body;
    const vote2 = { congressId: h.congressId, sessionId: h.sessionId, voteId: v.id };
    expect((await h.roles.scrutineer.call(B.generateCards, { params: vote2, body: {} })).status).toBe(201);
    expect((await h.roles.scrutineer.call(B.issueByCount, { params: vote2, body: { count: 5 } })).body.overIssued).toBe(false);
    const res = await h.roles.presidium.call(B.openVote, { params: vote2, body: {} });
    expect(res.status).toBe(200);
    const entry = (await auditOf('ballot.open_vote')).find((e) => e.targetId === v.id)!;
    expect(entry.details).toEqual({ seated: 6, present: 5, issued: 5 });
  });

  it('after the close the figures are those of the close: a late arrival does not hide the excess of the vote that was', async () => {
    const reps = (await h.admin.get(`${h.base}/representatives`)).body as { id: string }[];
    expect((await h.roles.presidium.call(B.closeVote, { params: theVote })).status).toBe(200);
    expect((await h.admin.call(S.markAttendance, { params: { congressId: h.congressId, sessionId: h.sessionId, representativeId: reps[5].id }, body: { status: 'present' } })).status).toBe(200);
    expect((await h.roles.presidium.call(B.getVote, { params: theVote })).body).toMatchObject({ cards: { issued: 6 }, issuance: { present: 5, overIssued: true } });
  });
});
