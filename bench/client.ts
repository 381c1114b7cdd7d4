/** A small HTTP client for the benchmark: keep-alive sockets, a cookie and the CSRF token, JSON in and out. */
import http from 'node:http';
import net from 'node:net';

export type Res = { status: number; body: any; ms: number; text: string };

export class BenchClient {
  cookie = '';
  csrf = '';
  readonly agent: http.Agent;
  constructor(
    readonly origin: string,
    maxSockets = 64,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(method: string, path: string, body?: unknown, type = 'application/json'): Promise<Res> {
    const url = new URL(path, this.origin);
    const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = type;
      headers['content-length'] = String(payload.length);
    }
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const setCookie = res.headers['set-cookie']?.find((x) => x.startsWith('ms_session='));
          if (setCookie) this.cookie = setCookie.split(';')[0];
          let parsed: any = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          if (parsed && typeof parsed === 'object' && typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
          resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - t0, text });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }
  get = (p: string) => this.request('GET', p);
  post = (p: string, b: unknown = {}) => this.request('POST', p, b);
  put = (p: string, b: unknown = {}) => this.request('PUT', p, b);

  /** Fail loudly: a benchmark on a broken setup measures nothing. */
  async must(method: string, path: string, body?: unknown, type?: string): Promise<any> {
    const r = await this.request(method, path, body, type);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
    return r.body;
  }
  close() {
    this.agent.destroy();
  }
}

/** Run `fn` over items with at most `n` at a time. */
export async function pool<T, R>(items: T[], n: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}

/**
 * One POST on its own connection, as a tablet or a phone sends it: a fresh TCP connection, the request written in one
 * go, the answer read to the end. Far cheaper than node:http's client, so that the load generator, which shares the
 * machine with the server and the database, takes as little CPU from them as it can.
 */
export function rawPost(origin: string, path: string, body: unknown): Promise<Res> {
  return sendRaw(origin, rawRequest(origin, path, body));
}

/**
 * The bytes of a JSON POST, ready before the clock starts (a tablet has its ballot ready when the button is pressed).
 * `keepAlive`: the connection stays open after the answer (KeptConnection); otherwise the request closes it.
 */
export function rawRequest(origin: string, path: string, body: unknown, keepAlive = false): Buffer {
  const { hostname, port } = new URL(origin);
  const payload = Buffer.from(JSON.stringify(body));
  const head = `POST ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\naccept: application/json\r\ncontent-length: ${payload.length}\r\n${keepAlive ? '' : 'connection: close\r\n'}\r\n`;
  return Buffer.concat([Buffer.from(head), payload]);
}

/** The bytes of a GET on a kept connection, as a phone's browser sends it (compression taken, a validator if it has one). */
export function rawGet(origin: string, path: string, headers: Record<string, string> = {}): Buffer {
  const { hostname, port } = new URL(origin);
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return Buffer.from(`GET ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\naccept: application/json\r\n${extra}\r\n`);
}

export type KeptRes = { status: number; headers: Record<string, string>; body: Buffer; ms: number };

/**
 * One connection kept open across requests, as a tablet keeps its own from opening the ballot to casting it, or a
 * phone between pages. Requests go one after another; an answer is read by its Content-Length or its chunks. Cheap on
 * purpose (no node:http client), like sendRaw. `localAddress` picks the source address (127.0.0.x), so that many
 * connections can stand for many devices behind different addresses.
 */
