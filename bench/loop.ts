/**
 * The year-round loop at city size (SPEC §9, issue 24): a million items over ten years, made with generate_series in a
 * database of its own, and the real server reading them — the overdue list (first page, nearest deadline first, with
 * its counts) and one department's figures for a year — each asked many times, p95 over HTTP. Beside each, its ceiling
 * in the same run: the same statements straight through the driver (no HTTP, no session, no JSON), p95; the "% of
 * ceiling" column is ceiling ÷ figure (how close the route comes to the database's own time).
 * Hooked into bench/run.ts (BENCH_ONLY=loop runs only this); ITEMS=… changes the count.
 */
import type { ChildProcess } from 'node:child_process';
import { round, timed as timedAfter, type Kit } from './kit.ts';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../server/db/schema/index.ts';
import { countItems } from '../server/review/figures.ts';
import { BenchClient, percentile } from './client.ts';


const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const DEPARTMENTS = 20;
const STATIONS = 12;
const ASKS = Number(process.env.BENCH_LOOP_ASKS ?? 200);
const WARM = 20;
const timed = (n: number, fn: () => Promise<unknown>) => timedAfter(n, fn, WARM);

export async function loopBench(k: Kit) {
  const name = `minsheng_bench_loop_${process.pid}`;
  const admin = postgres(k.baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(k.baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  let proc: ChildProcess | null = null;
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  try {
    const s = await k.startServer({ DATABASE_URL: url, ADMIN_USERNAME: 'bench', ADMIN_PASSWORD: k.password });
    proc = s.proc;
    const http = new BenchClient(s.origin, 8);
    await http.must('POST', '/api/auth/login', { username: 'bench', password: k.password });
    const congress = await http.must('POST', '/api/congresses', { name: '基准测试市人民代表大会', level: 'county', term: 18 });
    const c = `/api/congresses/${congress.id}`;
    const depts: string[] = [];
    for (let i = 0; i < DEPARTMENTS; i++) depts.push((await http.must('POST', `${c}/departments`, { name: `承办单位${i + 1}`, kind: 'bureau' })).id);
    const stations: string[] = [];
    for (let i = 0; i < STATIONS; i++) stations.push((await sql`insert into stations (id, congress_id, name, kind) values (gen_random_uuid()::text, ${congress.id}, ${`联络站${i + 1}`}, ${i ? 'village' : 'central'}) returning id`)[0].id);

    k.log(`loop: ${ITEMS.toLocaleString('en')} items over ten years (generate_series)`);
    const t0 = performance.now();
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    // Ten years back from today; items older than a year are closed (done, some referred), the last year's in every
    // state (about a tenth of them still with a department, most of those overdue).
    await sql`
      insert into items (id, congress_id, tracking_code, source, category, title, content, received_on, station_id, department_id, status, round, urgency, due_on, answer_class, answered_on, feedback, assigned_on)
      select gen_random_uuid()::text, ${congress.id}, 'BL' || lpad(g::text, 8, '0'),
        (array['reception','representative','resident','hotline','inspection','staff'])[1 + g % 6],
        (array['social','science_education','rural','urban','ecology','other'])[1 + (g / 7) % 6],
        '事项 ' || g, '内容', r.day,
        case when g % 3 = 0 then (${stations}::text[])[1 + g % ${STATIONS}] end,
        case when st.s <> 'received' then (${depts}::text[])[1 + g % ${DEPARTMENTS}] end,
        st.s, case when g % 97 = 0 then 2 else 1 end, 'normal',
        case when st.s <> 'received' then r.day + 21 end,
        case when st.s in ('answered', 'done') then (array['resolved','in_progress','planned','cannot'])[1 + g % 4] end,
        case when st.s in ('answered', 'done') then r.day + 10 + g % 20 end,
        case when st.s = 'done' and g % 4 <> 0 then (array['satisfied','basically','unsatisfied'])[1 + g % 3] end,
        case when st.s <> 'received' then r.day + 1 end
      from generate_series(1, ${ITEMS}) g
      cross join lateral (select (${today}::date - (g % 3650)) as day) r
      cross join lateral (select case
        when r.day < ${today}::date - 365 then (case when g % 10 = 9 then 'referred' else 'done' end)
        else (array['received','assigned','answered','done','done','done','done','done','referred','assigned'])[1 + g % 10] end as s) st`;
    await sql`
      insert into item_answers (id, congress_id, item_id, round, department_id, answer_class, text, answered_on, decision)
      select gen_random_uuid()::text, congress_id, id, 1, department_id, answer_class, '答复', answered_on, case when status = 'done' then 'accepted' end
      from items where congress_id = ${congress.id} and answered_on is not null`;
    await sql`analyze items`;
    await sql`analyze item_answers`;
    const [{ n: overdueN }] = await sql`select count(*)::int as n from items where congress_id = ${congress.id} and status = 'assigned' and due_on < ${today}::date`;
    const genS = (performance.now() - t0) / 1000;
    k.log(`  made in ${round(genS, 1)} s; ${overdueN} overdue`);

    // The overdue list: the first page, nearest deadline first, with its counts — as the items page asks for it.
    const listPath = `${c}/items?due=overdue&sort=due&page=1&size=50`;
    const first = await http.must('GET', listPath);
    const httpList = await timed(ASKS, () => http.must('GET', listPath));
    const driverList = await timed(ASKS, () =>
      Promise.all([
        sql`select * from items where congress_id = ${congress.id} and status = 'assigned' and due_on < ${today}::date order by due_on asc nulls last, received_on desc, id asc limit 50`,
        sql`select count(*) from items where congress_id = ${congress.id} and status = 'assigned' and due_on < ${today}::date`,
        sql`select status, count(*) from items where congress_id = ${congress.id} and status = 'assigned' and due_on < ${today}::date group by status`,
      ]),
    );
    const lp = percentile(httpList, 95);
    const lc = percentile(driverList, 95);
    k.add({
      scenario: `overdue list over ${(ITEMS / 1e6).toLocaleString('en')}M items (first page of 50, nearest deadline first, with counts), p95`,
      figure: round(lp, 1),
      unit: 'ms',
      required: '≤ 500 ms',
      goal: '≤ 100 ms',
      pass: lp <= 500 && first.total === overdueN,
      ceiling: round(lc, 1),
      ratio: round((lc / lp) * 100),
      note: `${ASKS} asks after ${WARM} warm-up; p50 ${round(percentile(httpList, 50), 1)} ms; ${overdueN} overdue (the list said ${first.total}); the ceiling column is the same three statements straight through the driver; data made in ${round(genS, 1)} s`,
    });

    // One department's figures for last year (about a tenth of a twentieth of the items), by every grouping.
    const year = Number(today.slice(0, 4)) - 1;
    const dept = depts[3];
    const figPath = `${c}/review/figures?year=${year}&departmentId=${dept}`;
    const fig = await http.must('GET', figPath);
    const httpFig = await timed(ASKS, () => http.must('GET', figPath));
    const db = drizzle(sql, { schema });
    const driverFig = await timed(ASKS, () => countItems(db, congress.id, `${year}-01-01`, `${year}-12-31`, { departmentIds: [dept] }, today));
    const fp = percentile(httpFig, 95);
    const fc = percentile(driverFig, 95);
    k.add({
      scenario: `a department's figures for a year over ${(ITEMS / 1e6).toLocaleString('en')}M items (by department, category, station, month), p95`,
      figure: round(fp, 1),
      unit: 'ms',
      required: '≤ 1,000 ms',
      goal: '≤ 200 ms',
      pass: fp <= 1000 && fig.total.received > 0,
      ceiling: round(fc, 1),
      ratio: round((fc / fp) * 100),
      note: `${ASKS} asks after ${WARM} warm-up; p50 ${round(percentile(httpFig, 50), 1)} ms; ${fig.total.received} items counted; the ceiling column is the counting statement alone through the driver`,
    });
    http.close();
  } finally {
    if (proc) await k.stop(proc);
    await sql.end();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
