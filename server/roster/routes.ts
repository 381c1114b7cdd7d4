import { and, asc, eq, ilike, or } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { CongressId } from '../../shared/congress/schema.ts';
import { toCsv } from '../../shared/csv.ts';
import { RosterPage, RosterPageQuery } from '../../shared/roster/page.ts';
import {
  DelegateCards,
  EndTerm,
  ImportPreview,
  ImportQuery,
  ImportResult,
  Representative,
  RepresentativeInput,
  RepresentativeParams,
  ROSTER_EXPORT_HEADER,
  RosterQuery,
  UpdateRepresentative,
} from '../../shared/roster/schema.ts';
import { representatives, sessions } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf, requireCongressRole } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { v } from '../lib/validate.ts';
import { delegateCards } from './cards.ts';
import { importRoster, previewRosterImport } from './import-roster.ts';
import { listRosterPage } from './list-roster.ts';
import { serializeRepresentative } from './serialize.ts';

/** Who may read the roster (it holds phone numbers): staff, the presidium and the scrutineers. */
const READERS = ['admin', 'presidium', 'scrutineer'] as const;
const CardsQuery = z.object({ ids: z.string().max(20000).optional() });

async function csvBody(c: { req: { header(n: string): string | undefined; arrayBuffer(): Promise<ArrayBuffer> } }) {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!['text/csv', 'application/octet-stream', 'text/plain', 'application/vnd.ms-excel'].includes(type))
    throw new AppError('unsupported_media', { expected: 'text/csv' });
  return new Uint8Array(await c.req.arrayBuffer());
}