export class KeptConnection {
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: KeptRes) => void; reject: (e: Error) => void; t0: number } | null = null;
  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.tryAnswer();
    });
    const fail = (e: Error) => {
      const w = this.waiting;
      this.waiting = null;
      w?.reject(e);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the server')));
  }

  static open(origin: string, localAddress?: string): Promise<KeptConnection> {
    const { hostname, port } = new URL(origin);
    return new Promise((resolve, reject) => {
      const s = net.connect({ port: Number(port), host: hostname, localAddress });
      s.once('connect', () => resolve(new KeptConnection(s)));
      s.once('error', reject);
    });
  }

  send(request: Buffer): Promise<KeptRes> {
    if (this.waiting) throw new Error('one request at a time on a kept connection');
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject, t0: performance.now() };
      this.socket.write(request);
    });
  }

  private tryAnswer() {
    const w = this.waiting;
    if (!w) return;
    const split = this.buf.indexOf('\r\n\r\n');
    if (split < 0) return;
    const lines = this.buf.subarray(0, split).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':');
      headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
    }
    const status = Number(lines[0].slice(9, 12));
    let body: Buffer;
    let rest: Buffer;
    if (headers['transfer-encoding'] === 'chunked') {
      const parts: Buffer[] = [];
      let i = split + 4;
      for (;;) {
        const eol = this.buf.indexOf('\r\n', i);
        if (eol < 0) return;
        const n = parseInt(this.buf.subarray(i, eol).toString('latin1'), 16);
        if (this.buf.length < eol + 2 + n + 2) return;
        if (n === 0) {
          rest = this.buf.subarray(eol + 4);
          break;
        }
        parts.push(this.buf.subarray(eol + 2, eol + 2 + n));
        i = eol + 2 + n + 2;
      }
      body = Buffer.concat(parts);
    } else {
      const n = Number(headers['content-length'] ?? 0);
      if (this.buf.length < split + 4 + n) return;
      body = this.buf.subarray(split + 4, split + 4 + n);
      rest = this.buf.subarray(split + 4 + n);
    }
    this.buf = rest;
    this.waiting = null;
    w.resolve({ status, headers, body, ms: performance.now() - w.t0 });
  }

  close() {
    this.socket.destroy();
  }
}

/**
 * A big screen or a phone on the live page: a server-sent events stream held open from `localAddress`, counting the
 * events it receives. `first` resolves at the first event (the snapshot every new stream gets at once).
 */
export class LiveStream {
  events = 0;
  closed = false;
  readonly first: Promise<void>;
  private constructor(private readonly socket: net.Socket) {
    let resolveFirst!: () => void;
    this.first = new Promise((r) => (resolveFirst = r));
    let tail = '';
    socket.on('data', (d: Buffer) => {
      const text = tail + d.toString('latin1');
      // An event line starts after a line break (the chunk size line's, or the previous event's blank line); the
      // last 7 characters carried over catch one split between two reads, and can never hold a whole one twice.
      const n = text.split('\nevent: ').length - 1;
      tail = text.slice(-7);
      if (n > 0) {
        this.events += n;
        resolveFirst();
      }
    });
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => (this.closed = true));
  }

  static open(origin: string, path: string, localAddress: string): Promise<LiveStream> {
    const { hostname, port } = new URL(origin);
    return new Promise((resolve, reject) => {
      const s = net.connect({ port: Number(port), host: hostname, localAddress });
      s.once('connect', () => {
        s.write(`GET ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\naccept: text/event-stream\r\n\r\n`);
        resolve(new LiveStream(s));
      });
      s.once('error', reject);
    });
  }

  close() {
    this.socket.destroy();
  }
}

export function sendRaw(origin: string, request: Buffer): Promise<Res> {
  const { hostname, port } = new URL(origin);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), hostname);
    s.setNoDelay(true);
    s.write(request);
    const chunks: Buffer[] = [];
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('error', reject);
    s.on('end', () => {
      const all = Buffer.concat(chunks).toString('utf8');
      const split = all.indexOf('\r\n\r\n');
      const headers = all.slice(0, split).toLowerCase();
      let text = all.slice(split + 4);
      if (headers.includes('transfer-encoding: chunked')) {
        let out = '';
        for (let i = 0; ; ) {
          const eol = text.indexOf('\r\n', i);
          const n = parseInt(text.slice(i, eol), 16);
          if (!n) break;
          out += text.slice(eol + 2, eol + 2 + n);
          i = eol + 2 + n + 2;
        }
        text = out;
      }
      let parsed: any = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      s.destroy();
      resolve({ status: Number(all.slice(9, 12)), body: parsed, ms: performance.now() - t0, text });
    });
  });
}
