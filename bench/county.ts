/**
 * A deployment that holds a city (SPEC §9, §16): one city over ten counties over 190 townships (201 congresses), ten
 * years each, a million items of the loop — made by server/county/generate.ts in a database of its own — and the real
 * server answering a county's dashboard (its 19 townships' year side by side, first page), the city's dashboard (every
 * congress below, first page of 50 sorted by items received) and a county's roll-up report, each asked many times over
 * HTTP by the county's overseer, p95. Beside each, its ceiling in the same run: the same functions straight through the
 * driver (no HTTP, no session, no JSON), p95; the "% of ceiling" column is ceiling ÷ figure.
 * Hooked into bench/run.ts (BENCH_ONLY=county runs only this). BENCH_CITY_COUNTIES, BENCH_CITY_TOWNSHIPS (per county),
 * BENCH_CITY_YEARS, BENCH_ITEMS and BENCH_COUNTY_ASKS make it smaller or larger.
 */
import type { ChildProcess } from 'node:child_process';
import { round, timed as timedAfter, type Kit } from './kit.ts';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../server/db/schema/index.ts';
import { generateItems, generateTownship, generateYear, type Township } from '../server/county/generate.ts';
import { countyDashboard } from '../server/county/dashboard.ts';
import { countyRollup } from '../server/county/rollup.ts';
import { DashboardQuery } from '../shared/county/schema.ts';
import { shanghaiToday } from '../shared/time.ts';
import { BenchClient, percentile, pool } from './client.ts';


const COUNTIES = Number(process.env.BENCH_CITY_COUNTIES ?? 10);
const PER_COUNTY = Number(process.env.BENCH_CITY_TOWNSHIPS ?? 19);
const YEARS = Number(process.env.BENCH_CITY_YEARS ?? 10);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const ASKS = Number(process.env.BENCH_COUNTY_ASKS ?? 100);
const WARM = 10;
const timed = (n: number, fn: () => Promise<unknown>) => timedAfter(n, fn, WARM);