export const rosterRoutes = new Hono<AppEnv>()
  .get('/congresses/:congressId/representatives', doc('roster', 'The roster, filtered by status or name', z.array(Representative)), v('param', CongressId), v('query', RosterQuery), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, READERS);
    const { status, q } = c.req.valid('query');
    const conds = [eq(representatives.congressId, congress.id)];
    if (status) conds.push(eq(representatives.status, status));
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      conds.push(or(ilike(representatives.name, like), ilike(representatives.delegation, like), ilike(representatives.constituency, like))!);
    }
    const rows = await c.get('deps').db.select().from(representatives).where(and(...conds)).orderBy(asc(representatives.delegation), asc(representatives.name));
    return c.json(rows.map(serializeRepresentative));
  })
  .get('/congresses/:congressId/roster/page', doc('roster', 'The roster a page at a time (page, size), searched and filtered by status on the server, with the total and counts by status', RosterPage), v('param', CongressId), v('query', RosterPageQuery), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, READERS);
    return c.json(await listRosterPage(c.get('deps').db, congress.id, c.req.valid('query')));
  })
  .post('/congresses/:congressId/representatives', doc('roster', 'Add a representative', Representative, 201), v('param', CongressId), v('json', RepresentativeInput), async (c) => {
    const { auth, congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const input = c.req.valid('json');
    const row = await c.get('deps').db.transaction(async (tx) => {
      const [row] = await tx.insert(representatives).values({ ...input, congressId: congress.id }).returning();
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'roster.create', targetType: 'representative', targetId: row.id, details: { name: row.name } });
      return row;
    });
    return c.json(serializeRepresentative(row), 201);
  })
  .patch('/congresses/:congressId/representatives/:representativeId', doc('roster', 'Edit a representative', Representative), v('param', RepresentativeParams), v('json', UpdateRepresentative), async (c) => {
    const { congressId, representativeId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
    const input = c.req.valid('json');
    const row = await c.get('deps').db.transaction(async (tx) => {
      const [row] = await tx
        .update(representatives)
        .set({ ...input, updatedAt: new Date() })
        .where(and(eq(representatives.id, representativeId), eq(representatives.congressId, congress.id)))
        .returning();
      if (!row) throw new AppError('representative_not_found');
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'roster.update', targetType: 'representative', targetId: row.id, details: input });
      return row;
    });
    return c.json(serializeRepresentative(row));
  })
  .post('/congresses/:congressId/representatives/:representativeId/end-term', doc('roster', "End a representative's term (终止代表资格); their card stops working", Representative), v('param', RepresentativeParams), v('json', EndTerm), async (c) => {
    const { congressId, representativeId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
    const input = c.req.valid('json');
    const row = await c.get('deps').db.transaction(async (tx) => {
      const [cur] = await tx.select().from(representatives).where(and(eq(representatives.id, representativeId), eq(representatives.congressId, congress.id))).for('update');
      if (!cur) throw new AppError('representative_not_found');
      if (cur.status === 'left') throw new AppError('term_already_ended');
      const [row] = await tx
        .update(representatives)
        .set({ status: 'left', termEndedOn: input.endedOn, termEndReason: input.reason, cardVersion: cur.cardVersion + 1, updatedAt: new Date() })
        .where(eq(representatives.id, cur.id))
        .returning();
      if (cur.accountId) await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.accountId, cur.accountId), eq(sessions.method, 'card')));
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'roster.end_term', targetType: 'representative', targetId: row.id, details: input });
      return row;
    });
    return c.json(serializeRepresentative(row));
  })
  .post('/congresses/:congressId/representatives/:representativeId/reissue-card', doc('roster', 'Reissue a delegate card: the old login QR stops working', Representative), v('param', RepresentativeParams), async (c) => {
    const { congressId, representativeId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin']);
    const row = await c.get('deps').db.transaction(async (tx) => {
      const [cur] = await tx.select().from(representatives).where(and(eq(representatives.id, representativeId), eq(representatives.congressId, congress.id))).for('update');
      if (!cur) throw new AppError('representative_not_found');
      if (cur.status === 'left') throw new AppError('representative_left');
      const [row] = await tx.update(representatives).set({ cardVersion: cur.cardVersion + 1, updatedAt: new Date() }).where(eq(representatives.id, cur.id)).returning();
      if (cur.accountId) await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.accountId, cur.accountId), eq(sessions.method, 'card')));
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'roster.reissue_card', targetType: 'representative', targetId: row.id, details: { cardVersion: row.cardVersion } });
      return row;
    });
    return c.json(serializeRepresentative(row));
  })
  .post('/congresses/:congressId/roster/import/preview', doc('roster', 'Check a roster CSV (UTF-8 or GBK, body text/csv) against the roster: new, unchanged, to update (?existing=update) or skipped (?existing=skip), errors; writes nothing', ImportPreview), v('param', CongressId), v('query', ImportQuery), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const bytes = await csvBody(c);
    const q = c.req.valid('query');
    return c.json(await previewRosterImport(c.get('deps').db, congress.id, bytes, { encoding: q.encoding, existing: q.existing }));
  })
  .post('/congresses/:congressId/roster/import', doc('roster', 'Import a roster CSV in one transaction: adds the new people and, with ?existing=update, updates those already there; any bad row refuses the whole file; ?expectNew=&expectUpdate= refuse it if the roster changed since the preview', ImportResult, 201), v('param', CongressId), v('query', ImportQuery), async (c) => {
    const { auth, congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const bytes = await csvBody(c);
    return c.json(await importRoster(c.get('deps').db, actorOf(auth), congress.id, bytes, c.req.valid('query')), 201);
  })
  .get('/congresses/:congressId/roster/export.csv', doc('roster', 'The roster as CSV (UTF-8 with BOM)'), v('param', CongressId), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, READERS);
    const rows = await c.get('deps').db.select().from(representatives).where(eq(representatives.congressId, congress.id)).orderBy(asc(representatives.delegation), asc(representatives.name));
    const csv = toCsv(
      ROSTER_EXPORT_HEADER,
      rows.map((r) => [r.name, r.gender === 'male' ? '男' : r.gender === 'female' ? '女' : '', r.delegation, r.constituency, r.phone, r.status === 'seated' ? '在任' : '终止']),
    );
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="roster.csv"; filename*=UTF-8''${encodeURIComponent(`${congress.name}-代表名册.csv`)}`);
    return c.body(csv);
  })
  .get('/congresses/:congressId/roster/cards', doc('roster', 'Delegate cards to print, each with its personal login QR (SVG)', DelegateCards), v('param', CongressId), v('query', CardsQuery), async (c) => {
    const { congress } = await requireCongressRole(c, c.req.valid('param').congressId, ['admin']);
    const ids = c.req.valid('query').ids?.split(',').filter((s) => /^[0-9a-f-]{36}$/.test(s));
    const { db, keys } = c.get('deps');
    return c.json({ congress: { id: congress.id, name: congress.name, term: congress.term }, cards: await delegateCards(db, keys, congress.id, publicOrigin(c), ids) });
  });
