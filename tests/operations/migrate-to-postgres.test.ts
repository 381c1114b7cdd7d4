/**
 * From the embedded default to PostgreSQL (issue: operations 2): a PGlite deployment holding the demo township's
 * whole year (published votes, photos as bytea, an audit log of hundreds of entries) is copied with
 * `npm run migrate-to-postgres` (a child process) into a throwaway PostgreSQL database. Every table equals the
 * source's by a digest that owes nothing to the backup code (tests/helpers/digest.ts, over information_schema), the
 * audit chain verifies on PostgreSQL, and the real server started on that DATABASE_URL serves what the embedded
 * deployment served before the migration, deep-equal: the published results (the public result, result.json and
 * bulletin.json of every vote), the evaluation results, comments and league, and the lists of projects, inspections,
 * rectifications and candidate lists. Refused: while the server holds the data dir, a bad URL, a non-empty target.
 * Also: a PGlite backup file restored with DATABASE_URL set is the same logical load.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { DEMO_CONGRESS, DEMO_PASSWORD, loadDemo } from '../../server/demo/load-demo.ts';
import { verifyAuditChain } from '../../server/lib/audit.ts';
import { Client, type TestApp } from '../helpers/app.ts';
import { remote, startServer } from '../reliability/server-process.ts';
import { appOnDir, digestsOf, expectSameDatabase, postgresServer, run, throwawayDatabase } from './helpers-backup.ts';

const pg = await postgresServer();
const tmp = mkdtempSync(join(os.tmpdir(), 'ms-migrate-'));
const src = join(tmp, 'data');
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
  rmSync(tmp, { recursive: true, force: true });
});

/** Tables the demo year leaves empty: every other table holds rows, so the comparisons below cover it. */
// Kiosks (devices enrolled at the hall) and seats left empty by the presidium are not part of the demo's story.
// eval_officials, eval_inquiries: until the demo evaluates an appointed official or a 专题询问.
const EMPTY_IN_DEMO = ['attachments', 'change_requests', 'paper_entries', 'kiosks', 'vacancies_left', 'eval_officials', 'eval_inquiries', 'hotline_mappings', 'notify_optouts', 'notify_robots', 'notify_templates'];

/**
 * What a deployment serves of its year, by path: the public results of every published vote (the result, and
 * result.json and bulletin.json as text, byte for byte), and — signed in as the congress office — the evaluation
 * rounds with the results and comments of each published one, the league, rectifications, projects (and the public
 * page of three of them), inspections, findings and the public candidate lists.
 */
async function served(t: TestApp): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const pub = new Client(t);
  const staff = new Client(t);
  await staff.login('staff', DEMO_PASSWORD);
  const get = async (c: Client, path: string) => {
    const r = await c.get(path);
    expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(200);
    out[path] = path.endsWith('.json') ? r.text : r.body;
    return out[path];
  };
  for (const { id } of (await get(staff, '/api/congresses')) as { id: string }[]) {
    for (const { voteId } of (await get(pub, `/api/public/congresses/${id}/results`)) as { voteId: string }[]) {
      await get(pub, `/api/public/votes/${voteId}/result`);
      await get(pub, `/api/public/votes/${voteId}/result.json`);
      await get(pub, `/api/public/votes/${voteId}/bulletin.json`);
    }
    const rounds = (await get(staff, `/api/congresses/${id}/evaluation/rounds`)) as { id: string; state: string }[];
    for (const r of rounds.filter((x) => x.state === 'published')) {
      await get(staff, `/api/congresses/${id}/evaluation/rounds/${r.id}/results`);
      await get(staff, `/api/congresses/${id}/evaluation/rounds/${r.id}/comments`);
    }
    await get(staff, `/api/congresses/${id}/evaluation/league`);
    await get(staff, `/api/congresses/${id}/rectifications`);
    const projects = (await get(staff, `/api/congresses/${id}/projects`)) as { id: string; year: number }[];
    for (const p of projects.slice(0, 3)) await get(pub, `/api/public/projects/${p.id}`);
    if (projects.length) await get(pub, `/api/public/congresses/${id}/projects?year=${projects[0].year}`);
    await get(staff, `/api/congresses/${id}/inspections`);
    await get(staff, `/api/congresses/${id}/findings`);
    await get(pub, `/api/public/congresses/${id}/candidate-lists`);
  }
  return out;
}