export async function countyBench(k: Kit) {
  const name = `minsheng_bench_city_${process.pid}`;
  const admin = postgres(k.baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(k.baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  let proc: ChildProcess | null = null;
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  const db = drizzle(sql, { schema });
  try {
    const s = await k.startServer({ DATABASE_URL: url, ADMIN_USERNAME: 'bench', ADMIN_PASSWORD: k.password });
    proc = s.proc;
    const http = new BenchClient(s.origin, 8);
    await http.must('POST', '/api/auth/login', { username: 'bench', password: k.password });
    const city = await http.must('POST', '/api/congresses', { name: '基准测试市人民代表大会', level: 'city', term: 18 });
    const counties: { id: string; name: string }[] = [];
    for (let i = 0; i < COUNTIES; i++) {
      const c = await http.must('POST', '/api/congresses', { name: `基准第${i + 1}县人民代表大会`, level: 'county', term: 18 });
      await http.must('PUT', `/api/congresses/${c.id}/parent`, { parentId: city.id });
      counties.push({ id: c.id, name: c.name });
    }
    // The overseer: an account holding the role on the first county and on the city (as their routes ask).
    const overseerName = 'bench-overseer';
    const [ov] = await sql`insert into accounts (id, username, display_name) values (gen_random_uuid()::text, ${overseerName}, '基准督导') returning id`;
    await sql`update accounts set password_hash = (select password_hash from accounts where username = 'bench') where id = ${ov.id}`;
    for (const c of [counties[0].id, city.id]) await sql`insert into memberships (id, account_id, congress_id, role) values (gen_random_uuid()::text, ${ov.id}, ${c}, 'overseer')`;
    const signers = await sql<{ id: string }[]>`insert into accounts (id, username, display_name) select gen_random_uuid()::text, 'bench-scrutineer-' || g, '监票人' || g from generate_series(1, 2) g returning id`;

    const today = shanghaiToday();
    const thisYear = Number(today.slice(0, 4));
    const townships = COUNTIES * PER_COUNTY;
    const perTownship = Math.floor(ITEMS / townships);
    k.log(`county: a city of ${COUNTIES} counties × ${PER_COUNTY} townships, ${YEARS} years, ${(perTownship * townships).toLocaleString('en')} items (generator)`);
    const t0 = performance.now();
    const slots = Array.from({ length: townships }, (_, i) => i);
    await pool(slots, 4, async (i) => {
      const county = counties[Math.floor(i / PER_COUNTY)];
      const t: Township = await db.transaction((tx) => generateTownship(tx, { name: `${county.name.slice(0, 4)}第${(i % PER_COUNTY) + 1}乡人民代表大会`, parentId: county.id, representatives: 30 + (i % 20) }));
      await db.transaction(async (tx) => {
        for (let y = thisYear - YEARS + 1; y <= thisYear; y++) await generateYear(tx, { township: t, year: y, today, scrutineerIds: [signers[0].id, signers[1].id], seed: i * 100 + y, quality: 0.3 + ((i * 37) % 70) / 100 });
        await generateItems(tx, { township: t, fromYear: thisYear - YEARS + 1, toYear: thisYear, count: perTownship, today, seed: i });
      });
      if ((i + 1) % 20 === 0) k.log(`  ${i + 1}/${townships} townships made (${round((performance.now() - t0) / 1000)} s)`);
    });
    for (const tbl of ['items', 'item_answers', 'projects', 'eval_answers', 'eval_rounds', 'votes', 'tallies', 'candidate_lists', 'proposals', 'congresses']) await sql.unsafe(`analyze ${tbl}`);
    const [{ n: itemsN }] = await sql`select count(*)::int as n from items`;
    const [{ n: talliesN }] = await sql`select count(*)::int as n from tallies where published_at is not null`;
    const genS = (performance.now() - t0) / 1000;
    k.log(`  made in ${round(genS, 1)} s: ${itemsN} items, ${talliesN} published votes`);

    const ohttp = new BenchClient(s.origin, 8);
    await ohttp.must('POST', '/api/auth/login', { username: overseerName, password: k.password });
    const year = thisYear - 1;
    const county = counties[0];
    const asRow = (r: { id: string; name: string; level: string }) => ({ id: r.id, name: r.name, level: r.level });
    const [countyRow] = await sql<{ id: string; name: string; level: string }[]>`select id, name, level from congresses where id = ${county.id}`;
    const [cityRow] = await sql<{ id: string; name: string; level: string }[]>`select id, name, level from congresses where id = ${city.id}`;

    const measure = async (scenario: string, path: string, ceilingFn: () => Promise<unknown>, check: (body: any) => boolean, note: string) => {
      const first = await ohttp.must('GET', path);
      const lat = await timed(ASKS, () => ohttp.must('GET', path));
      const ceil = await timed(ASKS, ceilingFn);
      const p = percentile(lat, 95);
      const c = percentile(ceil, 95);
      k.add({
        scenario,
        figure: round(p, 1),
        unit: 'ms',
        required: '≤ 500 ms',
        goal: '≤ 100 ms',
        pass: p <= 500 && check(first),
        ceiling: round(c, 1),
        ratio: round((c / p) * 100),
        note: `${ASKS} asks after ${WARM} warm-up; p50 ${round(percentile(lat, 50), 1)} ms; ${note}; the ceiling column is the same function straight through the driver; data made in ${round(genS, 1)} s`,
      });
    };
    const dq = (over: Record<string, unknown>) => DashboardQuery.parse({ year, page: 1, size: 50, ...over });
    await measure(
      `county dashboard: a county's ${PER_COUNTY} townships' year side by side (first page), over a city of ${COUNTIES * PER_COUNTY + COUNTIES + 1} congresses × ${YEARS} years, ${(itemsN / 1e6).toLocaleString('en')}M items, p95`,
      `/api/congresses/${county.id}/county/dashboard?year=${year}&page=1&size=50`,
      () => countyDashboard(db, asRow(countyRow), dq({})),
      (b) => b.total === PER_COUNTY,
      `${PER_COUNTY} rows with the year's totals`,
    );
    await measure(
      `city dashboard: all ${COUNTIES * PER_COUNTY + COUNTIES} congresses below the city, sorted by items received, first page of 50, p95`,
      `/api/congresses/${city.id}/county/dashboard?year=${year}&sort=items&dir=desc&page=1&size=50`,
      () => countyDashboard(db, asRow(cityRow), dq({ sort: 'items', dir: 'desc' })),
      (b) => b.total >= COUNTIES * PER_COUNTY,
      'sorted and paged on the server',
    );
    await measure(
      `county roll-up report: per township and in total, with the trend over the previous years, p95`,
      `/api/congresses/${county.id}/county/rollup?year=${year}`,
      () => countyRollup(db, asRow(countyRow), year),
      () => true,
      `${PER_COUNTY} townships`,
    );
    http.close();
    ohttp.close();
  } finally {
    if (proc) await k.stop(proc);
    await sql.end();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
