import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../shared/roles.ts';
import { defaultSettings } from '../../shared/congress/settings.ts';
import type { Database } from '../db/client.ts';
import { accounts, congresses, departments, memberships, outbox, representatives } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { log } from '../lib/log.ts';
import { demoApp } from './api.ts';
import { loadGatheringDemo } from './gathering.ts';
import { loadYearDemo, type Story } from './year.ts';
import { loadStationsDemo, STATION_KEEPERS } from './loop-stations.ts';
import { loadHotlineDemo } from './loop-hotline.ts';
import { loadCalendarDemo, loadReviewDemo } from './loop-review.ts';
import { loadArchiveDemo } from './loop-archive.ts';
import { loadItemsDemo } from './loop-items.ts';
import { COUNTY_ACCOUNTS, DEMO_COUNTY, DEMO_GENERATED, loadCountyDemo } from './county-demo.ts';
import { DemoClock, shanghai } from './clock.ts';
import { withClock } from '../lib/clock.ts';
import { hashPassword } from '../lib/password.ts';
import { addDays, shanghaiToday, shanghaiYear } from '../../shared/time.ts';

export const DEMO_CONGRESS = '青山镇第十八届人民代表大会';
export const DEMO_PASSWORD = 'minsheng-demo';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = ['建国', '秀英', '志强', '丽华', '海燕', '国庆', '春梅', '德明', '晓东', '玉兰', '卫东', '桂芳', '文军', '红霞', '永福'];
const GROUPS = ['青山社区代表小组', '河东村代表小组', '河西村代表小组', '石桥村代表小组', '机关企业代表小组'];
/** [name, kind, the username of its department account] */
const DEPARTMENTS: [string, 'bureau' | 'township' | 'enterprise' | 'other', string, string][] = [
  ['镇党政办', 'township', 'dept-office', '党政办 朱干事'],
  ['镇社会事务办（民政）', 'township', 'dept-civil', '社会事务办 许主任'],
  ['镇建设管理办', 'township', 'dept-build', '建设办 何工'],
  ['镇农业农村办', 'township', 'dept-agri', '农业农村办 曹主任'],
  ['县交通运输局青山站', 'bureau', 'dept-transport', '交通站 罗站长'],
  ['镇卫生院', 'other', 'dept-health', '卫生院 唐院长'],
  ['镇中心学校', 'other', 'dept-school', '中心学校 梁校长'],
  ['镇水务站', 'township', 'dept-water', '水务站 彭站长'],
];
const STAFF: [string, string, Role][] = [
  ['staff', '人大办 林主任', 'admin'],
  ['gov', '政府办 陈主任', 'government'],
  ['chair', '主席团 周执行主席', 'presidium'],
  ['scrutineer1', '吴代表', 'scrutineer'],
  ['scrutineer2', '郑代表', 'scrutineer'],
  ['counter1', '计票人 冯干事', 'scrutineer'],
  ['counter2', '计票人 邓干事', 'scrutineer'],
];

/** Every demo account (the system administrator `admin` only when none existed before the demo). */
export const DEMO_ACCOUNTS = ['admin', ...STAFF.map(([u]) => u), ...DEPARTMENTS.map(([, , u]) => u), ...STATION_KEEPERS];
/** The demo county's accounts (server/demo/county-demo.ts): the county's staff, its overseer, the generated townships' staff. */
export { COUNTY_ACCOUNTS };

/**
 * `npm start -- --demo`: a whole year of a demo township congress (password `minsheng-demo` for every account), then
 * the demo county over it and two generated townships (`county: false` leaves the county out).
 * Loading twice changes nothing: nothing is done when the congress exists.
 */
export async function loadDemo(database: Database, o: { county?: boolean } = {}): Promise<void> {
  const { db } = database;
  const [existing] = await db.select().from(congresses).where(eq(congresses.name, DEMO_CONGRESS)).limit(1);
  if (existing) {
    log.info('demo already loaded', { congress: DEMO_CONGRESS });
    return;
  }
  const started = performance.now();
  const year = shanghaiYear();
  // The demo tells last autumn and this year up to today: every time it stamps is the time of its step in that story.
  const clock = new DemoClock(shanghai(`${year - 1}-08-20`, '09:00'));
  try {
    await withClock(clock.now, () => loadStory(database, clock, year));
  } finally {
    clock.end();
  }
  if (o.county !== false) await loadCountyDemo(database, { townshipName: DEMO_CONGRESS, password: DEMO_PASSWORD, year });
  // The story wrote its messages through the same triggers as life (SPEC §17), to made-up people: they are never sent,
  // even if the deployment turns SMS or e-mail on later. 通知记录 shows them as 未发送 · 示例数据.
  const demoCongresses = db.select({ id: congresses.id }).from(congresses).where(inArray(congresses.name, [DEMO_CONGRESS, DEMO_COUNTY, ...DEMO_GENERATED.map(([name]) => name)]));
  await db.update(outbox).set({ state: 'skipped', reason: 'demo' }).where(and(eq(outbox.state, 'pending'), inArray(outbox.congressId, demoCongresses)));
  log.info('demo loaded', { congress: DEMO_CONGRESS, accounts: DEMO_ACCOUNTS.join(' '), password: DEMO_PASSWORD, ms: Math.round(performance.now() - started) });
}

