/**
 * From a closed vote to a published, signed result (design §5): preparation, sign-off order and roles, secrecy of the
 * figures before publication, immutability, the files, the receipt check, runoff, re-vote and the reserve pool.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../server/cli/verify.ts';
import * as T from '../../shared/tally/contract.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { hall, type Hall, marksOf, runVote, at } from './helpers.ts';

const t = useTestApp();
let h: Hall;
let voteId: string;
let path: string;
let printed: { serial: string; url: string }[] = [];
let receipts: string[];
let ids: string[];
const dir = mkdtempSync(join(tmpdir(), 'ms-verify-'));

/** 9 seated, all present: threshold more than 9/2 → 5. a 6, b 5, c 5 for 2 seats → a elected, b and c tied. */
const BALLOTS = ['FF--', 'FF--', 'FF--', 'F-FA', 'F-FA', 'F-F-', '-FF-', '-FF-', 'FFF-'];

beforeAll(async () => {
  h = await hall(t);
  ids = h.candidateIds;
  const res = await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '2027年民生实事项目票决' });
  voteId = res.body.id;
  path = `${h.base}/sessions/${h.sessionId}/votes/${voteId}`;
});

describe('preparing the tally', () => {
  it('waits for the close, and shows no figure while the vote is open (every route and caller: sealed-while-open.test.ts)', async () => {
    expect((await h.roles.scrutineer.call(T.getTally, { params: at(path) })).body).toMatchObject({ state: 'not_prepared', figures: null, totals: null, required: 2 });
    const whileOpen = async () => {
      // All nine ballots are in: a scrutineer still sees no figure, and cannot prepare the tally yet.
      expect((await h.roles.scrutineer.call(T.getTally, { params: at(path) })).body).toMatchObject({ state: 'not_prepared', figures: null, totals: null, invalidBallots: null });
      expect((await h.roles.scrutineer.call(T.prepareTally, { params: at(path) })).body.error?.code).toBe('tally_needs_close');
      expect((await new Client(t).call(T.getScreen, { params: { sessionId: h.sessionId } })).body.votes[0]).toMatchObject({ state: 'open', cast: 9, result: null });
    };
    ({ receipts, cards: printed } = await runVote(t, h, voteId, BALLOTS.map((s) => marksOf(ids, s)), { whileOpen }));
  });

  it('is for scrutineers only (not the presidium, not a system administrator without the role)', async () => {
    expect((await h.roles.presidium.call(T.prepareTally, { params: at(path) })).status).toBe(403);
    expect((await h.admin.call(T.prepareTally, { params: at(path) })).status).toBe(403);
    const res = await h.roles.scrutineer.call(T.prepareTally, { params: at(path) });
    expect(res.status, res.text).toBe(201);
    expect(res.body.state).toBe('prepared');
    expect((await h.roles.scrutineer2.call(T.prepareTally, { params: at(path) })).body.error?.code).toBe('tally_prepared');
  });

  it('counts by the rules: invalid, threshold, elected, tied, unfilled', async () => {
    const v = (await h.roles.scrutineer.call(T.getTally, { params: at(path) })).body;
    expect(v.totals).toEqual({ seated: 9, present: 9, issued: 9, cast: 9, valid: 8, invalid: 1, void: false, overIssued: 0 });
    expect(v.figures!.threshold).toBe(5);
    expect(v.figures!.candidates.map((c: { for: number; against: number; abstain: number }) => [c.for, c.against, c.abstain])).toEqual([
      [6, 0, 2],
      [5, 0, 3],
      [5, 0, 3],
      [0, 2, 6],
    ]);
    expect(v.figures!.elected).toEqual([ids[0]]);
    expect(v.figures!.tied).toEqual([ids[1], ids[2]]);
    expect(v.figures!.unfilledSeats).toBe(1);
    expect(v.figures!.candidates[0].title).toBe('道路硬化工程');
    // The invalid ballot, for the chief scrutineer to re-check: its marks, not which card (a tablet ballot), and the
    // question it is invalid for (a plain vote: its one question, the vote's id).
    expect(v.invalidBallots).toEqual([{ n: 1, marks: { [ids[0]]: 'for', [ids[1]]: 'for', [ids[2]]: 'for' }, paper: false, serial: null, questions: [v.voteId] }]);
    expect(v.digests!.receipts).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows nobody but the scrutineers a per-candidate figure before publication', async () => {
    for (const who of ['presidium', 'admin', 'government', 'representative', 'department'] as const) {
      const v = (await h.roles[who].call(T.getTally, { params: at(path) })).body;
      expect(v.state, who).toBe('prepared');
      expect(v.figures, who).toBeNull();
      expect(v.invalidBallots, who).toBeNull();
      // Nor the digests: with every other part of result.json known, a digest can be searched back into the counts.
      expect(v.resultDigest, who).toBeNull();
      expect(v.digests, who).toBeNull();
      expect(JSON.stringify(v)).not.toContain('"for"');
    }
    expect((await h.roles.scrutineer.call(T.getTally, { params: at(path) })).body.resultDigest).toMatch(/^[0-9a-f]{64}$/);
    expect((await h.roles.presidium.call(T.getTallyReport, { params: at(path) })).body.error?.code).toBe('result_not_published');
    expect((await new Client(t).call(T.getPublicResult, { params: { voteId: voteId } })).status).toBe(404);
    expect((await new Client(t).call(T.getBulletinFile, { params: { voteId: voteId } })).status).toBe(404);
    const screen = (await new Client(t).call(T.getScreen, { params: { sessionId: h.sessionId } })).body;
    expect(screen.votes[0]).toMatchObject({ cast: 9, published: false, result: null });
    // The audit log (read by administrators) keeps neither the figures nor the result's digest until publication.
    const audit = await h.admin.get(`${h.base}/audit?limit=200`);
    expect(audit.status, audit.text).toBe(200);
    const prep = (audit.body as { action: string; details: object }[]).find((e: { action: string }) => e.action === 'tally.prepare');
    expect(Object.keys(prep!.details).sort()).toEqual(['cast']);
    const digest = (await h.roles.scrutineer.call(T.getTally, { params: at(path) })).body.resultDigest as string;
    expect(JSON.stringify(audit.body)).not.toContain(digest);
    // No receipt is "found" before publication.
    expect((await new Client(t).call(T.checkReceipt, { body: { receipt: receipts[0], voteId } })).body.found).toEqual([]);
  });

  it('takes no paper ballot after the tally is prepared', async () => {
    // The serial as printed on a paper ballot (cards are no longer listed once the vote has opened).
    const res = await h.roles.scrutineer.post(`${path}/paper`, { card: printed[9].serial, marks: {} });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('tally_prepared');
  });
});

