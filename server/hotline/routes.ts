/** The hotline stage's routes (shared/hotline/contract.ts): the column mapping, the 12345 import and its record. */
import { count, desc, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import * as C from '../../shared/hotline/contract.ts';
import { offsetOf } from '../../shared/paging.ts';
import { accounts, hotlineImports } from '../db/schema/index.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { importTickets, serializeImport } from './import.ts';
import { getMapping, setMapping } from './mapping.ts';
import { planImport } from './plan.ts';

export const hotlineRoutes = new Hono<AppEnv>();

/** The file's bytes, of one of the types the import takes (app.ts does not check a raw body's type). */
async function fileBody(c: Context<AppEnv>) {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!(C.HOTLINE_FILE_TYPES as readonly string[]).includes(type)) throw new AppError('unsupported_media', { expected: 'text/csv, xlsx' });
  return new Uint8Array(await c.req.arrayBuffer());
}

implement(hotlineRoutes, C.getMapping, async (c, { access: { congress } }) => getMapping(c.get('deps').db, congress.id));

implement(hotlineRoutes, C.setMapping, async (c, { access: { auth, congress }, body }) =>
  c.get('deps').db.transaction((tx) => setMapping(tx, actorOf(auth), congress.id, body)),
);

implement(hotlineRoutes, C.previewImport, async (c, { access: { congress }, query }) => {
  const bytes = await fileBody(c);
  return (await planImport(c.get('deps').db, congress.id, bytes, { encoding: query.encoding })).preview;
});

implement(hotlineRoutes, C.importTickets, async (c, { access: { auth, congress }, query }) => {
  const bytes = await fileBody(c);
  return importTickets(c.get('deps').db, actorOf(auth), congress.id, bytes, { filename: query.filename, encoding: query.encoding });
});

implement(hotlineRoutes, C.listImports, async (c, { access: { congress }, query }) => {
  const db = c.get('deps').db;
  const where = eq(hotlineImports.congressId, congress.id);
  const [{ total }] = await db.select({ total: count() }).from(hotlineImports).where(where);
  const rows = await db
    .select({ imp: hotlineImports, by: accounts.displayName })
    .from(hotlineImports)
    .leftJoin(accounts, eq(accounts.id, hotlineImports.importedBy))
    .where(where)
    .orderBy(desc(hotlineImports.importedAt), desc(hotlineImports.id))
    .limit(query.size)
    .offset(offsetOf(query));
  return { items: rows.map((r) => serializeImport(r.imp, r.by)), total, page: query.page, size: query.size };
});