async function loadStory(database: Database, clock: DemoClock, year: number) {
  const { db } = database;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const deptUsers: Record<string, string> = {};
  const made = await db.transaction(async (tx) => {
    let [admin] = await tx.select().from(accounts).where(eq(accounts.systemAdmin, true)).limit(1);
    if (!admin) [admin] = await tx.insert(accounts).values({ username: 'admin', displayName: '系统管理员', passwordHash, systemAdmin: true }).returning();
    const actor = { id: admin.id, name: admin.displayName };
    const [congress] = await tx.insert(congresses).values({ name: DEMO_CONGRESS, level: 'township', term: 18, settings: defaultSettings() }).returning();
    await tx.insert(memberships).values({ accountId: admin.id, congressId: congress.id, role: 'admin' });
    const deps = await tx.insert(departments).values(DEPARTMENTS.map(([name, kind], i) => ({ congressId: congress.id, name, kind, contactName: `联络员${i + 1}`, contactPhone: `0571-8880${String(100 + i)}` }))).returning();
    const people: [string, string, Role, string | null][] = [...STAFF.map(([u, n, r]): [string, string, Role, null] => [u, n, r, null]), ...DEPARTMENTS.map(([, , u, n], i): [string, string, Role, string] => [u, n, 'department', deps[i].id])];
    for (const [username, displayName, role, departmentId] of people) {
      const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
      const [acc] = taken ? [taken] : await tx.insert(accounts).values({ username, displayName, passwordHash }).returning();
      await tx.insert(memberships).values({ accountId: acc.id, congressId: congress.id, role, departmentId });
      if (departmentId) deptUsers[departmentId] = username;
    }
    const reps = Array.from({ length: 45 }, (_, i) => ({
      congressId: congress.id,
      name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length],
      gender: (i % 3 === 1 ? 'female' : 'male') as 'male' | 'female',
      delegation: GROUPS[i % GROUPS.length],
      constituency: `第${(i % 9) + 1}选区`,
      phone: `1380571${String(1000 + i).padStart(4, '0')}`,
    }));
    await tx.insert(representatives).values(reps);
    // The first entry of the demo's story; its times are the story's, told when the demo was loaded on `loadedOn`.
    await appendAudit(tx, { actor, congressId: congress.id, action: 'demo.load', targetType: 'congress', targetId: congress.id, details: { representatives: reps.length, departments: deps.length, loadedOn: shanghaiToday() } });
    return { actor, congress, deps };
  });
  try {
    const list = await loadGatheringDemo(database, clock, made.actor, made.congress, made.deps, year);
    // The rest of the year goes through the real routes, as the people in each role would.
    const api = demoApp(database);
    const story: Story = { clock, warp: () => clock.warp(database) };
    await loadYearDemo(api, story, made.congress.id, year, list.listId, list.candidateIds, deptUsers, DEMO_PASSWORD);
    // The year-round loop (SPEC §13–14), told after the vote's year: the calendar first (deadlines count its holidays),
    // the stations and their receptions, the items of every source and state, the 12345 imports, the monthly review
    // meetings, and what staff add to the duty archive. Each part dates its records in the year (reception days, the
    // days items came in, the meetings); the clock never goes back, so what the system stamps itself comes after the vote.
    await loadCalendarDemo(api, story, made.congress.id, year, DEMO_PASSWORD);
    await loadStationsDemo(api, story, made.congress.id, year, DEMO_PASSWORD, database);
    // Next year's collection window is scheduled (a week from today), so an item can become one of its proposals.
    const staff = await api.caller().login('staff', DEMO_PASSWORD);
    await staff.post(`/congresses/${made.congress.id}/collection-windows`, { year: year + 1, opensOn: addDays(shanghaiToday(), 7), closesOn: addDays(shanghaiToday(), 67) });
    await loadItemsDemo(api, story, made.congress.id, year, DEMO_PASSWORD, database);
    await loadHotlineDemo(api, story, made.congress.id, year, DEMO_PASSWORD);
    await loadReviewDemo(api, story, made.congress.id, year, DEMO_PASSWORD);
    await loadArchiveDemo(api, story, made.congress.id, year, DEMO_PASSWORD);
    await clock.warp(database);
  } catch (e) {
    // The congress exists now, so a second start would skip the demo: say how to start over.
    log.error('demo only partly loaded: start again with an empty DATA_DIR (or database)', { error: String(e) });
    throw e;
  }
}
