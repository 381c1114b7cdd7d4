import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { Client, congressWithRoles, PASSWORD, setupAdmin, uniq, type TestApp } from '../helpers/app.ts';
import { allChecks, candidateFields, openWindow, submitPublic } from '../gathering/helpers.ts';

type M = 'for' | 'against' | 'abstain';

/** The retry secret a test's tablet sends with a card's ballot (derived from the token, so a retry can send it again). */
export const secretOf = (token: string) => createHash('sha256').update(`retry:${token}`).digest('base64url');

/**
 * A township with `seated` representatives all checked in, a frozen list of the given candidates, two scrutineers
 * (one will sign as chief) and a signed-in client for every role.
 */
export async function hall(t: TestApp, opts: { seated?: number; titles?: string[]; seats?: number; settings?: Record<string, unknown> } = {}) {
  const admin = await setupAdmin(t).catch(async () => {
    const c = new Client(t);
    await c.login('admin', PASSWORD);
    return c;
  });
  const made = await congressWithRoles(t, admin);
  const congressId = made.congress.id as string;
  const base = `/api/congresses/${congressId}`;
  if (opts.settings) expect((await admin.put(`${base}/settings`, opts.settings)).status).toBe(200);
  const username = uniq('scrut2');
  expect((await admin.post(`${base}/accounts`, { username, displayName: '第二监票人', password: PASSWORD, role: 'scrutineer' })).status).toBe(201);
  const scrutineer2 = new Client(t);
  await scrutineer2.login(username, PASSWORD);
  const seated = opts.seated ?? 9;
  for (let i = 0; i < seated; i++) await admin.post(`${base}/representatives`, { name: `代表${i + 1}` });
  const reps = (await admin.get(`${base}/representatives`)).body as { id: string }[];
  const sessionId = (await admin.post(`${base}/sessions`, { name: '第三次会议', date: '2027-01-10' })).body.id as string;
  for (const r of reps) await admin.put(`${base}/sessions/${sessionId}/attendance/${r.id}`, { status: 'present' });
  await openWindow(admin, congressId);
  const titles = opts.titles ?? ['道路硬化', '自来水', '路灯', '公厕'];
  const codes: string[] = [];
  for (const title of titles) {
    const code = (await submitPublic(t, new Client(t), congressId, { title, location: title })).body.trackingCode;
    codes.push(code);
    const p = (await admin.get(`${base}/proposals?q=${code}`)).body[0];
    await made.clients.government.put(`${base}/proposals/${p.id}/checks`, allChecks());
    await made.clients.government.post(`${base}/proposals/${p.id}/accept`, { candidate: candidateFields(made.department.id, { title: `${title}工程` }) });
  }
  const all = (await admin.get(`${base}/candidates`)).body as { id: string; title: string }[];
  const candidateIds = titles.map((x) => all.find((c) => c.title === `${x}工程`)!.id);
  const listId = (await admin.post(`${base}/candidate-lists`, { title: '候选清单', year: new Date().getFullYear(), seats: opts.seats ?? 2, candidateIds })).body.id as string;
  expect((await admin.post(`${base}/candidate-lists/${listId}/freeze`, {})).status).toBe(200);
  const roles = { ...made.clients, scrutineer2 } as Record<'admin' | 'government' | 'presidium' | 'scrutineer' | 'scrutineer2' | 'representative' | 'department', Client>;
  return { admin, roles, codes, congressId, sessionId, listId, candidateIds, base, department: made.department };
}

export type Hall = Awaited<ReturnType<typeof hall>>;

/** Ballots from a compact notation over the vote's candidates: 'FA-' = first for, second against, third abstains. */
export const marksOf = (ids: string[], s: string): Record<string, M> =>
  Object.fromEntries([...s].flatMap((ch, i): [string, M][] => (ch === 'F' ? [[ids[i], 'for']] : ch === 'A' ? [[ids[i], 'against']] : [])));

/**
 * Run a vote from cards to close: make the cards, issue one per ballot (scan) or enter a count, open, cast each
 * ballot on a kiosk, close. Answers the receipts.
 */
export async function runVote(t: TestApp, h: Hall, voteId: string, ballots: Record<string, string>[], opts: { issueCount?: number; whileOpen?: (cards: { serial: string; url: string }[]) => Promise<void> } = {}) {
  const path = `${h.base}/sessions/${h.sessionId}/votes/${voteId}`;
  expect((await h.roles.scrutineer.post(`${path}/cards`, {})).status).toBe(201);
  const cards = (await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { serial: string; url: string }[];
  if (opts.issueCount !== undefined) expect((await h.roles.scrutineer.post(`${path}/issue-count`, { count: opts.issueCount })).status).toBe(200);
  else for (const c of cards.slice(0, ballots.length)) expect((await h.roles.scrutineer.post(`${path}/issue`, { card: c.serial })).status).toBe(200);
  expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);
  const receipts: string[] = [];
  for (const [i, marks] of ballots.entries()) {
    const token = cards[i].url.split('#')[1];
    const res = await new Client(t).post('/api/public/ballot/cast', { token, marks, retry: secretOf(token) });
    expect(res.status, res.text).toBe(200);
    receipts.push(res.body.receipt);
  }
  await opts.whileOpen?.(cards);
  expect((await h.roles.presidium.post(`${path}/close`, {})).status).toBe(200);
  return { path, cards, receipts };
}

/** The path parameters of a vote's address (`…/congresses/:c/sessions/:s/votes/:v`), for `client.call`. */
export function at(path: string) {
  const m = path.match(/congresses\/([^/]+)\/sessions\/([^/]+)\/votes\/([^/?]+)/);
  if (!m) throw new Error(`not a vote's address: ${path}`);
  return { congressId: m[1], sessionId: m[2], voteId: m[3] };
}
