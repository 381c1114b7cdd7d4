import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_CONGRESS, DEMO_PASSWORD, loadDemo } from '../../server/demo/load-demo.ts';
import { COUNTY_ACCOUNTS, DEMO_COUNTY, DEMO_GENERATED, loadCountyDemo } from '../../server/demo/county-demo.ts';
import { verifyAuditChain } from '../../server/lib/audit.ts';
import { now, withClock } from '../../server/lib/clock.ts';
import { DemoClock, shanghai } from '../../server/demo/clock.ts';
import { parseCsv } from '../../shared/csv.ts';
import { verifyFiles } from '../../shared/tally/verify.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { shanghaiToday } from '../../shared/time.ts';

const t = useTestApp();

/** Rows of every table of the public schema, to show a second load writes nothing. */
async function rowCounts() {
  const tables = await t.database.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name");
  const out: Record<string, number> = {};
  for (const { table_name } of tables) out[table_name] = Number((await t.database.query<{ n: number }>(`select count(*)::int as n from "${table_name}"`))[0].n);
  return out;
}

describe('the demo clock', () => {
  it('stamps the story’s time only inside the demo’s calls, never goes backwards, and hands back the wall clock when done', async () => {
    const clock = new DemoClock(shanghai('2025-08-20', '09:00'));
    clock.set(shanghai('2026-01-10', '09:30'));
    const inside = await withClock(clock.now, async () => {
      await new Promise((r) => setTimeout(r, 5));
      return now();
    });
    expect(shanghaiToday(inside)).toBe('2026-01-10');
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
    // A time before the story's present becomes a second after it: events keep their order.
    const later = clock.set(shanghai('2025-12-01', '10:00'));
    expect(later.getTime()).toBeGreaterThan(shanghai('2026-01-10', '09:30').getTime());
    expect(later.getTime() - shanghai('2026-01-10', '09:30').getTime()).toBeLessThan(5000);
    clock.end();
    expect(Math.abs((await withClock(clock.now, async () => now())).getTime() - Date.now())).toBeLessThan(1000);
  });

  it('never stamps a step placed later today after the real present (a demo loaded after midnight), and still moves forward', () => {
    const clock = new DemoClock(new Date(Date.now() - 3 * 86_400_000));
    const ahead = clock.set(new Date(Date.now() + 9 * 3_600_000)); // "today at 10:00", loaded at 00:20
    expect(ahead.getTime()).toBeLessThan(Date.now());
    const next = clock.set(new Date(Date.now() + 10 * 3_600_000));
    expect(next.getTime()).toBeGreaterThan(ahead.getTime());
    expect(next.getTime()).toBeLessThan(Date.now());
    clock.end();
  });
});

