/**
 * Templates in the demo (SPEC §16): the county publishes one template in two versions — v1 the spec's defaults with the
 * county's questionnaire for departments, v2 a longer negative list and more points for a reception — and its townships
 * adopt: the first of `townshipIds` took v1 (negative list, questionnaire, categories) and so sees v2 as newer, to
 * compare and adopt; the others took v2 whole but its settings. Nothing the first township's figures depend on changes
 * (v1's values are the defaults apart from the questionnaire, which only new rounds read). Loading twice changes nothing.
 */
import { and, eq } from 'drizzle-orm';
import { CongressSettings, defaultSettings } from '../../shared/congress/settings.ts';
import { applyParts, contentOf, partsOf, type TemplateContent, type TemplatePart } from '../../shared/templates/schema.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { accounts, congresses, countyTemplates, templateAdoptions, templateVersions } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';

export const DEMO_TEMPLATE = '乡镇人大工作统一模板';

const V1 = (): TemplateContent => ({
  ...contentOf(defaultSettings()),
  questionnaire: {
    department: [
      { id: 'd1', label: '办理态度 Attitude', kind: 'satisfaction3' },
      { id: 'd2', label: '办理时效 Timeliness', kind: 'satisfaction3' },
      { id: 'd3', label: '办理效果 Result', kind: 'satisfaction3' },
      { id: 'd4', label: '意见建议 Comments', kind: 'comment' },
    ],
  },
});
const V2 = (): TemplateContent => {
  const v = V1();
  return { ...v, negativeList: [...v.negativeList!, '豪华装修', '超标配车'], points: { ...v.points!, reception_held: 3, report: 3 } };
};

export async function loadTemplatesDemo(database: DbOrTx, o: { countyId: string; townshipIds: string[]; adminAccountId: string }): Promise<{ templateId: string } | null> {
  return database.transaction((tx) => load(tx, o));
}

async function load(db: Tx, o: { countyId: string; townshipIds: string[]; adminAccountId: string }): Promise<{ templateId: string } | null> {
  const [exists] = await db.select({ id: countyTemplates.id }).from(countyTemplates).where(and(eq(countyTemplates.congressId, o.countyId), eq(countyTemplates.name, DEMO_TEMPLATE)));
  if (exists) return null;
  const [admin] = await db.select().from(accounts).where(eq(accounts.id, o.adminAccountId));
  const actor = admin ? { id: admin.id, name: admin.displayName } : null;
  const [tpl] = await db.insert(countyTemplates).values({ congressId: o.countyId, name: DEMO_TEMPLATE, description: '县人大常委会下发：表决与测评规则、负面清单、部门测评问卷、意见建议类别、履职积分。' }).returning();
  await appendAudit(db, { actor, congressId: o.countyId, action: 'templates.create', targetType: 'county_template', targetId: tpl.id, details: { name: tpl.name } });
  const versions = [];
  for (const [i, content] of [V1(), V2()].entries()) {
    const [v] = await db.insert(templateVersions).values({ templateId: tpl.id, version: i + 1, content: content as Record<string, unknown>, note: i === 0 ? '首版' : '负面清单增加两项；接待选民、述职积分提高', publishedBy: admin?.id ?? null }).returning();
    await appendAudit(db, { actor, congressId: o.countyId, action: 'templates.publish', targetType: 'county_template', targetId: tpl.id, details: { name: tpl.name, version: i + 1, parts: partsOf(content) } });
    versions.push({ row: v, content });
  }
  for (const [i, townshipId] of o.townshipIds.entries()) {
    const { row, content } = i === 0 ? versions[0] : versions[1];
    const parts: TemplatePart[] = i === 0 ? ['negativeList', 'questionnaire', 'itemCategories'] : ['negativeList', 'questionnaire', 'itemCategories', 'points'];
    const [c] = await db.select().from(congresses).where(eq(congresses.id, townshipId));
    if (!c) continue;
    const after = CongressSettings.parse(applyParts(CongressSettings.parse(c.settings ?? {}), content, parts));
    await db.update(congresses).set({ settings: after }).where(eq(congresses.id, c.id));
    await db.insert(templateAdoptions).values({ congressId: c.id, versionId: row.id, parts, adoptedBy: admin?.id ?? null });
    await appendAudit(db, { actor, congressId: c.id, action: 'templates.adopt', targetType: 'congress', targetId: c.id, details: { template: tpl.name, templateId: tpl.id, version: row.version, parts } });
  }
  return { templateId: tpl.id };
}
