/**
 * The demo county (SPEC §16): 示例县第十八届人民代表大会 over three townships — the demo's told township (placed under
 * it) and two more whose last three years are generated in bulk (server/county/generate.ts) — with the county's staff
 * (`county-staff`, admin of the county) and an overseer (`overseer`, who reads the townships through the county's
 * routes). Each generated township has a staff account and a scrutineer, who signed its tallies. The county's template
 * (server/templates/demo.ts) and the told township's session package filed at the county (server/hallbox/demo.ts)
 * come last.
 * Loading twice changes nothing: nothing is done when the county exists.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../shared/roles.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { Database } from '../db/client.ts';
import { accounts, congresses, memberships } from '../db/schema/index.ts';
import { defaultSettings } from '../../shared/congress/settings.ts';
import { appendAudit } from '../lib/audit.ts';
import { hashPassword } from '../lib/password.ts';
import { log } from '../lib/log.ts';
import { generateItems, generateTownship, generateYear } from '../county/generate.ts';
import { loadHallboxDemo } from '../hallbox/demo.ts';
import { loadTemplatesDemo } from '../templates/demo.ts';

export const DEMO_COUNTY = '示例县第十八届人民代表大会';
/** The two generated townships: [name, the username prefix of its staff, how good it is at its projects]. */
export const DEMO_GENERATED: [string, string, number][] = [
  ['东湖乡第十八届人民代表大会', 'donghu', 0.9],
  ['西岭镇第十八届人民代表大会', 'xiling', 0.35],
];
/** The county's accounts and the generated townships' (staff, scrutineer), all with the demo password. */
export const COUNTY_ACCOUNTS = ['county-staff', 'overseer', ...DEMO_GENERATED.flatMap(([, u]) => [`${u}-staff`, `${u}-scrutineer`])];
/** Items of the year-round loop per generated township and year. */
const ITEMS_PER_YEAR = 120;

export async function loadCountyDemo(database: Database, o: { townshipName: string; password: string; year: number }): Promise<{ countyId: string } | null> {
  const { db } = database;
  const [existing] = await db.select({ id: congresses.id }).from(congresses).where(eq(congresses.name, DEMO_COUNTY)).limit(1);
  if (existing) return null;
  const started = performance.now();
  const [township] = await db.select().from(congresses).where(eq(congresses.name, o.townshipName)).limit(1);
  const passwordHash = await hashPassword(o.password);
  const today = shanghaiToday();
  const made = await db.transaction(async (tx) => {
    const [admin] = await tx.select().from(accounts).where(eq(accounts.systemAdmin, true)).limit(1);
    const actor = { id: admin.id, name: admin.displayName };
    const [county] = await tx.insert(congresses).values({ name: DEMO_COUNTY, level: 'county', term: 18, settings: defaultSettings() }).returning();
    const account = async (username: string, displayName: string, grants: [string, Role][]) => {
      const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
      const [acc] = taken ? [taken] : await tx.insert(accounts).values({ username, displayName, passwordHash }).returning({ id: accounts.id });
      for (const [congressId, role] of grants) {
        const [has] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.accountId, acc.id), eq(memberships.congressId, congressId), eq(memberships.role, role)));
        if (!has) await tx.insert(memberships).values({ accountId: acc.id, congressId, role });
      }
      return acc.id;
    };
    const countyStaff = await account('county-staff', '县人大办 黄主任', [[county.id, 'admin']]);
    await account('overseer', '县人大常委会 联络工委 韩主任', [[county.id, 'overseer']]);
    if (township) {
      await tx.update(congresses).set({ parentId: county.id }).where(eq(congresses.id, township.id));
      await appendAudit(tx, { actor, congressId: township.id, action: 'county.set_parent', targetType: 'congress', targetId: township.id, details: { parentId: county.id, parentName: county.name } });
    }
    const generated: { id: string; name: string; quality: number; signers: [string, string] }[] = [];
    for (const [i, [name, user, quality]] of DEMO_GENERATED.entries()) {
      const t = await generateTownship(tx, { name, parentId: county.id, representatives: 30 + i * 6 });
      const staffId = await account(`${user}-staff`, `${name.slice(0, 3)}人大办`, [[t.congressId, 'admin'], [t.congressId, 'scrutineer']]);
      const scrutId = await account(`${user}-scrutineer`, `${name.slice(0, 3)}总监票人`, [[t.congressId, 'scrutineer']]);
      for (let y = o.year - 2; y <= o.year; y++) await generateYear(tx, { township: t, year: y, today, scrutineerIds: [scrutId, staffId], seed: 1000 * (i + 1) + y, quality });
      await generateItems(tx, { township: t, fromYear: o.year - 2, toYear: o.year, count: ITEMS_PER_YEAR * 3, today, seed: i + 1 });
      await appendAudit(tx, { actor, congressId: t.congressId, action: 'county.set_parent', targetType: 'congress', targetId: t.congressId, details: { parentId: county.id, parentName: county.name } });
      generated.push({ id: t.congressId, name, quality, signers: [scrutId, staffId] });
    }
    await tx.execute(sql`analyze items`);
    return { county, generated, adminId: admin.id, countyStaff };
  });
  // The hall in a box: the told township's session, exported as its laptop would and filed beside it at the county.
  if (township) await loadHallboxDemo(database, { townshipId: township.id, actor: { id: made.countyStaff, name: '县人大办 黄主任' } });
  // Templates: the county's template in two versions; the told township adopted the first (and sees the second as
  // newer), the generated ones the second.
  await loadTemplatesDemo(db, { countyId: made.county.id, townshipIds: [...(township ? [township.id] : []), ...made.generated.map((g) => g.id)], adminAccountId: made.countyStaff });
  log.info('demo county loaded', { county: DEMO_COUNTY, townships: 1 + made.generated.length, accounts: COUNTY_ACCOUNTS.join(' '), ms: Math.round(performance.now() - started) });
  return { countyId: made.county.id };
}
