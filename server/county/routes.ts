/** The county stage's routes (shared/county/contract.ts): the tree of congresses, the dashboard, the roll-up report. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import * as C from '../../shared/county/contract.ts';
import { placeRefusal } from '../../shared/county/tree.ts';
import { offsetOf } from '../../shared/paging.ts';
import { congresses } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { congressesBelow } from './access.ts';
import { countyDashboard } from './dashboard.ts';
import { childYear } from './drilldown.ts';
import { countyRollup } from './rollup.ts';
import { rollupXlsx } from './rollup-xlsx.ts';

export const countyRoutes = new Hono<AppEnv>();

// ---- tree ----
implement(countyRoutes, C.setParent, async (c, { access, params, body }) => {
  const { db } = c.get('deps');
  await db.transaction(async (tx) => {
    const [child] = await tx.select().from(congresses).where(eq(congresses.id, params.congressId)).for('update');
    if (!child) throw new AppError('congress_not_found');
    const parent = body.parentId ? (await tx.select().from(congresses).where(eq(congresses.id, body.parentId)))[0] : null;
    if (body.parentId && !parent) throw new AppError('congress_not_found');
    const refusal = placeRefusal(child, parent);
    if (refusal) throw new AppError(refusal);
    await tx.update(congresses).set({ parentId: parent?.id ?? null, updatedAt: new Date() }).where(eq(congresses.id, child.id));
    await appendAudit(tx, { actor: actorOf(access.auth), congressId: child.id, action: 'county.set_parent', targetType: 'congress', targetId: child.id, details: { parentId: parent?.id ?? null, parentName: parent?.name ?? null } });
  });
  return { ok: true as const };
});

implement(countyRoutes, C.listTree, async (c, { query }) => {
  const { db } = c.get('deps');
  const parent = alias(congresses, 'parent');
  const where = and(
    query.q ? sql`strpos(lower(${congresses.name}), lower(${query.q})) > 0` : undefined,
    query.level ? eq(congresses.level, query.level) : undefined,
    query.parentId ? eq(congresses.parentId, query.parentId) : undefined,
    query.top ? isNull(congresses.parentId) : undefined,
  );
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(congresses).where(where);
  const rows = await db
    .select({
      id: congresses.id,
      name: congresses.name,
      level: congresses.level,
      term: congresses.term,
      parentId: congresses.parentId,
      parentName: parent.name,
      below: sql<number>`(select count(*)::int from congresses k where k.parent_id = ${congresses.id})`,
    })
    .from(congresses)
    .leftJoin(parent, eq(parent.id, congresses.parentId))
    .where(where)
    .orderBy(sql`array_position(array['city','county','township','street']::text[], ${congresses.level})`, asc(congresses.name), asc(congresses.id))
    .limit(query.size)
    .offset(offsetOf(query));
  return { items: rows, total, page: query.page, size: query.size };
});

implement(countyRoutes, C.listBelow, async (c, { access, query }) => {
  const { db } = c.get('deps');
  const names = new Map<string, string>([[access.congress.id, access.congress.name]]);
  const all = await congressesBelow(db, access.congress.id);
  for (const b of all) names.set(b.id, b.name);
  const q = query.q?.toLowerCase();
  const hits = all.filter((b) => (!query.level || b.level === query.level) && (!q || b.name.toLowerCase().includes(q)));
  const start = offsetOf(query);
  return {
    items: hits.slice(start, start + query.size).map((b) => ({ id: b.id, name: b.name, level: b.level as never, term: b.term, parentId: b.parentId, parentName: b.parentId ? (names.get(b.parentId) ?? null) : null })),
    total: hits.length,
    page: query.page,
    size: query.size,
  };
});

// ---- dashboard, drill-down, roll-up ----
implement(countyRoutes, C.getDashboard, async (c, { access, query }) => countyDashboard(c.get('deps').db, access.congress, query));

implement(countyRoutes, C.getChildYear, async (c, { access, params, query }) => childYear(c.get('deps').db, access.congress, params.childId, query.year));

implement(countyRoutes, C.getRollup, async (c, { access, query }) => countyRollup(c.get('deps').db, access.congress, query.year));

implement(countyRoutes, C.getRollupXlsx, async (c, { access, query }) => {
  const r = await countyRollup(c.get('deps').db, access.congress, query.year);
  const name = `${r.county.name}-${r.year}-民生实事年度汇总.xlsx`;
  c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  c.header('Content-Disposition', `attachment; filename="rollup-${r.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(await rollupXlsx(r));
});
