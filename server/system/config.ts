import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The server's settings, all from the environment, checked once at start. A wrong value stops the server with one
 * line that names the variable, what it holds and what it should hold — in Chinese and English — never a stack trace.
 */
const flag = (name: string) =>
  z
    .enum(['0', '1', 'true', 'false', 'on', 'off', 'yes', 'no', ''], { error: `${name}: 应为 1 或 0 / must be 1 or 0` })
    .optional()
    .transform((v) => v === '1' || v === 'true' || v === 'on' || v === 'yes');

/** A whole number setting in a range, with its default when unset. */
const whole = (name: string, def: number, min: number, max: number, unit = '') =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? def : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, { error: `${name}: 应为 ${min}–${max} 的整数${unit ? `（${unit}）` : ''} / must be a whole number from ${min} to ${max}${unit ? ` (${unit})` : ''}` });

/** TRUST_PROXY's upper bound: a longer chain of proxies is a mistake in the setting. */
export const MAX_PROXY_HOPS = 10;

const Env = z.object({
  PORT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 8787 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 65535, { error: 'PORT: 应为 1–65535 的整数（0 表示任选空闲端口） / must be a whole number from 1 to 65535 (0: any free port)' }),
  HOST: z.string().min(1, { error: 'HOST: 不能为空 / must not be empty' }).optional().default('0.0.0.0'),
  DATA_DIR: z.string().optional().default('./data').transform((v) => resolve(v || './data')),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
      error: 'DATABASE_URL: 应形如 postgres://用户:密码@主机:5432/数据库 / must look like postgres://user:pass@host:5432/db',
    }),
  DB_POOL_MAX: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 10 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= 200, { error: 'DB_POOL_MAX: 应为 1–200 的整数 / must be a whole number from 1 to 200' }),
  // Deadlines (design §13): no database wait is unbounded.
  DB_STATEMENT_TIMEOUT_MS: whole('DB_STATEMENT_TIMEOUT_MS', 30_000, 1000, 3_600_000, 'ms'),
  DB_LOCK_TIMEOUT_MS: whole('DB_LOCK_TIMEOUT_MS', 5000, 100, 600_000, 'ms'),
  CAST_DEADLINE_MS: whole('CAST_DEADLINE_MS', 5000, 500, 60_000, 'ms'),
  SUBMIT_QUEUE_MAX: whole('SUBMIT_QUEUE_MAX', 5000, 10, 1_000_000),
  // The big screen's live streams (server/lib/live-hub.ts): per client address (a hall behind one NAT holds several
  // screens) and in all on this instance.
  LIVE_STREAMS_PER_ADDRESS: whole('LIVE_STREAMS_PER_ADDRESS', 50, 1, 100_000),
  LIVE_STREAMS_MAX: whole('LIVE_STREAMS_MAX', 2000, 1, 1_000_000),
  // The number of proxies in front whose X-Forwarded-For / X-Forwarded-Proto entries are believed, from the right.
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => {
      const s = (v ?? '').trim().toLowerCase();
      if (['', '0', 'false', 'off', 'no'].includes(s)) return 0;
      if (['true', 'on', 'yes'].includes(s)) return 1;
      return /^\d{1,2}$/.test(s) ? Number(s) : NaN;
    })
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= MAX_PROXY_HOPS, {
      error: `TRUST_PROXY: 应为 0（关闭）、1（一层代理）或前面受信任代理的层数 2–${MAX_PROXY_HOPS} / must be 0 (off), 1 (one proxy) or the number of trusted proxies in front, 2 to ${MAX_PROXY_HOPS}`,
    }),
  COOKIE_SECURE: flag('COOKIE_SECURE'),
  // WEB_DIR: serve a web build from elsewhere (parallel test runs each build their own); SKIP_WEB_BUILD: never build it at start.
  WEB_DIR: z.string().optional().transform((v) => (v ? resolve(v) : undefined)),
  SKIP_WEB_BUILD: flag('SKIP_WEB_BUILD'),
  PUBLIC_ORIGIN: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^https?:\/\/[^/\s?#]+$/.test(v), {
      error: 'PUBLIC_ORIGIN: 应为网址的开头部分，如 https://minsheng.example.gov.cn（不带路径和末尾斜杠） / must be an origin such as https://minsheng.example.gov.cn (no path, no trailing slash)',
    }),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', ''], { error: 'LOG_LEVEL: 应为 debug、info、warn 或 error / must be debug, info, warn or error' })
    .optional()
    .transform((v) => v || 'info'),
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^[\x21-\x7e]{16,200}$/.test(v), {
      error: 'METRICS_TOKEN: 应为至少 16 个字符、不含空格的口令 / must be at least 16 characters without spaces',
    }),
  // A stop (SIGTERM) lets the requests in flight be answered for at most this long, then cuts what is left.
  STOP_GRACE_MS: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 10_000 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 300_000, { error: 'STOP_GRACE_MS: 应为 0–300000 的整数（毫秒） / must be a whole number from 0 to 300000 (ms)' }),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  poolMax: number;
  /** Statement, lock and casting deadlines and the bound of each submission queue. */
  deadlines: Deadlines;
  /** Trusted proxies in front (0: none, X-Forwarded-* ignored); the client address is the entry the outermost wrote. */
  trustProxy: number;
  /** COOKIE_SECURE: mark the session cookie Secure even when the request reached us over plain HTTP (TLS ends in front). */
  cookieSecure: boolean;
  /** The web build to serve (WEB_DIR); unset, dist/web beside the code. */
  webDir?: string;
  /** SKIP_WEB_BUILD: serve the build as it is, never rebuild it at start. */
  skipWebBuild: boolean;
  /** The origin of printed links and QR codes; unset, main.ts uses a default from HOST and PORT (lib/origin.ts). */
  publicOrigin?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** /metrics answers only with this bearer token; without it /metrics does not exist. */
  metricsToken?: string;
  /** At a stop, the longest wait for the requests in flight to be answered (ms) before they are cut. */
  stopGraceMs: number;
  /** The big screen's live streams: at most this many per client address, and in all on this instance. */
  liveStreams: { perAddress: number; total: number };
};