describe('the demo township (npm start -- --demo): a whole year', () => {
  let admin: Client;
  let id: string;
  let base: string;

  let loadStarted = 0;
  let loadEnded = 0;
  it('loads once; loading again changes no row of any table', async () => {
    const started = performance.now();
    loadStarted = Date.now();
    // The told township alone first (its story is checked table-wide below); the demo county comes at the end.
    await loadDemo(t.database, { county: false });
    loadEnded = Date.now();
    console.log(`demo load: ${Math.round(performance.now() - started)} ms`);
    const before = await rowCounts();
    await loadDemo(t.database, { county: false });
    expect(await rowCounts()).toEqual(before);
    // What the year left in the tables (through the real routes, so the audit log has every step).
    // Four votes: the opening sitting (agenda and name lists), the project vote, its runoff, the decision's sitting.
    expect(before).toMatchObject({ proposals: 31, candidates: 12, votes: 4, motions: 4, ballots: 164, tally_signoffs: 8, projects: 10, milestones: 40, inspections: 3, eval_rounds: 3 });
    expect(before.project_files).toBe(34); // 32 project photos and 2 inspection photos
    expect(before.audit_log).toBeGreaterThan(300);
    admin = new Client(t);
    await admin.login('admin', DEMO_PASSWORD);
    const list = (await admin.get('/api/congresses')).body;
    expect(list.map((c: { name: string }) => c.name)).toEqual([DEMO_CONGRESS]);
    id = list[0].id;
    base = `/api/congresses/${id}`;
  }, 300_000);

  it('wrote the messages its story reports (through the same triggers as life) and marked every one never to be sent', async () => {
    const rows = await t.database.query<{ kind: string; state: string; reason: string | null; n: number }>(`select kind, state, reason, count(*)::int as n from outbox group by kind, state, reason`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.state === 'skipped' && r.reason === 'demo'), JSON.stringify(rows)).toBe(true);
    // Residents told of their items, representatives of the rounds opened (the kinds a year of this story writes).
    for (const kind of ['item_screened', 'item_answered', 'evaluation_open', 'inspection']) expect(rows.map((r) => r.kind), kind).toContain(kind);
  });

  it('has its roster, eight departments and an account for every role', async () => {
    expect((await admin.get(`${base}/representatives`)).body).toHaveLength(45);
    expect((await admin.get(`${base}/departments`)).body).toHaveLength(8);
    const roles = new Set((await admin.get(`${base}/members`)).body.map((m: { role: string }) => m.role));
    // Representatives hold their role through their delegate cards (they signed in to evaluate).
    expect([...roles].sort()).toEqual(['admin', 'department', 'government', 'presidium', 'representative', 'scrutineer', 'station']);
    for (const u of DEMO_ACCOUNTS) await new Client(t).login(u, DEMO_PASSWORD);
    // A representative signs in with the card QR, as in the hall.
    const card = (await admin.get(`${base}/roster/cards`)).body.cards[0];
    expect((await new Client(t).post('/api/auth/card-login', { token: card.url.split('#')[1] })).status).toBe(200);
  });

  it('gathered thirty proposals from every channel: accepted, merged, not adopted with reasons, reserved; a frozen list of 12 for 10 seats', async () => {
    const year = Number(shanghaiToday().slice(0, 4));
    const proposals = (await admin.get(`${base}/proposals?year=${year}`)).body as { channel: string; status: string; decisionReason?: string }[];
    expect(proposals).toHaveLength(30);
    expect(new Set(proposals.map((p) => p.channel)).size).toBe(6);
    const by = (s: string) => proposals.filter((p) => p.status === s).length;
    // 12 candidates, 10 elected; the two not elected went to the reserve pool after the vote.
    expect({ accepted: by('accepted'), merged: by('merged'), not_adopted: by('not_adopted'), reserved: by('reserved') }).toEqual({ accepted: 10, merged: 6, not_adopted: 7, reserved: 7 });
    const lists = (await new Client(t).get(`/api/public/congresses/${id}/candidate-lists`)).body;
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ seats: 10 });
    expect(lists[0].items).toHaveLength(12);
  });

  it('held the January session: most present, two on leave, two absent', async () => {
    const [session] = (await admin.get(`${base}/sessions`)).body;
    expect(session.date).toMatch(/^\d{4}-01-/);
    expect(session).toMatchObject({ seated: 45, present: 41, leave: 2, absent: 2, quorum: { met: true } });
    const rows = (await admin.get(`${base}/sessions/${session.id}/attendance`)).body as { via: string | null }[];
    expect(rows.filter((r) => r.via === 'card').length).toBeGreaterThan(30);
  });

  it('voted on printed cards (tablets and paper) with a tie for the tenth seat, then a runoff; both signed and published', async () => {
    const [session] = (await admin.get(`${base}/sessions`)).body;
    const sp = `${base}/sessions/${session.id}`;
    const votes = (await admin.get(`${sp}/votes`)).body as { id: string; kind: string; listId: string | null; previousVoteId: string | null }[];
    expect(votes.map((v) => v.kind).sort()).toEqual(['regular', 'regular', 'regular', 'runoff']);
    const first = votes.find((v) => v.kind === 'regular' && v.listId)!;
    const runoff = votes.find((v) => v.kind === 'runoff')!;
    expect(runoff.previousVoteId).toBe(first.id);
    const v1 = (await admin.get(`${sp}/votes/${first.id}/tally`)).body;
    expect(v1.state).toBe('published');
    expect(v1.totals).toMatchObject({ seated: 45, present: 41, issued: 41, cast: 41, valid: 40, invalid: 1, void: false });
    expect(v1.figures.threshold).toBe(23);
    expect(v1.figures.elected).toHaveLength(9);
    expect(v1.figures.tied).toHaveLength(2);
    expect(v1.figures.unfilledSeats).toBe(1);
    expect(v1.signoffs).toHaveLength(2);
    expect(v1.signoffs.filter((s: { chief: boolean }) => s.chief)).toHaveLength(1);
    const v2 = (await admin.get(`${sp}/votes/${runoff.id}/tally`)).body;
    expect(v2.state).toBe('published');
    expect(v2.figures).toMatchObject({ elected: [v1.figures.tied[0]], tied: [], unfilledSeats: 0 });
    expect(v2.signoffs).toHaveLength(2);
    // Paper ballots keyed in by two counters are in the count.
    const paper = await t.database.query<{ n: number }>('select count(*)::int as n from ballots where paper', []);
    expect(Number(paper[0].n)).toBeGreaterThanOrEqual(3);
    const pub = (await new Client(t).get(`/api/public/votes/${first.id}/result`)).status;
    expect(pub).toBe(200);
  });

  it('opened with the agenda and both name lists on one card, adopted the decision on the projects, and evaluated the departments in the hall', async () => {
    const [session] = (await admin.get(`${base}/sessions`)).body;
    const sp = `${base}/sessions/${session.id}`;
    const motions = (await admin.get(`${sp}/motions`)).body as { id: string; kind: string; state: string; voteId: string; result: { for: number; passed: boolean } | null }[];
    expect(motions.map((m) => m.kind)).toEqual(['agenda', 'name_list', 'name_list', 'decision']);
    expect(motions.every((m) => m.state === 'passed' && m.result?.passed)).toBe(true);
    // The opening sitting: one card, three questions, published as a version-2 file that the verifier recounts.
    const opening = motions[0].voteId;
    expect(motions.slice(0, 3).every((m) => m.voteId === opening)).toBe(true);
    const anon = new Client(t);
    const [bulletin, result] = [(await anon.get(`/api/public/votes/${opening}/bulletin.json`)).text, (await anon.get(`/api/public/votes/${opening}/result.json`)).text];
    expect(JSON.parse(result)).toMatchObject({ format: 'minsheng-result/2', cast: 41, questions: [{ passed: true }, { passed: true }, { passed: true }] });
    expect(await verifyFiles(bulletin, result)).toEqual({ kind: 'match' });
    // The decision: adopted, public, and each project links to it.
    const decisions = (await anon.get(`/api/public/congresses/${id}/decisions`)).body as { motionId: string; title: string; body: string; projects: unknown[] }[];
    expect(decisions).toHaveLength(1);
    expect(decisions[0].title).toMatch(/关于实施\d{4}年民生实事项目的决定/);
    expect(decisions[0].body).toContain('各责任单位要按照计划抓紧实施');
    expect(decisions[0].projects).toHaveLength(10);
    const projects = (await admin.get(`${base}/projects`)).body as { id: string }[];
    const project = (await admin.get(`${base}/projects/${projects[0].id}`)).body;
    expect(project.decision?.motionId).toBe(decisions[0].motionId);
    // The departments' evaluation at the session: held in the hall, published with its grades.
    const rounds = (await admin.get(`${base}/evaluation/rounds`)).body as { id: string; title: string; state: string }[];
    const hall = rounds.find((r) => r.title.includes('会场'))!;
    expect(hall.state).toBe('published');
    const results = (await admin.get(`${base}/evaluation/rounds/${hall.id}/results`)).body;
    expect(results.responses.representatives).toBe(39);
    expect(results.targets.map((x: { kind: string }) => x.kind)).toEqual(Array(6).fill('department'));
  });

  it('made ten projects from the elected, with milestones, photos, reports, late items, inspections and answers', async () => {
    const projects = (await admin.get(`${base}/projects`)).body as { id: string; status: string; health: string; milestones: number; lateMilestones: number; candidateId: string | null }[];
    expect(projects).toHaveLength(10);
    expect(projects.every((p) => p.candidateId && p.milestones === 4)).toBe(true);
    expect(projects.filter((p) => p.status === 'completed')).toHaveLength(2);
    expect(projects.filter((p) => p.lateMilestones > 0).length).toBeGreaterThanOrEqual(2);
    const detail = (await admin.get(`${base}/projects/${projects[0].id}`)).body;
    expect(detail.files.filter((f: { kind: string }) => f.kind === 'photo').length).toBeGreaterThanOrEqual(3);
    expect(detail.updates.length).toBeGreaterThanOrEqual(2);
    const pub = (await new Client(t).get(`/api/public/projects/${projects[0].id}`)).body;
    expect(pub.photos?.length ?? pub.files?.length).toBeGreaterThan(0);
    const inspections = (await admin.get(`${base}/inspections`)).body as { id: string }[];
    expect(inspections).toHaveLength(3);
    const findings = (await admin.get(`${base}/findings`)).body as { state: string }[];
    expect(findings.map((f) => f.state).sort()).toEqual(expect.arrayContaining(['accepted', 'awaiting_answer']));
    expect(findings.filter((f) => f.state === 'accepted')).toHaveLength(2);
  });

  it('evaluated at year end with published grades; one 不满意 was rectified and re-evaluated', async () => {
    const rounds = (await admin.get(`${base}/evaluation/rounds`)).body as { id: string; state: string; kind: string; previousRoundId: string | null }[];
    expect(rounds).toHaveLength(3);
    expect(rounds.every((r) => r.state === 'published')).toBe(true);
    const re = rounds.find((r) => r.kind === 'reevaluation')!;
    const main = rounds.find((r) => r.id === re.previousRoundId)!;
    expect(re.previousRoundId).toBe(main.id);
    const r1 = (await admin.get(`${base}/evaluation/rounds/${main.id}/results`)).body;
    const grades = r1.targets.map((x: { grade: string }) => x.grade);
    expect(grades).toContain('satisfied');
    const bad = r1.targets.filter((x: { grade: string }) => x.grade === 'dissatisfied');
    expect(bad.map((x: { kind: string; title: string }) => `${x.kind}:${x.title}`)).toEqual(['department:县交通运输局青山站']);
    // A department sees the published grades.
    const dept = new Client(t);
    await dept.login('dept-transport', DEMO_PASSWORD);
    expect((await dept.get(`${base}/evaluation/rounds/${main.id}/results`)).status).toBe(200);
    expect(r1.responses.representatives).toBe(12);
    expect(r1.responses.residents).toBe(30);
    const rects = (await admin.get(`${base}/rectifications`)).body as { roundId: string; grade: string; state: string; requiresReevaluation: boolean; reevaluation: { grade: string } | null }[];
    const r = rects.find((x) => x.roundId === main.id && x.requiresReevaluation)!;
    expect(r).toMatchObject({ grade: 'dissatisfied', state: 'accepted' });
    const r2 = (await admin.get(`${base}/evaluation/rounds/${re.id}/results`)).body;
    expect(r2.responses).toEqual({ representatives: 8, residents: 16, all: 24 });
    expect(r2.targets).toHaveLength(1);
    expect(r.reevaluation?.grade).toBe('satisfied');
  });

  describe('tells a believable year: every time inside the window or stage it belongs to', () => {
    /** Rows of a query whose `*_ms` columns are epoch milliseconds and whose date columns are text. */
    const rows = <T,>(text: string) => t.database.query<T>(text);
    const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;
    const day = (v: number) => shanghaiToday(new Date(v));
    let sessionDate = '';
    let year = 0;

    it('keeps no time of the load itself: every time the system stamped is a time of the story, none after today', async () => {
      const cols = await rows<{ table_name: string; column_name: string }>(
        "select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type = 'timestamp with time zone' order by 1, 2",
      );
      const story = ['congresses', 'proposals', 'candidates', 'candidate_lists', 'congress_sessions', 'attendance', 'votes', 'tallies', 'tally_signoffs', 'projects', 'milestones', 'project_updates', 'project_files', 'inspections', 'findings', 'eval_rounds', 'rectifications'];
      for (const name of story) expect(cols.some((c) => c.table_name === name), name).toBe(true);
      for (const { table_name, column_name } of cols) {
        if (['sessions', 'rate_limits', 'signing_keys', 'audit_log', 'kiosks'].includes(table_name)) continue;
        const [r] = await rows<{ n: number }>(`select count(*)::int as n from "${table_name}" where "${column_name}" between to_timestamp(${loadStarted / 1000}) and to_timestamp(${loadEnded / 1000})`);
        expect(Number(r.n), `${table_name}.${column_name} at the time of the load`).toBe(0);
      }
      const [s] = await rows<{ date: string }>('select date::text as date from congress_sessions');
      sessionDate = s.date;
      year = Number(sessionDate.slice(0, 4));
      // The audit log too (what the tests did after the load is logged at its own time, later).
      const [a] = await rows<{ first: number; during: number }>(
        `select min(${ms('at::timestamptz')}) as first, count(*) filter (where at::timestamptz between to_timestamp(${loadStarted / 1000}) and to_timestamp(${loadEnded / 1000}))::int as during from audit_log`,
      );
      expect(day(a.first) >= `${year - 1}-08-01`).toBe(true);
      expect(Number(a.during)).toBe(0);
    });

    it('took every proposal inside its collection window (last autumn), screened it after, drafted and froze the list before the session', async () => {
      const [w] = await rows<{ opens: string; closes: string; year: number }>(`select opens_on::text as opens, closes_on::text as closes, year from collection_windows where year = ${year}`);
      expect(w).toMatchObject({ opens: `${year - 1}-09-01`, closes: `${year - 1}-10-31`, year });
      const ps = await rows<{ created_ms: number; screened_ms: number | null }>(`select ${ms('created_at')} as created_ms, ${ms('screened_at')} as screened_ms from proposals where year = ${year}`);
      expect(ps).toHaveLength(30);
      for (const p of ps) {
        expect(day(p.created_ms) >= w.opens && day(p.created_ms) <= w.closes, day(p.created_ms)).toBe(true);
        expect(p.screened_ms).not.toBeNull();
        expect(p.screened_ms!).toBeGreaterThan(p.created_ms);
        expect(day(p.screened_ms!) > w.closes).toBe(true);
      }
      // Not all on one day: they arrived over the window.
      expect(new Set(ps.map((p) => day(p.created_ms))).size).toBeGreaterThan(20);
      const [l] = await rows<{ created_ms: number; frozen_ms: number }>(`select ${ms('created_at')} as created_ms, ${ms('frozen_at')} as frozen_ms from candidate_lists`);
      expect(l.created_ms).toBeGreaterThan(Math.max(...ps.map((p) => p.screened_ms!)));
      expect(l.frozen_ms).toBeGreaterThan(l.created_ms);
      expect(day(l.frozen_ms) < sessionDate).toBe(true);
      // The staff's export says when each came in, the one way dates are written: 2025年9月2日 09:00.
      const csv = parseCsv((await admin.get(`${base}/proposals/export.csv?year=${year}`)).text);
      const col = csv[0].indexOf('提交时间（北京时间）');
      for (const r of csv.slice(1)) expect(r[col]).toMatch(new RegExp(`^${year - 1}年(9|10)月\\d{1,2}日 \\d{2}:\\d{2}$`));
    });

    it('checked in on the session day, then opened < closed < tallied < signed < published each vote that day, one after another', async () => {
      const [s] = await rows<{ created_ms: number }>(`select ${ms('created_at')} as created_ms from congress_sessions`);
      expect(day(s.created_ms) < sessionDate).toBe(true);
      const att = await rows<{ via: string | null; status: string; at_ms: number }>(`select via, status, ${ms('updated_at')} as at_ms from attendance`);
      for (const a of att.filter((x) => x.status === 'present')) expect(day(a.at_ms)).toBe(sessionDate);
      const votes = await rows<{ id: string; cards_ms: number; opened_ms: number; closed_ms: number; ends_ms: number; prepared_ms: number; published_ms: number }>(
        `select v.id, ${ms('v.cards_generated_at')} as cards_ms, ${ms('v.opened_at')} as opened_ms, ${ms('v.closed_at')} as closed_ms, ${ms('v.countdown_ends_at')} as ends_ms,
                ${ms('t.prepared_at')} as prepared_ms, ${ms('t.published_at')} as published_ms
           from votes v join tallies t on t.vote_id = v.id order by v.opened_at`,
      );
      expect(votes).toHaveLength(4);
      const lastCheckIn = Math.max(...att.filter((x) => x.status === 'present').map((a) => a.at_ms));
      let previous = lastCheckIn;
      for (const v of votes) {
        expect(v.cards_ms).toBeGreaterThan(previous);
        expect(v.opened_ms).toBeGreaterThan(v.cards_ms);
        expect(v.ends_ms - v.opened_ms).toBe(900_000);
        expect(v.closed_ms).toBeGreaterThanOrEqual(v.ends_ms);
        expect(v.prepared_ms).toBeGreaterThan(v.closed_ms);
        const signs = await rows<{ at_ms: number }>(`select ${ms('signed_at')} as at_ms from tally_signoffs where vote_id = '${v.id}'`);
        expect(signs).toHaveLength(2);
        for (const x of signs) expect(x.at_ms).toBeGreaterThan(v.prepared_ms);
        expect(v.published_ms).toBeGreaterThan(Math.max(...signs.map((x) => x.at_ms)));
        for (const x of [v.opened_ms, v.closed_ms, v.published_ms]) expect(day(x)).toBe(sessionDate);
        previous = v.published_ms;
      }
      // The public result says it was published on the session day.
      const pub = (await new Client(t).get(`/api/public/votes/${votes[0].id}/result`)).body;
      expect(day(Date.parse(pub.publishedAt))).toBe(sessionDate);
    });

    it('made the projects at publication, then planned, built, reported and inspected them through the year, never after today', async () => {
      const publications = (await rows<{ p: number }>(`select ${ms('published_at')} as p from tallies`)).map((r) => r.p);
      const published = Math.min(...publications);
      const today = shanghaiToday();
      const projects = await rows<{ id: string; created_ms: number }>(`select id, ${ms('created_at')} as created_ms from projects`);
      // In the publication's own transaction (the database's time is the start of it: within a second of the stamp).
      for (const p of projects) expect(Math.min(...publications.map((x) => Math.abs(p.created_ms - x)))).toBeLessThan(1000);
      for (const [table, col] of [['milestones', 'created_at'], ['project_updates', 'created_at'], ['project_files', 'created_at'], ['inspections', 'created_at'], ['findings', 'created_at'], ['findings', 'answered_at']] as const) {
        const r = await rows<{ at_ms: number }>(`select ${ms(col)} as at_ms from ${table} where ${col} is not null`);
        expect(r.length, table).toBeGreaterThan(0);
        for (const x of r) {
          expect(x.at_ms, `${table}.${col}`).toBeGreaterThan(published);
          expect(day(x.at_ms) <= today, `${table}.${col}`).toBe(true);
        }
        // Spread over the year, not one moment.
        if (table !== 'findings' && table !== 'inspections') expect(new Set(r.map((x) => day(x.at_ms))).size, table).toBeGreaterThan(3);
      }
      // A milestone is done on the day the department says; an inspection is recorded on its day.
      const done = await rows<{ actual: string }>(`select actual_date::text as actual from milestones where status = 'done'`);
      expect(done.length).toBeGreaterThan(20);
      for (const m of done) expect(m.actual >= sessionDate && m.actual <= today).toBe(true);
      const files = await rows<{ at_ms: number; actual: string }>(`select ${ms('f.created_at')} as at_ms, m.actual_date::text as actual from project_files f join milestones m on m.id = f.milestone_id where m.actual_date is not null`);
      for (const f of files) expect(day(f.at_ms)).toBe(f.actual);
      const ins = await rows<{ date: string; at_ms: number }>(`select date::text as date, ${ms('created_at')} as at_ms from inspections`);
      for (const i of ins) expect(day(i.at_ms)).toBe(i.date);
      const answered = await rows<{ created_ms: number; answered_ms: number }>(`select ${ms('created_at')} as created_ms, ${ms('answered_at')} as answered_ms from findings where answered_at is not null`);
      for (const f of answered) expect(f.answered_ms).toBeGreaterThan(f.created_ms);
    });

    it('evaluated after the works: created < opened < closed < published; the rectification reported, then the re-evaluation', async () => {
      const lastUpdate = (await rows<{ m: number }>(`select max(${ms('created_at')}) as m from project_updates`))[0].m;
      const rounds = await rows<{ id: string; kind: string; created_ms: number; opened_ms: number; closed_ms: number; published_ms: number }>(
        `select id, kind, ${ms('created_at')} as created_ms, ${ms('opened_at')} as opened_ms, ${ms('closed_at')} as closed_ms, ${ms('published_at')} as published_ms from eval_rounds order by created_at`,
      );
      // The hall round (made before the session) first, then the year-end round and its re-evaluation.
      expect(rounds.map((r) => r.kind)).toEqual(['regular', 'regular', 'reevaluation']);
      const [, main, re] = rounds;
      expect(main.created_ms).toBeGreaterThan(lastUpdate);
      for (const r of rounds) {
        expect(r.opened_ms).toBeGreaterThan(r.created_ms);
        expect(r.closed_ms).toBeGreaterThan(r.opened_ms);
        expect(r.published_ms).toBeGreaterThan(r.closed_ms);
        expect(day(r.published_ms) <= shanghaiToday()).toBe(true);
      }
      const [x] = await rows<{ reported_ms: number; deadline: string; created_ms: number }>(`select ${ms('reported_at')} as reported_ms, deadline::text as deadline, ${ms('created_at')} as created_ms from rectifications where requires_reevaluation`);
      expect(Math.abs(x.created_ms - main.published_ms)).toBeLessThan(1000);
      expect(x.reported_ms).toBeGreaterThan(main.published_ms);
      // The deadline counts from the publication, not from the day the demo was loaded.
      expect(x.deadline).toBe(shanghaiToday(new Date(main.published_ms + 30 * 86400_000)));
      expect(re.created_ms).toBeGreaterThan(x.reported_ms);
      expect(re.opened_ms).toBeGreaterThan(main.published_ms);
    });

    it('wrote its audit log in the order of the story: each entry no earlier than the one before', async () => {
      const log = await rows<{ seq: number; at_ms: number; action: string }>(`select seq, ${ms('at::timestamptz')} as at_ms, action from audit_log order by seq`);
      expect(log.length).toBeGreaterThan(300);
      for (let i = 1; i < log.length; i++) expect(log[i].at_ms, `${log[i].action} after ${log[i - 1].action}`).toBeGreaterThanOrEqual(log[i - 1].at_ms);
      const publish = log.filter((e) => e.action === 'tally.publish');
      expect(publish.map((e) => day(e.at_ms))).toEqual([sessionDate, sessionDate, sessionDate, sessionDate]);
    });
  });

  it('ran the year-round loop: stations and receptions, items of every source in every state, the 12345 imports, monthly reviews, the duty archive', async () => {
    const year = Number(shanghaiToday().slice(0, 4));
    const q = <T,>(text: string) => t.database.query<T>(text);
    const count = async (table: string, where = 'true') => Number((await q<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`))[0].n);
    // One central and three village stations, each with its keeper and representatives; a published plan; records with photos.
    const stations = (await admin.get(`${base}/stations`)).body as { id: string; kind: string }[];
    expect(stations.map((s) => s.kind).sort()).toEqual(['central', 'village', 'village', 'village']);
    expect(await count('memberships', "role = 'station' and station_id is not null")).toBe(4);
    expect(await count('reception_days', 'published_at is not null')).toBeGreaterThan(40);
    expect(await count('receptions')).toBeGreaterThan(30);
    expect(await count('receptions', "kind = 'home_visit'")).toBeGreaterThan(0);
    expect(await count('loop_files', "owner_kind = 'reception'")).toBeGreaterThan(0);
    // Items from every source, in every state, received over the months of the year.
    const sources = (await q<{ source: string }>('select distinct source from items')).map((r) => r.source).sort();
    expect(sources).toEqual(['hotline', 'inspection', 'reception', 'representative', 'resident', 'staff']);
    const states = (await q<{ status: string }>('select distinct status from items')).map((r) => r.status).sort();
    expect(states).toEqual(['answered', 'assigned', 'done', 'merged', 'received', 'referred', 'to_proposal']);
    expect(new Set((await q<{ m: string }>("select distinct to_char(received_on, 'YYYY-MM') as m from items")).map((r) => r.m)).size).toBeGreaterThan(6);
    // The item that became a proposal of next year's window is followed by its tracking code to that proposal.
    const [tp] = await q<{ code: string; pcode: string; pyear: number }>("select i.tracking_code as code, p.tracking_code as pcode, p.year as pyear from items i join proposals p on p.id = i.proposal_id where i.status = 'to_proposal'");
    expect(tp.pyear).toBe(year + 1);
    expect((await new Client(t).get(`/api/public/items/${tp.code}`)).body.proposal).toMatchObject({ trackingCode: tp.pcode });
    expect((await new Client(t).get(`/api/public/track/${tp.pcode}`)).body).toMatchObject({ year: year + 1, status: 'submitted' });
    // The chase: overdue items, key items with on-site supervision, a reopened item, ratings back-to-back (no rater).
    const page = (await admin.get(`${base}/items?due=overdue`)).body as { total: number };
    expect(page.total).toBeGreaterThan(0);
    expect(await count('items', 'key_item')).toBeGreaterThan(2);
    expect(await count('item_supervisions')).toBeGreaterThan(0);
    expect(await count('items', 'round = 2')).toBeGreaterThan(0);
    expect(await count('handling_ratings')).toBe(await count('handling_rating_grants'));
    // 12345: two imports (mid-year xlsx, year-end GBK CSV), each ticket once; the caller's 不满意 on the key-item list.
    expect((await admin.get(`${base}/hotline/imports`)).body.total).toBe(2);
    expect(await count('items', "source = 'hotline'")).toBe(await count('items', "source = 'hotline' and ticket_no is not null"));
    expect(Number((await q<{ n: number }>("select count(distinct ticket_no)::int as n from items where source = 'hotline'"))[0].n)).toBe(await count('items', "source = 'hotline'"));
    expect(await count('items', "source = 'hotline' and key_item")).toBeGreaterThan(0);
    // The official calendar, a review meeting for each month gone by, the figures add up to the items of the year.
    expect(await count('calendar_days', `kind = 'holiday' and extract(year from day) = ${year}`)).toBeGreaterThan(10);
    expect(await count('review_meetings')).toBeGreaterThanOrEqual(Number(shanghaiToday().slice(5, 7)) - 1);
    const figures = (await admin.get(`${base}/review/figures?year=${year}`)).body as { total: { received: number }; byMonth: { received: number }[] };
    expect(figures.total.received).toBe(await count('items', `extract(year from received_on) = ${year}`));
    expect(figures.byMonth.reduce((n, m) => n + m.received, 0)).toBe(figures.total.received);
    // The duty archive: every seated representative has a row; its receptions and items match the records.
    const table = (await admin.get(`${base}/archive?year=${year}`)).body as { rows: { id: string; points: number; counts: Record<string, number> }[] };
    expect(table.rows.length).toBeGreaterThanOrEqual(41);
    const busiest = [...table.rows].sort((a, b) => b.counts.receptionsHeld - a.counts.receptionsHeld)[0];
    expect(busiest.counts.receptionsHeld).toBe(await count('reception_representatives rr join receptions r on r.id = rr.reception_id', `rr.representative_id = '${busiest.id}' and extract(year from r.held_on) = ${year}`));
    expect(busiest.counts.itemsRaised).toBe(await count('items', `representative_id = '${busiest.id}' and extract(year from received_on) = ${year}`));
    expect(table.rows.some((r) => r.counts.trainings > 0 && r.counts.reports > 0)).toBe(true);
  });

  it('keeps an unbroken audit chain', async () => {
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});

describe('the demo county (npm start -- --demo): the told township and two generated ones under 示例县', () => {
  let countyId = '';
  let overseer: Client;
  it('loads after the township in a few seconds; loading again (or the whole demo again) changes no row', async () => {
    const started = performance.now();
    const made = await loadCountyDemo(t.database, { townshipName: DEMO_CONGRESS, password: DEMO_PASSWORD, year: Number(shanghaiToday().slice(0, 4)) });
    const ms = performance.now() - started;
    console.log(`demo county load: ${Math.round(ms)} ms`);
    expect(made).not.toBeNull();
    countyId = made!.countyId;
    const before = await rowCounts();
    expect(await loadCountyDemo(t.database, { townshipName: DEMO_CONGRESS, password: DEMO_PASSWORD, year: 2026 })).toBeNull();
    await loadDemo(t.database);
    expect(await rowCounts()).toEqual(before);
  }, 120_000);

  it('has the county over three townships, its staff and overseer, each generated township’s staff and scrutineer', async () => {
    const tree = await t.database.query<{ name: string; level: string; parent: string | null }>(
      'select c.name, c.level, p.name as parent from congresses c left join congresses p on p.id = c.parent_id order by c.name',
    );
    expect(tree.find((c) => c.name === DEMO_COUNTY)).toMatchObject({ level: 'county', parent: null });
    expect(tree.filter((c) => c.parent === DEMO_COUNTY).map((c) => c.name).sort()).toEqual([DEMO_CONGRESS, ...DEMO_GENERATED.map(([n]) => n)].sort());
    for (const u of COUNTY_ACCOUNTS) await new Client(t).login(u, DEMO_PASSWORD);
    overseer = new Client(t);
    await overseer.login('overseer', DEMO_PASSWORD);
    const below = (await overseer.get(`/api/congresses/${countyId}/county/congresses`)).body;
    expect(below.total).toBe(3);
    // The overseer reads the townships only through the county: a township's own routes refuse it.
    const qingshan = (await t.database.query<{ id: string }>('select id from congresses where name = $1', [DEMO_CONGRESS]))[0].id;
    for (const path of ['proposals', 'items', 'evaluation/rounds']) expect([403, 404]).toContain((await overseer.get(`/api/congresses/${qingshan}/${path}`)).status);
    // The county's template, adopted below it, and the told township's session package filed at the county.
    const [x] = await t.database.query<{ templates: number; adoptions: number; packages: number }>(
      'select (select count(*)::int from county_templates where congress_id = $1) as templates, (select count(distinct congress_id)::int from template_adoptions) as adoptions, (select count(*)::int from session_packages where congress_id = $2) as packages',
      [countyId, qingshan],
    );
    expect(x).toMatchObject({ templates: 1, adoptions: 3, packages: 1 });
  });

  it('generated three years per township whose published results verify, with projects, graded rounds and items', async () => {
    for (const [name] of DEMO_GENERATED) {
      const [c] = await t.database.query<{ id: string }>('select id from congresses where name = $1', [name]);
      const tallies = await t.database.query<{ bulletin: string; result: string }>('select t.bulletin, t.result from tallies t join votes v on v.id = t.vote_id where v.congress_id = $1 and t.published_at is not null', [c.id]);
      expect(tallies.length).toBeGreaterThanOrEqual(2);
      for (const x of tallies) expect(await verifyFiles(x.bulletin, x.result)).toEqual({ kind: 'match' });
      const [n] = await t.database.query<{ projects: number; rounds: number; items: number }>(
        'select (select count(*)::int from projects where congress_id = $1) as projects, (select count(*)::int from eval_rounds where congress_id = $1 and published_at is not null) as rounds, (select count(*)::int from items where congress_id = $1) as items',
        [c.id],
      );
      expect(Number(n.projects)).toBeGreaterThan(5);
      expect(Number(n.rounds)).toBeGreaterThanOrEqual(2);
      expect(Number(n.items)).toBeGreaterThan(100);
      // Nothing the generator wrote is dated after today.
      const [late] = await t.database.query<{ n: number }>(
        `select (select count(*)::int from items where congress_id = $1 and received_on > $2::date) + (select count(*)::int from projects where congress_id = $1 and completed_on > $2::date) + (select count(*)::int from eval_rounds where congress_id = $1 and published_at > now()) as n`,
        [c.id, shanghaiToday()],
      );
      expect(Number(late.n)).toBe(0);
    }
  });

  it('keeps an unbroken audit chain with the county placed over the townships', async () => {
    const [n] = await t.database.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'county.set_parent'");
    expect(Number(n.n)).toBe(3);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