describe.skipIf(!pg)('npm run migrate-to-postgres (PostgreSQL run only: it needs a PostgreSQL to move to)', () => {
  /** What the embedded deployment served before the migration. */
  let before: Record<string, unknown>;
  beforeAll(async () => {
    const t = await appOnDir(src);
    await loadDemo(t.database);
    before = await served(t);
    await t.close();
    // The demo year is what the comparison is about: four published votes (two sittings of motions, the project vote
    // and its runoff), three published evaluation rounds (the hall's, the year-end one and its re-evaluation).
    const paths = Object.keys(before);
    expect(paths.filter((p) => p.endsWith('/bulletin.json'))).toHaveLength(4);
    expect(paths.filter((p) => p.endsWith('/results') && p.includes('/evaluation/rounds/'))).toHaveLength(3);
    expect(JSON.stringify(before)).toContain('elected');
  }, 180_000);

  it('copies every table (equal by an independent digest), the audit chain holds, and the server on PostgreSQL serves what the embedded one served', { timeout: 240_000 }, async () => {
    const target = await throwawayDatabase(pg!, 'mig');
    drops.push(target.drop);

    // Refusals first: nothing is written to the target.
    writeFileSync(join(src, 'server.lock'), String(process.pid)); // a live process holds the dir, as a running server does
    const busy = await run('migrate-to-postgres', [target.url], { DATA_DIR: src });
    rmSync(join(src, 'server.lock'));
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('stop the server first');
    const bad = await run('migrate-to-postgres', ['mysql://root@localhost/minsheng'], { DATA_DIR: src });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('must start with postgres://');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect((await digestsOf({ url: target.url })).size).toBe(0);

    const m = await run('migrate-to-postgres', ['--', target.url], { DATA_DIR: src });
    expect(m.code, m.out).toBe(0);
    expect(m.stdout).toContain("every table's row count and SHA-256 checksum equal PGlite's");
    expect(m.stdout).toContain(`DATABASE_URL=${target.url}`);
    expect(m.stdout).toContain('signing_keys');

    // Checked again here, independently of the command and of its backup code: every table, every column, every row.
    const { tables, rows } = await expectSameDatabase({ dir: src }, { url: target.url });
    expect(tables.filter((t) => !rows.get(t) && !EMPTY_IN_DEMO.includes(t)), 'tables the demo leaves empty').toEqual([]);
    const database = await openDatabase({ url: target.url, max: 1 });
    const chain = await verifyAuditChain(database.db);
    // One of the told township's (the one `staff` serves; the demo county's generated townships have theirs too).
    const [published] = await database.query<{ vote_id: string }>(
      'select t.vote_id from tallies t join votes v on v.id = t.vote_id join congresses c on c.id = v.congress_id where t.published_at is not null and c.name = $1 order by t.vote_id limit 1',
      [DEMO_CONGRESS],
    );
    await database.close();
    expect(chain.ok).toBe(true);
    expect(chain.checked).toBeGreaterThan(300);
    const verify = await run('audit:verify', [], { DATABASE_URL: target.url });
    expect(verify.code, verify.out).toBe(0);

    // The real server on the new DATABASE_URL serves what the embedded deployment served before, deep-equal.
    const server = await startServer({ DATABASE_URL: target.url });
    try {
      const after = await served(remote(server.origin, {} as TestApp));
      expect(Object.keys(after)).toContain(`/api/public/votes/${published.vote_id}/result`);
      expect(after).toEqual(before);
    } finally {
      await server.kill();
    }

    // A second migration into the same (now filled) database is refused.
    const again = await run('migrate-to-postgres', [target.url], { DATA_DIR: src });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not empty');
    expect(again.stderr).toContain('create a new one');
  });

  it('restores a PGlite backup file into PostgreSQL when DATABASE_URL is set (the same logical load)', { timeout: 60_000 }, async () => {
    const file = join(tmp, 'data.backup');
    const b = await run('backup', [file], { DATA_DIR: src });
    expect(b.code, b.out).toBe(0);
    const target = await throwawayDatabase(pg!, 'load');
    drops.push(target.drop);
    const r = await run('restore', [file], { DATABASE_URL: target.url });
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain('as npm run migrate-to-postgres does');
    await expectSameDatabase({ dir: src }, { url: target.url });
  });
});
