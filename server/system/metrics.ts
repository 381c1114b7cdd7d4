import type { Database } from '../db/client.ts';
import { APPLICATION_NAME } from '../db/client.ts';
import { withDeadline } from '../lib/deadline.ts';

/**
 * Prometheus metrics of this process, in the text exposition format (version 0.0.4). Request figures are per route
 * pattern, never per URL, so no token or serial can reach a label; the live figures (open votes, connections) are read
 * from the database at each scrape and so count every instance. Served at /metrics only when METRICS_TOKEN is set.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Histogram = { counts: number[]; sum: number; count: number };

class Registry {
  readonly requests = new Map<string, number>(); // key: method \0 route \0 status
  readonly latency = new Map<string, Histogram>(); // key: method \0 route
  ballotsCast = 0;
  evaluationSubmissions = 0;
  /** Requests answered 503 because the database was unavailable, busy past a deadline, or could not write. */
  readonly dbFaults = new Map<string, number>();
  readonly started = Date.now();

  observeRequest(method: string, route: string, status: number, seconds: number) {
    const k = `${method}\0${route}\0${status}`;
    this.requests.set(k, (this.requests.get(k) ?? 0) + 1);
    const hk = `${method}\0${route}`;
    let h = this.latency.get(hk);
    if (!h) this.latency.set(hk, (h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) h.counts[i]++;
    h.sum += seconds;
    h.count++;
  }
}

export const metrics = new Registry();

/** A label value as the format wants it: backslash, quote and newline escaped. */
const label = (v: string | number) => String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export async function renderMetrics(database: Database, poolMax: number): Promise<string> {
  const out: string[] = [];
  const family = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

  family('minsheng_http_requests_total', 'counter', 'HTTP requests answered, by method, route pattern and status.');
  for (const [k, n] of metrics.requests) {
    const [method, route, status] = k.split('\0');
    out.push(`minsheng_http_requests_total{method="${label(method)}",route="${label(route)}",status="${status}"} ${n}`);
  }
  family('minsheng_http_request_duration_seconds', 'histogram', 'Time to answer a request, by method and route pattern.');
  for (const [k, h] of metrics.latency) {
    const [method, route] = k.split('\0');
    const l = `method="${label(method)}",route="${label(route)}"`;
    BUCKETS.forEach((b, i) => out.push(`minsheng_http_request_duration_seconds_bucket{${l},le="${b}"} ${h.counts[i]}`));
    out.push(`minsheng_http_request_duration_seconds_bucket{${l},le="+Inf"} ${h.count}`);
    out.push(`minsheng_http_request_duration_seconds_sum{${l}} ${h.sum.toFixed(6)}`);
    out.push(`minsheng_http_request_duration_seconds_count{${l}} ${h.count}`);
  }
  family('minsheng_ballots_cast_total', 'counter', 'Ballots stored from tablets by this process (repeats of the same cast not counted).');
  out.push(`minsheng_ballots_cast_total ${metrics.ballotsCast}`);
  family('minsheng_evaluation_submissions_total', 'counter', 'Evaluation answer sheets stored by this process.');
  out.push(`minsheng_evaluation_submissions_total ${metrics.evaluationSubmissions}`);

  family('minsheng_database_faults_total', 'counter', 'Requests answered 503 because the database was unavailable, busy past a deadline, or could not write, by fault.');
  for (const fault of ['database_unavailable', 'database_busy', 'storage_full', 'server_busy'])
    out.push(`minsheng_database_faults_total{fault="${fault}"} ${metrics.dbFaults.get(fault) ?? 0}`);
  // The figures read from the database, with a deadline: when it does not answer, the process's own figures are still
  // served and minsheng_database_up says 0.
  let live: { open: number; rounds: number; connections: { state: string | null; n: number }[] } | null = null;
  try {
    live = await withDeadline(readLive(database), 2000);
  } catch {
    live = null;
  }
  family('minsheng_database_up', 'gauge', '1 when the database answered this scrape, 0 when it did not.');
  out.push(`minsheng_database_up ${live ? 1 : 0}`);
  if (live) {
    family('minsheng_open_votes', 'gauge', 'Votes open now, in every congress.');
    out.push(`minsheng_open_votes ${live.open}`);
    family('minsheng_open_evaluation_rounds', 'gauge', 'Evaluation rounds open now, in every congress.');
    out.push(`minsheng_open_evaluation_rounds ${live.rounds}`);
  }
  family('minsheng_db_pool_max', 'gauge', 'Database connections this process may open (DB_POOL_MAX; 1 for the embedded database).');
  out.push(`minsheng_db_pool_max ${database.kind === 'postgres' ? poolMax : 1}`);
  if (live && database.kind === 'postgres') {
    family('minsheng_db_connections', 'gauge', "Minsheng's open database connections by state, all instances together (PostgreSQL only).");
    for (const r of live.connections) out.push(`minsheng_db_connections{state="${label(r.state ?? 'unknown')}"} ${r.n}`);
  }
  family('minsheng_process_uptime_seconds', 'gauge', 'Seconds since this process started serving.');
  out.push(`minsheng_process_uptime_seconds ${Math.round((Date.now() - metrics.started) / 1000)}`);
  family('minsheng_process_resident_memory_bytes', 'gauge', 'Resident memory of this process.');
  out.push(`minsheng_process_resident_memory_bytes ${process.memoryUsage.rss()}`);
  return out.join('\n') + '\n';
}

async function readLive(database: Database) {
  const [open] = await database.query<{ n: number }>(`select count(*)::int as n from votes where opened_at is not null and closed_at is null`);
  const [rounds] = await database.query<{ n: number }>(`select count(*)::int as n from eval_rounds where opened_at is not null and closed_at is null`);
  const connections =
    database.kind === 'postgres'
      ? await database.query<{ state: string | null; n: number }>(
          `select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity
            where datname = current_database() and application_name = $1 group by 1 order by 1`,
          [APPLICATION_NAME],
        )
      : [];
  return { open: open?.n ?? 0, rounds: rounds?.n ?? 0, connections };
}