describe('sign-off and publication', () => {
  it('needs the chief scrutineer to confirm the re-check of the invalid ballots', async () => {
    expect((await h.roles.presidium.call(T.signTally, { params: at(path), body: { chief: true, invalidChecked: true } })).status).toBe(403);
    const res = await h.roles.scrutineer.call(T.signTally, { params: at(path), body: { chief: true } });
    expect(res.status).toBe(422);
    expect(res.body.error?.message).toContain('1 张计算机认定的无效票');
    const ok = await h.roles.scrutineer.call(T.signTally, { params: at(path), body: { chief: true, invalidChecked: true } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.signoffs).toHaveLength(1);
    expect(ok.body.signoffs[0]).toMatchObject({ chief: true, name: 'scrutineer用户' });
    expect(ok.body.mySignoff).toBe(true);
    expect((await h.roles.scrutineer.call(T.signTally, { params: at(path), body: {} })).body.error?.code).toBe('tally_already_signed');
    expect((await h.roles.scrutineer2.call(T.signTally, { params: at(path), body: { chief: true, invalidChecked: true } })).body.error?.code).toBe('tally_chief_taken');
  });

  it('publishes only with enough distinct sign-offs, by the presidium', async () => {
    const early = await h.roles.presidium.call(T.publishTally, { params: at(path) });
    expect(early.status).toBe(409);
    expect(early.body.error?.message).toBe('计票结果须由 2 名监票人（含总监票人）签字确认后才能公布，目前 1 名。');
    expect((await h.roles.scrutineer2.call(T.signTally, { params: at(path), body: {} })).status).toBe(200);
    const digest = (await h.roles.scrutineer.call(T.getTally, { params: at(path) })).body.resultDigest as string;
    const before = JSON.stringify((await h.admin.get(`${h.base}/audit?limit=500`)).body);
    expect(before, 'a sign-off entry holds the unpublished digest').not.toContain(digest);
    expect((await h.roles.scrutineer.call(T.publishTally, { params: at(path) })).status).toBe(403);
    const res = await h.roles.presidium.call(T.publishTally, { params: at(path) });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ state: 'published', publishedBy: 'presidium用户', resultDigest: digest });
    // Published: everyone sees the digest, and the publication's audit entry carries it.
    expect((await h.roles.representative.call(T.getTally, { params: at(path) })).body.resultDigest).toBe(digest);
    const pub = ((await h.admin.get(`${h.base}/audit?limit=500`)).body as { action: string; details: { resultDigest?: string } }[]).find((e) => e.action === 'tally.publish');
    expect(pub?.details.resultDigest).toBe(digest);
  });

  it('is immutable once published (409 through the API, refused by the database underneath)', async () => {
    expect((await h.roles.presidium.call(T.publishTally, { params: at(path) })).body.error?.code).toBe('result_published');
    expect((await h.roles.scrutineer.call(T.prepareTally, { params: at(path) })).body.error?.code).toBe('tally_prepared');
    const late = await h.roles.scrutineer2.call(T.signTally, { params: at(path), body: {} });
    expect(late.status).toBe(409);
    expect(['result_published', 'tally_already_signed']).toContain(late.body.error?.code);
    await expect(t.database.query(`update tallies set result = '{}' where vote_id = $1`, [voteId])).rejects.toThrow(/published/);
    await expect(t.database.query(`delete from tally_signoffs where vote_id = $1`, [voteId])).rejects.toThrow(/published/);
    await expect(t.database.query(`delete from tallies where vote_id = $1`, [voteId])).rejects.toThrow(/published/);
  });

  it('then shows the figures to everyone in the congress, and the report with its QR', async () => {
    const v = (await h.roles.representative.call(T.getTally, { params: at(path) })).body;
    expect(v.figures!.elected).toEqual([ids[0]]);
    expect(v.invalidBallots).toBeNull();
    const report = (await h.roles.department.call(T.getTallyReport, { params: at(path) })).body;
    expect(report).toMatchObject({ state: 'published', vote: { title: '2027年民生实事项目票决', seats: 2 }, session: { name: '第三次会议' }, result: { cast: 9, invalid: 1 } });
    expect(report.signoffs.map((s: { chief: boolean }) => s.chief)).toEqual([true, false]);
    expect(report.verifyUrl).toBe(`http://localhost/v/${voteId}#sha256=${report.resultDigest}`);
    expect(report.qrSvg).toMatch(/^<svg/);
    expect(report.result.cardsCommitment).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('elected candidates become projects', () => {
  it('on publication, once, with the candidate’s departments, money and dates; the tracking code leads there', async () => {
    const list = (await h.admin.get(`${h.base}/projects`)).body as { candidateId: string; title: string; leadDepartment: { id: string }; plannedInvestment: string }[];
    expect(list.map((p) => p.candidateId)).toEqual([ids[0]]);
    expect(list[0]).toMatchObject({ title: '道路硬化工程', leadDepartment: { id: h.department.id } });
    const track = (await new Client(t).get(`/api/public/track/${h.codes[0]}`)).body;
    expect(track.projectId).toBe((list[0] as unknown as { id: string }).id);
    expect((await new Client(t).get(`/api/public/track/${h.codes[1]}`)).body.projectId).toBeNull();
  });
});

describe('published files and the verifier', () => {
  let bulletinText: string;
  let resultText: string;
  it('serves bulletin.json and result.json to anyone, byte for byte as published', async () => {
    const anon = new Client(t);
    const b = await anon.call(T.getBulletinFile, { params: { voteId: voteId } });
    const r = await anon.call(T.getResultFile, { params: { voteId: voteId } });
    expect(b.status).toBe(200);
    expect(b.headers.get('content-disposition')).toBe('attachment; filename="bulletin.json"');
    bulletinText = b.text;
    resultText = r.text;
    const bulletin = JSON.parse(bulletinText);
    expect(bulletin.format).toBe('minsheng-bulletin/1');
    expect(bulletin.receipts).toEqual([...receipts].sort());
    expect(bulletin.ballots).toHaveLength(9);
    // Canonical order: sorted by JSON text — not the order of casting.
    const texts = bulletin.ballots.map((x: object) => JSON.stringify(x));
    expect(texts).toEqual([...texts].sort());
    const pub = (await anon.call(T.getPublicResult, { params: { voteId: voteId } })).body;
    expect(pub.result).toEqual(JSON.parse(resultText));
    expect(pub.candidates.map((c: { title: string }) => c.title)).toEqual(['道路硬化工程', '自来水工程', '路灯工程', '公厕工程']);
  });

  const verify = async (b: string, r: string) => {
    writeFileSync(join(dir, 'b.json'), b);
    writeFileSync(join(dir, 'r.json'), r);
    const out: string[] = [];
    const code = await runVerify(['--', join(dir, 'b.json'), join(dir, 'r.json')], (l) => out.push(l), (l) => out.push(l));
    return { code, out: out.join('\n') };
  };

  it('MATCH on the downloaded files', async () => {
    const v = await verify(bulletinText, resultText);
    expect(v.out).toContain('MATCH');
    expect(v.code).toBe(0);
  });

  it('exit 1 naming the difference: a changed figure, a changed digest, a changed elected list, a dropped ballot', async () => {
    const r = JSON.parse(resultText);
    const changed = (f: (x: typeof r) => void) => {
      const y = structuredClone(r);
      f(y);
      return JSON.stringify(y);
    };
    let v = await verify(bulletinText, changed((x) => (x.candidates[1].for = 6)));
    expect(v.code).toBe(1);
    expect(v.out).toContain(`candidate ${ids[1]} for: published 6, recount 5`);
    v = await verify(bulletinText, changed((x) => (x.digests.ballots = 'a'.repeat(64))));
    expect(v.code).toBe(1);
    expect(v.out).toContain('digest of ballots: published aaaa');
    v = await verify(bulletinText, changed((x) => (x.elected = [ids[0], ids[1]])));
    expect(v.code).toBe(1);
    expect(v.out).toContain(`elected: published [${ids[0]}, ${ids[1]}], recount [${ids[0]}]`);
    const b = JSON.parse(bulletinText);
    b.ballots.pop();
    v = await verify(JSON.stringify(b), resultText);
    expect(v.code).toBe(1);
    expect(v.out).toContain('cast: published 9, recount 8');
    expect(v.out).toContain('digest of ballots');
  });

  it('exit 2 with a clear message on garbage or a missing file', async () => {
    let v = await verify('not json', resultText);
    expect(v.code).toBe(2);
    expect(v.out).toContain('bulletin is not JSON');
    v = await verify(JSON.stringify({ format: 'minsheng-bulletin/1' }), resultText);
    expect(v.code).toBe(2);
    expect(v.out).toContain('not a valid minsheng-bulletin/1 file');
    const out: string[] = [];
    expect(await runVerify([join(dir, 'nope.json'), join(dir, 'r.json')], (l) => out.push(l), (l) => out.push(l))).toBe(2);
    expect(out.join()).toContain('cannot read');
    expect(await runVerify([join(dir, 'r.json')], () => {}, () => {})).toBe(2);
  });

  it('runs as `npm run verify` in its own process, offline: exit code and output', () => {
    writeFileSync(join(dir, 'b.json'), bulletinText);
    writeFileSync(join(dir, 'r.json'), resultText);
    // No DATABASE_URL, no server: only the two files.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/verify.ts', join(dir, 'b.json'), join(dir, 'r.json')], { encoding: 'utf8', env });
    expect(ok.stdout).toMatch(/^MATCH$/m);
    expect(ok.status).toBe(0);
    writeFileSync(join(dir, 'r2.json'), resultText.replace('"valid": 8', '"valid": 7'));
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/verify.ts', join(dir, 'b.json'), join(dir, 'r2.json')], { encoding: 'utf8', env });
    expect(bad.stdout).toContain('valid: published 7, recount 8');
    expect(bad.status).toBe(1);
    writeFileSync(join(dir, 'g.json'), '{"format":');
    const garbage = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/verify.ts', join(dir, 'g.json'), join(dir, 'r.json')], { encoding: 'utf8', env });
    expect(garbage.stderr).toContain('MALFORMED');
    expect(garbage.status).toBe(2);
  });

  it('accepts the two files in either order', async () => {
    writeFileSync(join(dir, 'b.json'), bulletinText);
    writeFileSync(join(dir, 'r.json'), resultText);
    expect(await runVerify([join(dir, 'r.json'), join(dir, 'b.json')], () => {}, () => {})).toBe(0);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(bulletinText);
  });
});

describe('receipt check', () => {
  it('finds each receipt in the published list, in any case and with dashes; not an unknown one', async () => {
    const anon = new Client(t);
    const r = receipts[3];
    const res = await anon.call(T.checkReceipt, { body: { receipt: `${r.slice(0, 5).toLowerCase()}-${r.slice(5)}`, congressId: h.congressId } });
    expect(res.body.receipt).toBe(r);
    expect(res.body.found).toEqual([expect.objectContaining({ voteId, title: '2027年民生实事项目票决', sessionName: '第三次会议' })]);
    expect((await anon.call(T.checkReceipt, { body: { receipt: 'ZZZZZZZZZZ', voteId } })).body.found).toEqual([]);
    expect((await anon.call(T.checkReceipt, { body: { receipt: r } })).status).toBe(400);
    expect((await anon.call(T.listPublishedVotes, { params: { congressId: h.congressId } })).body.map((x: { voteId: string }) => x.voteId)).toEqual([voteId]);
  });
});

describe('runoff, further vote and the reserve pool', () => {
  let runoffId: string;
  it('offers the runoff among the tied for the seat left, and nothing else', async () => {
    const v = (await h.roles.presidium.call(T.getTally, { params: at(path) })).body;
    expect(v.next).toMatchObject({ runoff: { seats: 1, candidateIds: [ids[1], ids[2]] }, further: null, revote: false });
    // b and c are undecided until the runoff: only d can go to the reserve pool now.
    expect(v.next.reservable.map((r: { id: string }) => r.id)).toEqual([ids[3]]);
    expect((await h.roles.presidium.call(T.createFurtherVote, { params: at(path), body: {} })).body.error?.code).toBe('further_not_possible');
    expect((await h.roles.presidium.call(T.createRevote, { params: at(path), body: {} })).body.error?.code).toBe('revote_not_void');
    expect((await h.roles.scrutineer.call(T.createRunoff, { params: at(path), body: {} })).status).toBe(403);
  });

  it('creates the runoff in one step, linked to the first vote; only once', async () => {
    const res = await h.roles.presidium.call(T.createRunoff, { params: at(path), body: {} });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ kind: 'runoff', seats: 1, maxFor: 1, previousVoteId: voteId, title: '2027年民生实事项目票决（再次投票）', state: 'draft' });
    expect(res.body.candidates.map((c: { id: string }) => c.id)).toEqual([ids[1], ids[2]]);
    runoffId = res.body.id;
    const again = await h.roles.presidium.call(T.createRunoff, { params: at(path), body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('follow_up_exists');
    expect((await h.roles.presidium.call(T.getTally, { params: at(path) })).body.followUps).toEqual([{ id: runoffId, title: res.body.title, kind: 'runoff' }]);
  });

  it('the runoff only takes its own candidates, and elects one', async () => {
    const rpath = `${h.base}/sessions/${h.sessionId}/votes/${runoffId}`;
    const { cards } = await runVote(t, h, runoffId, [...Array(6).fill({ [ids[1]]: 'for' }), ...Array(3).fill({ [ids[2]]: 'for' })], {
      whileOpen: async (cards) => {
        // The spare cards were not handed out; issue one to try it: the ballot shows only the tied two.
        await h.roles.scrutineer.post(`${rpath}/issue`, { card: cards[9].serial });
        const view = await new Client(t).post('/api/public/ballot/open', { token: cards[9].url });
        expect(view.body.candidates.map((c: { id: string }) => c.id)).toEqual([ids[1], ids[2]]);
        const res = await new Client(t).post('/api/public/ballot/cast', { token: cards[9].url.split('#')[1], marks: { [ids[0]]: 'for' } });
        expect(res.body.error?.code).toBe('ballot_marks');
        expect(res.body.error?.message).toContain('有不在清单上的项目');
        await h.roles.scrutineer.post(`${rpath}/void`, { serial: cards[9].serial });
      },
    });
    expect(cards).toHaveLength(9 + 5);
    await h.roles.scrutineer.call(T.prepareTally, { params: at(rpath) });
    await h.roles.scrutineer.call(T.signTally, { params: at(rpath), body: { chief: true } });
    await h.roles.scrutineer2.call(T.signTally, { params: at(rpath), body: {} });
    expect((await h.roles.presidium.call(T.publishTally, { params: at(rpath) })).status).toBe(200);
    const v = (await h.roles.presidium.call(T.getTally, { params: at(rpath) })).body;
    expect(v.figures).toMatchObject({ threshold: 5, elected: [ids[1]], tied: [], unfilledSeats: 0 });
    // The runoff's winner becomes a project too.
    expect((await h.admin.get(`${h.base}/projects`)).body.map((p: { candidateId: string }) => p.candidateId).sort()).toEqual([ids[0], ids[1]].sort());
    // Now c (lost the runoff) and d can go to the reserve pool — from either vote of the chain.
    expect(v.next.reservable.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[3]]);
    expect((await h.roles.presidium.call(T.getTally, { params: at(path) })).body.next.reservable.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[3]]);
    // The big screen's final list for the session: a (first vote, rank 1) then b (the runoff): both seats filled.
    const screen = (await new Client(t).call(T.getScreen, { params: { sessionId: h.sessionId } })).body;
    expect(screen.finals).toEqual([
      {
        voteIds: [voteId, runoffId],
        seats: 2,
        elected: [
          { id: ids[0], title: '道路硬化工程', for: 6, voteId, kind: 'regular' },
          { id: ids[1], title: '自来水工程', for: 6, voteId: runoffId, kind: 'runoff' },
        ],
        pending: false,
        unfilledSeats: 0,
        leftEmpty: false,
      },
    ]);
  });

  it('sends candidates not elected to the reserve pool; refuses an elected one', async () => {
    expect((await h.roles.government.call(T.reserveCandidates, { params: at(path), body: { candidateIds: [ids[0]] } })).body.error?.code).toBe('reserve_elected');
    for (const who of ['scrutineer', 'representative', 'department'] as const) expect((await h.roles[who].call(T.reserveCandidates, { params: at(path), body: { candidateIds: [ids[2]] } })).status, who).toBe(403);
    // The presidium too, deciding what follows the result (issue 20); the office for the rest.
    expect((await h.roles.presidium.call(T.reserveCandidates, { params: at(path), body: { candidateIds: [ids[2]] } })).body).toEqual({ reserved: 1 });
    const res = await h.roles.government.call(T.reserveCandidates, { params: at(path), body: { candidateIds: [ids[2], ids[3]] } });
    expect(res.body).toEqual({ reserved: 2 });
    const proposals = (await h.admin.get(`${h.base}/proposals?status=reserved`)).body as { candidateId: string | null; status: string }[];
    expect(proposals.filter((p) => p.status === 'reserved')).toHaveLength(2);
    const v = (await h.roles.presidium.call(T.getTally, { params: at(path) })).body;
    expect(v.next.reservable.every((r: { reserved: boolean }) => r.reserved)).toBe(true);
  });
});

describe('a further vote (另行表决) when the settings ask for it', () => {
  it('from a result with an unfilled seat and no tie, among the candidates not elected', async () => {
    const h2 = await hall(t, { seated: 6, titles: ['桥梁', '广场', '学校'], settings: { vote: { unfilledSeats: 'further_vote' } } });
    const v = (await h2.roles.presidium.post(`${h2.base}/sessions/${h2.sessionId}/votes`, { listId: h2.listId, title: '票决' })).body;
    // 6 seated → threshold 4. a 5, b 3, c 2: one of two seats unfilled.
    const p = `${h2.base}/sessions/${h2.sessionId}/votes/${v.id}`;
    await runVote(t, h2, v.id, ['FF-', 'FF-', 'FF-', 'F-F', 'F-F', '---'].map((s) => marksOf(h2.candidateIds, s)));
    await h2.roles.scrutineer.call(T.prepareTally, { params: at(p) });
    await h2.roles.scrutineer.call(T.signTally, { params: at(p), body: { chief: true } });
    await h2.roles.scrutineer2.call(T.signTally, { params: at(p), body: {} });
    await h2.roles.presidium.call(T.publishTally, { params: at(p) });
    const tv = (await h2.roles.presidium.call(T.getTally, { params: at(p) })).body;
    expect(tv.figures).toMatchObject({ elected: [h2.candidateIds[0]], tied: [], unfilledSeats: 1 });
    expect(tv.next.further).toEqual({ seats: 1, candidateIds: [h2.candidateIds[1], h2.candidateIds[2]] });
    expect((await h2.roles.presidium.call(T.createRunoff, { params: at(p), body: {} })).body.error?.code).toBe('runoff_not_possible');
    const res = await h2.roles.admin.call(T.createFurtherVote, { params: at(p), body: { title: '另行表决：补足名额' } });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ kind: 'further', seats: 1, title: '另行表决：补足名额', previousVoteId: v.id });
    expect(res.body.candidates).toHaveLength(2);
  });
});

