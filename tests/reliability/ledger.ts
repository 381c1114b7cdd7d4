/**
 * A burst of real cards against a real server, with a ledger: what each card was told (a receipt, a refusal, or no
 * answer at all), then what the database stored for it. Shared by the fault tests and the failover bench row.
 */
import { randomBytes } from 'node:crypto';
import { createApp } from '../../server/app.ts';
import { migrateDatabase, openDatabase, type Database } from '../../server/db/client.ts';
import { KeyStore } from '../../server/lib/keys.ts';
import type { TestApp } from '../helpers/app.ts';
import { hall, marksOf, type Hall } from '../tally/helpers.ts';

/** The in-process app on a database of our own (for setting up a hall fast, without HTTP). */
export async function appOn(url: string): Promise<TestApp> {
  const database = await openDatabase({ url, max: 4 });
  await migrateDatabase(database);
  const keys = new KeyStore(database);
  await keys.ensure();
  const deps = { database, db: database.db, keys, trustProxy: true };
  return { app: createApp({ deps }), deps, keys, database: { ...database, url, drop: () => database.close() } } as TestApp;
}

/** One tablet's ballot: the card, the marks and the ballot's retry secret (sent with every attempt, as the tablet does). */
export type Job = { token: string; marks: Record<string, string>; cardSerial: string; retry: string };
export type Answer = { status: number; code?: string; receipt?: string; retryAfter?: string | null } | null;

/** A hall of `n` representatives and an open vote with a card each (issued by count), ready to cast. */
export async function openVote(t: TestApp, n: number, h?: Hall): Promise<{ h: Hall; voteId: string; jobs: Job[] }> {
  h ??= await hall(t, { seated: n, titles: ['桥梁', '广场', '学校'] });
  const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: `票决${Date.now()}` })).body;
  const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
  const made = await h.roles.scrutineer.post(`${path}/cards`, {});
  if (made.status !== 201) throw new Error(`cards: ${made.status} ${made.text}`);
  const cards = (await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string; serial: string }[];
  await h.roles.scrutineer.post(`${path}/issue-count`, { count: n });
  const opened = await h.roles.presidium.post(`${path}/open`, {});
  if (opened.status !== 200) throw new Error(`open: ${opened.status} ${opened.text}`);
  const patterns = ['F--', '-F-', 'FA-', '--A', 'FFA', 'AAF'];
  const jobs = cards.slice(0, n).map((c, i) => ({ token: c.url.split('#')[1], marks: marksOf(h!.candidateIds, patterns[i % patterns.length]), cardSerial: c.serial, retry: retrySecret() }));
  return { h, voteId: v.id, jobs };
}

/** A ballot's retry secret, as the tablet makes it (16 random bytes, base64url). */
export const retrySecret = () => randomBytes(16).toString('base64url');

/** One cast on its own connection, as a tablet sends it; null when no HTTP answer came back. */
export async function cast(origin: string, job: Job, timeoutMs = 60_000): Promise<Answer> {
  try {
    const res = await fetch(`${origin}/api/public/ballot/cast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ token: job.token, marks: job.marks, retry: job.retry }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => null)) as { receipt?: string; error?: { code: string } } | null;
    return { status: res.status, code: body?.error?.code, receipt: body?.receipt, retryAfter: res.headers.get('retry-after') };
  } catch {
    return null;
  }
}

/**
 * Cast every job, `width` at a time; `onAnswered(count)` after each answer (the test starts its fault there). Answers
 * the first answer of each job.
 */
export async function burst(origin: string, jobs: Job[], width: number, onAnswered?: (n: number) => void): Promise<Map<Job, Answer>> {
  const answers = new Map<Job, Answer>();
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        answers.set(job, await cast(origin, job));
        onAnswered?.(answers.size);
      }
    }),
  );
  return answers;
}

/** Poll until `check` is true (every 100 ms, at most `ms`); answers whether it became true. */
export async function until(check: () => Promise<boolean> | boolean, ms = 60_000): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await Promise.resolve().then(check).catch(() => false)) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const readyz = async (origin: string) => {
  try {
    const r = await fetch(`${origin}/readyz`, { signal: AbortSignal.timeout(10_000) });
    return { status: r.status, body: (await r.json()) as { ready: boolean; reason?: string } };
  } catch {
    return { status: 0, body: { ready: false, reason: 'no answer' } };
  }
};

/** Stored ballots of a vote by card serial: receipt and marks. */
export async function storedBallots(database: Database, voteId: string) {
  const rows = await database.query<{ serial: string; receipt: string; marks: Record<string, string> }>(
    `select c.serial, b.receipt, b.marks from ballots b join cards c on c.id = b.card_id where b.vote_id = $1`,
    [voteId],
  );
  const bySerial = new Map<string, { receipt: string; marks: Record<string, string> }[]>();
  for (const r of rows) bySerial.set(r.serial, [...(bySerial.get(r.serial) ?? []), { receipt: r.receipt, marks: r.marks }]);
  return { rows, bySerial };
}

export type Ledger = { acknowledged: number; lost: number; doubled: number; wrongMarks: number; missing: number; storedWithoutAck: number };

/**
 * Compare what the tablets were told with what is stored: `acked` maps a job to the receipt it was given (first answer
 * or a retry). Lost: a receipt given and not stored. Doubled: a card with two ballots. Wrong marks: stored marks other
 * than the ones sent. Missing: a job with no receipt and no ballot (only after every job was retried to the end).
 */
export async function ledger(database: Database, voteId: string, jobs: Job[], acked: Map<Job, string>): Promise<Ledger> {
  const { bySerial } = await storedBallots(database, voteId);
  let lost = 0;
  let doubled = 0;
  let wrongMarks = 0;
  let missing = 0;
  let storedWithoutAck = 0;
  const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  for (const job of jobs) {
    const stored = bySerial.get(job.cardSerial) ?? [];
    if (stored.length > 1) doubled++;
    const receipt = acked.get(job);
    if (receipt && !stored.some((s) => s.receipt === receipt)) lost++;
    if (!receipt && stored.length) storedWithoutAck++;
    if (!receipt && !stored.length) missing++;
    if (stored.some((s) => !same(s.marks, job.marks))) wrongMarks++;
  }
  return { acknowledged: acked.size, lost, doubled, wrongMarks, missing, storedWithoutAck };
}