export type Deadlines = {
  /** Any statement (reports included) is cancelled by the database after this long. */
  statementMs: number;
  /** Waiting for a lock gives up after this long. */
  lockMs: number;
  /** A cast or an evaluation submission is answered (receipt or a 503 to retry) within this long. */
  castMs: number;
  /** Casts (and answers) waiting for their batch beyond this many are refused at once with 503 server_busy. */
  queueMax: number;
};

export const DEFAULT_DEADLINES: Deadlines = { statementMs: 30_000, lockMs: 5000, castMs: 5000, queueMax: 5000 };

export class ConfigError extends Error {}

/**
 * The log level before the settings are read, and in tests (which never read them): LOG_LEVEL when it names a level,
 * else info; tests stay quiet unless LOG_LEVEL asks for lines.
 */
export function earlyLogLevel(env: NodeJS.ProcessEnv = process.env): 'debug' | 'info' | 'warn' | 'error' | 'silent' {
  const l = env.LOG_LEVEL;
  if (l === 'debug' || l === 'info' || l === 'warn' || l === 'error') return l;
  return env.VITEST ? 'silent' : 'info';
}

/** Whether this process runs under the test runner (main.ts leaves the log level to the tests then). */
export const underTest = (env: NodeJS.ProcessEnv = process.env) => Boolean(env.VITEST);

/** Read the settings; throws ConfigError with one line per wrong variable (the first is enough to act on). */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = Env.safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0];
    const name = String(issue.path[0] ?? '');
    const got = name && env[name] !== undefined ? ` (${name}=${JSON.stringify(name === 'DATABASE_URL' || name === 'METRICS_TOKEN' ? '…' : env[name])})` : '';
    throw new ConfigError(`配置错误 / Configuration error: ${issue.message}${got}`);
  }
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    poolMax: e.DB_POOL_MAX,
    deadlines: { statementMs: e.DB_STATEMENT_TIMEOUT_MS, lockMs: e.DB_LOCK_TIMEOUT_MS, castMs: e.CAST_DEADLINE_MS, queueMax: e.SUBMIT_QUEUE_MAX },
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE,
    webDir: e.WEB_DIR,
    skipWebBuild: e.SKIP_WEB_BUILD,
    publicOrigin: e.PUBLIC_ORIGIN,
    logLevel: e.LOG_LEVEL as Config['logLevel'],
    metricsToken: e.METRICS_TOKEN,
    stopGraceMs: e.STOP_GRACE_MS,
    liveStreams: { perAddress: e.LIVE_STREAMS_PER_ADDRESS, total: e.LIVE_STREAMS_MAX },
  };
}