describe('a void vote (more ballots cast than cards issued)', () => {
  it('is reported void with nobody elected, and can be voted again', async () => {
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '计数发票的表决' })).body;
    const p = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    // The desk entered 3 cards handed out, but 4 ballots came back.
    await runVote(t, h, v.id, ['FF--', 'FF--', 'FF--', 'FF--'].map((s) => marksOf(ids, s)), { issueCount: 3 });
    const prepared = (await h.roles.scrutineer.call(T.prepareTally, { params: at(p) })).body;
    expect(prepared.totals).toMatchObject({ issued: 3, cast: 4, void: true });
    expect(prepared.figures).toMatchObject({ elected: [], tied: [], unfilledSeats: 2 });
    await h.roles.scrutineer2.call(T.signTally, { params: at(p), body: { chief: true } });
    await h.roles.scrutineer.call(T.signTally, { params: at(p), body: {} });
    await h.roles.presidium.call(T.publishTally, { params: at(p) });
    expect((await h.roles.presidium.call(T.getTally, { params: at(p) })).body.next).toMatchObject({ revote: true, runoff: null, further: null });
    const re = await h.roles.presidium.call(T.createRevote, { params: at(p), body: {} });
    expect(re.status).toBe(201);
    expect(re.body).toMatchObject({ kind: 'revote', seats: 2, previousVoteId: v.id, title: '计数发票的表决（重新投票）' });
    expect(re.body.candidates).toHaveLength(4);
  });
});
