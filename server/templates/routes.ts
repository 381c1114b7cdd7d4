/** The templates stage's routes (shared/templates/contract.ts): a county publishes templates, a township adopts them. */
import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { oversees } from '../../shared/county/tree.ts';
import * as C from '../../shared/templates/contract.ts';
import { applyParts, compareContent, contentOf, partsOf, TemplateContent } from '../../shared/templates/schema.ts';
import { congressesBelow } from '../county/access.ts';
import { congresses, countyTemplates, templateAdoptions, templateVersions } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError, isUniqueViolation } from '../lib/errors.ts';
import { congressesAbove, currentAdoptions, describeVersion, getTemplate, summaryOf, versionAbove, versionsOf } from './read.ts';

export const templatesRoutes = new Hono<AppEnv>();

// ---- the county's side ----
implement(templatesRoutes, C.listTemplates, async (c, { access }) => {
  const { db } = c.get('deps');
  const rows = await db.select().from(countyTemplates).where(eq(countyTemplates.congressId, access.congress.id)).orderBy(countyTemplates.name);
  const versions = await versionsOf(db, rows.map((t) => t.id));
  const below = await congressesBelow(db, access.congress.id);
  const adoptions = [...(await currentAdoptions(db, below.map((b) => b.id))).values()];
  return {
    items: rows.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      createdAt: t.createdAt.toISOString(),
      latest: summaryOf(versions.get(t.id)?.[0]),
      adoptedBy: adoptions.filter((a) => a.templateId === t.id).length,
    })),
  };
});

