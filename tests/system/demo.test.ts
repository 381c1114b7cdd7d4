import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_CONGRESS, DEMO_PASSWORD, loadDemo } from '../../server/demo/load-demo.ts';
import { verifyAuditChain } from '../../server/lib/audit.ts';
import { Client, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

/** Rows of every table of the public schema, to show a second load writes nothing. */
async function rowCounts() {
  const tables = await t.database.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name");
  const out: Record<string, number> = {};
  for (const { table_name } of tables) out[table_name] = Number((await t.database.query<{ n: number }>(`select count(*)::int as n from "${table_name}"`))[0].n);
  return out;
}

describe('the demo township (npm start -- --demo): a whole year', () => {
  let admin: Client;
  let id: string;
  let base: string;

  it('loads once; loading again changes no row of any table', async () => {
    const started = performance.now();
    await loadDemo(t.database);
    console.log(`demo load: ${Math.round(performance.now() - started)} ms`);
    const before = await rowCounts();
    await loadDemo(t.database);
    expect(await rowCounts()).toEqual(before);
    // What the year left in the tables (through the real routes, so the audit log has every step).
    expect(before).toMatchObject({ proposals: 30, candidates: 12, votes: 2, ballots: 82, tally_signoffs: 4, projects: 10, milestones: 40, inspections: 3, eval_rounds: 2 });
    expect(before.project_files).toBe(34); // 32 project photos and 2 inspection photos
    expect(before.audit_log).toBeGreaterThan(300);
    admin = new Client(t);
    await admin.login('admin', DEMO_PASSWORD);
    const list = (await admin.get('/api/congresses')).body;
    expect(list.map((c: { name: string }) => c.name)).toEqual([DEMO_CONGRESS]);
    id = list[0].id;
    base = `/api/congresses/${id}`;
  }, 120_000);

  it('has its roster, eight departments and an account for every role', async () => {
    expect((await admin.get(`${base}/representatives`)).body).toHaveLength(45);
    expect((await admin.get(`${base}/departments`)).body).toHaveLength(8);
    const roles = new Set((await admin.get(`${base}/members`)).body.map((m: { role: string }) => m.role));
    // Representatives hold their role through their delegate cards (they signed in to evaluate).
    expect([...roles].sort()).toEqual(['admin', 'department', 'government', 'presidium', 'representative', 'scrutineer']);
    for (const u of DEMO_ACCOUNTS) await new Client(t).login(u, DEMO_PASSWORD);
    // A representative signs in with the card QR, as in the hall.
    const card = (await admin.get(`${base}/roster/cards`)).body.cards[0];
    expect((await new Client(t).post('/api/auth/card-login', { token: card.url.split('#')[1] })).status).toBe(200);
  });

  it('gathered thirty proposals from every channel: accepted, merged, not adopted with reasons, reserved; a frozen list of 12 for 10 seats', async () => {
    const proposals = (await admin.get(`${base}/proposals`)).body as { channel: string; status: string; decisionReason?: string }[];
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
    const votes = (await admin.get(`${sp}/votes`)).body as { id: string; kind: string; previousVoteId: string | null }[];
    expect(votes.map((v) => v.kind).sort()).toEqual(['regular', 'runoff']);
    const first = votes.find((v) => v.kind === 'regular')!;
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
    expect(rounds).toHaveLength(2);
    expect(rounds.every((r) => r.state === 'published')).toBe(true);
    const main = rounds.find((r) => r.kind !== 'reevaluation')!;
    const re = rounds.find((r) => r.kind === 'reevaluation')!;
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

  it('keeps an unbroken audit chain', async () => {
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
