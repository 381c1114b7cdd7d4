/** The archive stage's routes (shared/archive/contract.ts): the yearly table, one archive, a representative's own, staff entries. */
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/archive/contract.ts';
import { statusWord, tableHeader } from '../../shared/archive/labels.ts';
import { COUNT_KEYS } from '../../shared/archive/schema.ts';
import { toCsv } from '../../shared/csv.ts';
import { shanghaiYear } from '../../shared/time.ts';
import { representatives } from '../db/schema/index.ts';
import { actorOf, type CongressAccess } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { createEntries, deleteEntry, updateEntry } from './entries.ts';
import { archiveOf, archiveTable } from './figures.ts';
import type { Tx } from '../db/client.ts';

export const archiveRoutes = new Hono<AppEnv>();

const ctxOf = (a: CongressAccess, tx: Tx) => ({ tx, actor: actorOf(a.auth), congressId: a.congress.id });

implement(archiveRoutes, C.archiveTable, async (c, { access, query }) =>
  archiveTable(c.get('deps').db, access.congress, { year: query.year ?? shanghaiYear(), sort: query.sort, order: query.order }),
);

implement(archiveRoutes, C.archiveTableCsv, async (c, { access, query }) => {
  const lang = c.get('lang') ?? 'zh-CN';
  const year = query.year ?? shanghaiYear();
  const t = await archiveTable(c.get('deps').db, access.congress, { year, sort: query.sort, order: query.order });
  const csv = toCsv(
    tableHeader(lang),
    t.rows.map((r) => [r.name, r.delegation, r.constituency, statusWord(r.status, lang), ...COUNT_KEYS.map((k) => r.counts[k]), r.points]),
  );
  return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="duty-archive-${year}.csv"` });
});

implement(archiveRoutes, C.getArchive, async (c, { access, params, query }) => {
  const db = c.get('deps').db;
  const [rep] = await db
    .select()
    .from(representatives)
    .where(and(eq(representatives.id, params.representativeId), eq(representatives.congressId, access.congress.id)));
  if (!rep) throw new AppError('representative_not_found');
  return archiveOf(db, access.congress, rep, query.year ?? shanghaiYear());
});

// The caller's own roster row in this congress (the card session's account, or an account staff linked on the roster).
implement(archiveRoutes, C.myArchive, async (c, { access, query }) => {
  const db = c.get('deps').db;
  const [rep] = await db
    .select()
    .from(representatives)
    .where(and(eq(representatives.accountId, access.auth.account.id), eq(representatives.congressId, access.congress.id)));
  if (!rep) throw new AppError('archive_no_roster');
  return archiveOf(db, access.congress, rep, query.year ?? shanghaiYear());
});

implement(archiveRoutes, C.createEntries, async (c, { access, body }) => {
  const ids = await c.get('deps').db.transaction((tx) => createEntries(ctxOf(access, tx), body));
  return { ids };
});

implement(archiveRoutes, C.updateEntry, async (c, { access, params, body }) => c.get('deps').db.transaction((tx) => updateEntry(ctxOf(access, tx), params.entryId, body)));

implement(archiveRoutes, C.deleteEntry, async (c, { access, params }) => {
  await c.get('deps').db.transaction((tx) => deleteEntry(ctxOf(access, tx), params.entryId));
  return { ok: true as const };
});