implement(templatesRoutes, C.createTemplate, async (c, { access, body }) => {
  const { db } = c.get('deps');
  if (!oversees(access.congress.level)) throw new AppError('template_level');
  try {
    return await db.transaction(async (tx) => {
      const [dup] = await tx.select({ id: countyTemplates.id }).from(countyTemplates).where(and(eq(countyTemplates.congressId, access.congress.id), eq(countyTemplates.name, body.name)));
      if (dup) throw new AppError('template_name_taken');
      const [row] = await tx.insert(countyTemplates).values({ congressId: access.congress.id, name: body.name, description: body.description }).returning({ id: countyTemplates.id });
      await appendAudit(tx, { actor: actorOf(access.auth), congressId: access.congress.id, action: 'templates.create', targetType: 'county_template', targetId: row.id, details: { name: body.name } });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('template_name_taken');
    throw e;
  }
});

implement(templatesRoutes, C.listAdoptions, async (c, { access }) => {
  const { db } = c.get('deps');
  const templates = await db.select().from(countyTemplates).where(eq(countyTemplates.congressId, access.congress.id)).orderBy(countyTemplates.name);
  const versions = await versionsOf(db, templates.map((t) => t.id));
  const ids = new Set(templates.map((t) => t.id));
  const below = await congressesBelow(db, access.congress.id);
  const adoptions = [...(await currentAdoptions(db, below.map((b) => b.id))).values()].filter((a) => ids.has(a.templateId));
  return {
    templates: templates.map((t) => ({ id: t.id, name: t.name, latestVersion: versions.get(t.id)?.[0]?.version ?? null })),
    congresses: below.map((b) => ({
      id: b.id,
      name: b.name,
      level: b.level,
      adoptions: adoptions.filter((a) => a.congressId === b.id).map(({ congressId: _c, ...a }) => a),
    })),
  };
});

implement(templatesRoutes, C.getTemplate, async (c, { access, params }) => {
  const { db } = c.get('deps');
  const t = await getTemplate(db, access.congress.id, params.templateId);
  const versions = (await versionsOf(db, [t.id])).get(t.id) ?? [];
  const below = await congressesBelow(db, access.congress.id);
  const adoptions = [...(await currentAdoptions(db, below.map((b) => b.id))).values()];
  return {
    id: t.id,
    congressId: t.congressId,
    name: t.name,
    description: t.description,
    createdAt: t.createdAt.toISOString(),
    latest: summaryOf(versions[0]),
    adoptedBy: adoptions.filter((a) => a.templateId === t.id).length,
    versions: versions.map(describeVersion),
  };
});

implement(templatesRoutes, C.publishVersion, async (c, { access, params, body }) => {
  const { db } = c.get('deps');
  const row = await db.transaction(async (tx) => {
    const [t] = await tx.select().from(countyTemplates).where(and(eq(countyTemplates.id, params.templateId), eq(countyTemplates.congressId, access.congress.id))).for('update');
    if (!t) throw new AppError('template_not_found');
    const [last] = await tx.select({ n: sql<number>`coalesce(max(${templateVersions.version}), 0)::int` }).from(templateVersions).where(eq(templateVersions.templateId, t.id));
    const version = Number(last?.n ?? 0) + 1;
    const [v] = await tx.insert(templateVersions).values({ templateId: t.id, version, content: body.content as Record<string, unknown>, note: body.note, publishedBy: access.auth.account.id }).returning();
    await appendAudit(tx, { actor: actorOf(access.auth), congressId: access.congress.id, action: 'templates.publish', targetType: 'county_template', targetId: t.id, details: { name: t.name, version, parts: partsOf(body.content) } });
    return v;
  });
  return describeVersion(row);
});

// ---- the township's side ----
implement(templatesRoutes, C.listAvailable, async (c, { access }) => {
  const { db } = c.get('deps');
  const above = await congressesAbove(db, access.congress.id);
  if (!above.length) return { items: [] };
  const names = new Map(above.map((a) => [a.id, a.name]));
  const templates = (await Promise.all(above.map((a) => db.select().from(countyTemplates).where(eq(countyTemplates.congressId, a.id)).orderBy(countyTemplates.name)))).flat();
  const versions = await versionsOf(db, templates.map((t) => t.id));
  const mine = await currentAdoptions(db, [access.congress.id]);
  return {
    items: templates
      .map((t) => {
        const latest = versions.get(t.id)?.[0];
        const a = mine.get(`${access.congress.id}/${t.id}`);
        const adopted = a ? { versionId: a.versionId, version: a.version, parts: a.parts, adoptedAt: a.adoptedAt } : null;
        return {
          id: t.id,
          name: t.name,
          description: t.description,
          createdAt: t.createdAt.toISOString(),
          congressId: t.congressId,
          congressName: names.get(t.congressId) ?? '',
          latest: summaryOf(latest),
          adopted,
          newer: !!latest && (!adopted || latest.version > adopted.version),
        };
      })
      .filter((t) => t.latest),
  };
});

implement(templatesRoutes, C.compareVersion, async (c, { access, params }) => {
  const { db } = c.get('deps');
  const { version, template, publisher } = await versionAbove(db, access.congress.id, params.versionId);
  const v = describeVersion(version);
  const a = (await currentAdoptions(db, [access.congress.id])).get(`${access.congress.id}/${template.id}`);
  let sinceAdopted: ReturnType<typeof compareContent> = [];
  if (a) {
    const [was] = await db.select().from(templateVersions).where(eq(templateVersions.id, a.versionId));
    sinceAdopted = compareContent(TemplateContent.parse(was.content), v.content);
  }
  const current = contentOf(CongressSettings.parse(access.congress.settings ?? {}), v.parts);
  return {
    template: { id: template.id, name: template.name, congressName: publisher.name },
    version: v,
    adopted: a ? { versionId: a.versionId, version: a.version, parts: a.parts, adoptedAt: a.adoptedAt } : null,
    sinceAdopted,
    againstCurrent: compareContent(current, v.content),
  };
});

implement(templatesRoutes, C.adoptVersion, async (c, { access, params, body }) => {
  const { db } = c.get('deps');
  const parts = [...new Set(body.parts)];
  return db.transaction(async (tx) => {
    const { version, template } = await versionAbove(tx, access.congress.id, params.versionId);
    const content = TemplateContent.parse(version.content);
    if (parts.some((p) => content[p] === undefined)) throw new AppError('template_part_missing');
    const [row] = await tx.select().from(congresses).where(eq(congresses.id, access.congress.id)).for('update');
    const before = CongressSettings.parse(row.settings ?? {});
    const after = CongressSettings.parse(applyParts(before, content, parts));
    const changed = compareContent(contentOf(before, parts), contentOf(after, parts)).length;
    await tx.update(congresses).set({ settings: after, updatedAt: new Date() }).where(eq(congresses.id, row.id));
    await tx.insert(templateAdoptions).values({ congressId: row.id, versionId: version.id, parts, adoptedBy: access.auth.account.id });
    await appendAudit(tx, { actor: actorOf(access.auth), congressId: row.id, action: 'templates.adopt', targetType: 'congress', targetId: row.id, details: { template: template.name, templateId: template.id, version: version.version, parts, changed } });
    return { ok: true as const, changed };
  });
});
