import { and, asc, eq, ilike, or } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { toCsv } from '../../shared/csv.ts';
import * as C from '../../shared/roster/contract.ts';
import { ROSTER_EXPORT_HEADER } from '../../shared/roster/schema.ts';
import { representatives, sessions } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { delegateCards } from './cards.ts';
import { importRoster, previewRosterImport } from './import-roster.ts';
import { listRosterPage } from './list-roster.ts';
import { serializeRepresentative } from './serialize.ts';

/** The CSV's bytes, of one of the types the import takes (the contract's `accepts`; app.ts does not check a raw body's type). */
async function csvBody(c: Context<AppEnv>) {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!(C.importRoster.accepts as readonly string[]).includes(type)) throw new AppError('unsupported_media', { expected: 'text/csv' });
  return new Uint8Array(await c.req.arrayBuffer());
}

export const rosterRoutes = new Hono<AppEnv>();

implement(rosterRoutes, C.listRepresentatives, async (c, { access: { congress }, query: { status, q } }) => {
  const conds = [eq(representatives.congressId, congress.id)];
  if (status) conds.push(eq(representatives.status, status));
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conds.push(or(ilike(representatives.name, like), ilike(representatives.delegation, like), ilike(representatives.constituency, like))!);
  }
  const rows = await c.get('deps').db.select().from(representatives).where(and(...conds)).orderBy(asc(representatives.delegation), asc(representatives.name));
  return rows.map(serializeRepresentative);
});

implement(rosterRoutes, C.getRosterPage, async (c, { access: { congress }, query }) => listRosterPage(c.get('deps').db, congress.id, query));

implement(rosterRoutes, C.createRepresentative, async (c, { access: { auth, congress }, body }) => {
  const row = await c.get('deps').db.transaction(async (tx) => {
    const [row] = await tx.insert(representatives).values({ ...body, congressId: congress.id }).returning();
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'roster.create', targetType: 'representative', targetId: row.id, details: { name: row.name } });
    return row;
  });
  return serializeRepresentative(row);
});

implement(rosterRoutes, C.updateRepresentative, async (c, { access: { auth, congress }, params: { representativeId }, body }) => {
  const row = await c.get('deps').db.transaction(async (tx) => {
    const [row] = await tx
      .update(representatives)
      .set({ ...body, updatedAt: new Date() })
      .where(and(eq(representatives.id, representativeId), eq(representatives.congressId, congress.id)))
      .returning();
    if (!row) throw new AppError('representative_not_found');
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'roster.update', targetType: 'representative', targetId: row.id, details: body });
    return row;
  });
  return serializeRepresentative(row);
});

implement(rosterRoutes, C.endTerm, async (c, { access: { auth, congress }, params: { representativeId }, body }) => {
  const row = await c.get('deps').db.transaction(async (tx) => {
    const [cur] = await tx.select().from(representatives).where(and(eq(representatives.id, representativeId), eq(representatives.congressId, congress.id))).for('update');
    if (!cur) throw new AppError('representative_not_found');
    if (cur.status === 'left') throw new AppError('term_already_ended');
    const [row] = await tx
      .update(representatives)
      .set({ status: 'left', termEndedOn: body.endedOn, termEndReason: body.reason, cardVersion: cur.cardVersion + 1, updatedAt: new Date() })
      .where(eq(representatives.id, cur.id))
      .returning();
    if (cur.accountId) await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.accountId, cur.accountId), eq(sessions.method, 'card')));
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'roster.end_term', targetType: 'representative', targetId: row.id, details: body });
    return row;
  });
  return serializeRepresentative(row);
});

implement(rosterRoutes, C.reissueCard, async (c, { access: { auth, congress }, params: { representativeId } }) => {
  const row = await c.get('deps').db.transaction(async (tx) => {
    const [cur] = await tx.select().from(representatives).where(and(eq(representatives.id, representativeId), eq(representatives.congressId, congress.id))).for('update');
    if (!cur) throw new AppError('representative_not_found');
    if (cur.status === 'left') throw new AppError('representative_left');
    const [row] = await tx.update(representatives).set({ cardVersion: cur.cardVersion + 1, updatedAt: new Date() }).where(eq(representatives.id, cur.id)).returning();
    if (cur.accountId) await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.accountId, cur.accountId), eq(sessions.method, 'card')));
    await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'roster.reissue_card', targetType: 'representative', targetId: row.id, details: { cardVersion: row.cardVersion } });
    return row;
  });
  return serializeRepresentative(row);
});

implement(rosterRoutes, C.previewImport, async (c, { access: { congress }, query }) => {
  const bytes = await csvBody(c);
  return previewRosterImport(c.get('deps').db, congress.id, bytes, { encoding: query.encoding, existing: query.existing });
});

implement(rosterRoutes, C.importRoster, async (c, { access: { auth, congress }, query }) => {
  const bytes = await csvBody(c);
  return importRoster(c.get('deps').db, actorOf(auth), congress.id, bytes, query);
});

implement(rosterRoutes, C.exportRoster, async (c, { access: { congress } }) => {
  const rows = await c.get('deps').db.select().from(representatives).where(eq(representatives.congressId, congress.id)).orderBy(asc(representatives.delegation), asc(representatives.name));
  const csv = toCsv(
    ROSTER_EXPORT_HEADER,
    rows.map((r) => [r.name, r.gender === 'male' ? '男' : r.gender === 'female' ? '女' : '', r.delegation, r.constituency, r.phone, r.status === 'seated' ? '在任' : '终止']),
  );
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="roster.csv"; filename*=UTF-8''${encodeURIComponent(`${congress.name}-代表名册.csv`)}`);
  return c.body(csv);
});

implement(rosterRoutes, C.getDelegateCards, async (c, { access: { congress }, query }) => {
  const ids = query.ids?.split(',').filter((s) => /^[0-9a-f-]{36}$/.test(s));
  const { db, keys } = c.get('deps');
  return { congress: { id: congress.id, name: congress.name, term: congress.term }, cards: await delegateCards(db, keys, congress.id, publicOrigin(c), ids) };
});
