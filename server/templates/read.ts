/**
 * Templates as the routes read them (SPEC §16): a county's templates with their versions, the congresses above a township
 * (whose templates it may adopt), a congress's current adoptions.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { partsOf, TemplateContent, type Adoption, type TemplatePart, type VersionDetail } from '../../shared/templates/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { countyTemplates, templateAdoptions, templateVersions } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';

type VersionRow = typeof templateVersions.$inferSelect;
type TemplateRow = typeof countyTemplates.$inferSelect;

export const describeVersion = (v: VersionRow): VersionDetail => {
  const content = TemplateContent.parse(v.content);
  return { id: v.id, version: v.version, parts: partsOf(content), note: v.note, publishedAt: v.publishedAt.toISOString(), content };
};
export const summaryOf = (v: VersionRow | undefined) => (v ? (({ content: _c, ...rest }) => rest)(describeVersion(v)) : null);

/** The congresses above `congressId` (its county, the city over that…), nearest first. One recursive query. */
export async function congressesAbove(db: DbOrTx, congressId: string): Promise<{ id: string; name: string; depth: number }[]> {
  return rowsOf(db, sql`
    with recursive above(id, name, parent_id, depth) as (
      select p.id, p.name, p.parent_id, 1 from congresses c join congresses p on p.id = c.parent_id where c.id = ${congressId}
      union all
      select p.id, p.name, p.parent_id, a.depth + 1 from congresses p join above a on p.id = a.parent_id where a.depth < 4
    )
    select id, name, depth from above order by depth`);
}

/** Every version of these templates, newest first per template. */
export async function versionsOf(db: DbOrTx, templateIds: string[]): Promise<Map<string, VersionRow[]>> {
  const out = new Map<string, VersionRow[]>();
  if (!templateIds.length) return out;
  const rows = await db.select().from(templateVersions).where(inArray(templateVersions.templateId, templateIds)).orderBy(asc(templateVersions.templateId), desc(templateVersions.version));
  for (const r of rows) out.set(r.templateId, [...(out.get(r.templateId) ?? []), r]);
  return out;
}

export async function getTemplate(db: DbOrTx, congressId: string, templateId: string): Promise<TemplateRow> {
  const [t] = await db.select().from(countyTemplates).where(and(eq(countyTemplates.id, templateId), eq(countyTemplates.congressId, congressId)));
  if (!t) throw new AppError('template_not_found');
  return t;
}

/**
 * The current adoption of each template by each of these congresses: its newest adoption row of any version of the
 * template. Keyed `${congressId}/${templateId}`.
 */
export async function currentAdoptions(db: DbOrTx, congressIds: string[]): Promise<Map<string, Adoption & { templateId: string; congressId: string }>> {
  const out = new Map<string, Adoption & { templateId: string; congressId: string }>();
  if (!congressIds.length) return out;
  const rows = await db
    .select({ congressId: templateAdoptions.congressId, versionId: templateAdoptions.versionId, parts: templateAdoptions.parts, adoptedAt: templateAdoptions.adoptedAt, templateId: templateVersions.templateId, version: templateVersions.version })
    .from(templateAdoptions)
    .innerJoin(templateVersions, eq(templateVersions.id, templateAdoptions.versionId))
    .where(inArray(templateAdoptions.congressId, congressIds))
    .orderBy(desc(templateAdoptions.adoptedAt), desc(templateAdoptions.id));
  for (const r of rows) {
    const key = `${r.congressId}/${r.templateId}`;
    if (!out.has(key)) out.set(key, { congressId: r.congressId, templateId: r.templateId, versionId: r.versionId, version: r.version, parts: r.parts as TemplatePart[], adoptedAt: r.adoptedAt.toISOString() });
  }
  return out;
}

/** A version of a template published by a congress above `congressId`, with its template and publisher; else 404. */
export async function versionAbove(db: DbOrTx, congressId: string, versionId: string) {
  const above = await congressesAbove(db, congressId);
  const [row] = await db
    .select({ v: templateVersions, t: countyTemplates })
    .from(templateVersions)
    .innerJoin(countyTemplates, eq(countyTemplates.id, templateVersions.templateId))
    .where(eq(templateVersions.id, versionId));
  const publisher = row && above.find((a) => a.id === row.t.congressId);
  if (!row || !publisher) throw new AppError('template_version_not_found');
  return { version: row.v, template: row.t, publisher };
}
