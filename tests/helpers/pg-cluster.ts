/**
 * Throwaway PostgreSQL clusters for fault tests: `initdb` on a free port in a temp folder, stopped, restarted, killed
 * and promoted at will, removed afterwards. Never the machine's own server on 5432. As root the binaries run as the
 * `postgres` user (PostgreSQL refuses to run as root); as anyone else they run as that user.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

const run = promisify(execFile);

/** The newest PostgreSQL's bin folder on this machine, or null. */
export function pgBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}

const asRoot = process.getuid?.() === 0;
/** Why clusters cannot be made here, or null when they can. */
export function clusterUnavailable(): string | null {
  if (!pgBin()) return 'no PostgreSQL binaries in /usr/lib/postgresql/*/bin';
  if (asRoot) {
    try {
      readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:')) ?? (() => { throw new Error(); })();
    } catch {
      return 'running as root without a postgres user';
    }
  }
  return null;
}

async function pg(tool: string, args: string[], timeoutMs = 60_000) {
  const bin = join(pgBin()!, tool);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return run(cmd, argv, { timeout: timeoutMs, cwd: tmpdir() });
}

export async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => res(port));
    });
  });
}

function ownedTempDir(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ms-${tag}-`));
  if (asRoot) {
    const [uid, gid] = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'))!.split(':').slice(2, 4).map(Number);
    chownSync(dir, uid, gid);
  }
  return dir;
}

export type StopMode = 'fast' | 'immediate';

export class Cluster {
  constructor(
    readonly root: string,
    readonly port: number,
    private readonly options: string,
  ) {}
  get dataDir() {
    return join(this.root, 'data');
  }
  get logFile() {
    return join(this.root, 'log');
  }
  url(database = 'postgres') {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }
  async start() {
    await pg('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '60', '-o', this.options, 'start']);
  }
  async stop(mode: StopMode = 'fast') {
    await pg('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']).catch(() => {});
  }
  async restart(mode: StopMode = 'fast') {
    await pg('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-m', mode, '-w', '-t', '60', '-o', this.options, 'restart']);
  }
  /** A standby becomes a primary (as Patroni, repmgr or an operator would). */
  async promote() {
    await pg('pg_ctl', ['-D', this.dataDir, '-w', '-t', '60', 'promote']);
  }
  /** The postmaster's pid, or null when it is not running. */
  pid(): number | null {
    const file = join(this.dataDir, 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
  }
  /** SIGKILL the postmaster and its children: a machine that lost power, as far as clients can tell. */
  async kill() {
    const pid = this.pid();
    if (!pid) return;
    const children = (await run('pgrep', ['-P', String(pid)]).catch(() => ({ stdout: '' }))).stdout.trim().split('\n').filter(Boolean);
    await run('kill', ['-KILL', String(pid), ...children]).catch(() => {});
  }
  async remove() {
    await this.stop('immediate');
    rmSync(this.root, { recursive: true, force: true });
  }
}

const SERVER_OPTIONS = (port: number, extra: string) =>
  `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=60 ${extra}`.trim();

/** A new primary, started. `settings`: extra `-c name=value` options (e.g. synchronous_standby_names). */
export async function createCluster(settings: Record<string, string> = {}): Promise<Cluster> {
  const root = ownedTempDir('pg');
  const port = await freePort();
  await pg('initdb', ['-D', join(root, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const extra = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  const c = new Cluster(root, port, SERVER_OPTIONS(port, extra));
  await c.start();
  return c;
}

/**
 * A streaming standby of `primary` (pg_basebackup -R), started, named `name` in primary_conninfo. With
 * `synchronous_standby_names = name` on the primary, a commit returns only once this standby has it.
 */
export async function createStandby(primary: Cluster, name = 'standby1'): Promise<Cluster> {
  const root = ownedTempDir('pg-standby');
  const port = await freePort();
  await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', join(root, 'data'), '-R', '-X', 'stream', '-c', 'fast', '-d', `application_name=${name}`]);
  const c = new Cluster(root, port, SERVER_OPTIONS(port, ''));
  await c.start();
  return c;
}

/**
 * A primary with a synchronous standby (`synchronous_standby_names = 'standby1'`, commits wait for the standby's
 * flush), a database `minsheng` on them, and the multi-host URL the server is given.
 */
export async function replicatedPair(): Promise<{ primary: Cluster; standby: Cluster; url: string }> {
  const primary = await createCluster();
  const admin = postgres(primary.url('postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe('create database minsheng');
    const standby = await createStandby(primary, 'standby1');
    await admin.unsafe(`alter system set synchronous_standby_names = 'standby1'`);
    await admin.unsafe('select pg_reload_conf()');
    const end = Date.now() + 30_000;
    while ((await admin<{ s: string }[]>`select sync_state as s from pg_stat_replication where application_name = 'standby1'`)[0]?.s !== 'sync') {
      if (Date.now() > end) throw new Error('the standby did not become synchronous');
      await new Promise((r) => setTimeout(r, 100));
    }
    return { primary, standby, url: `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/minsheng?target_session_attrs=read-write` };
  } finally {
    await admin.end();
  }
}
