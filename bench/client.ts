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

/** The bytes of a JSON POST, ready before the clock starts (a tablet has its ballot ready when the button is pressed). */
export function rawRequest(origin: string, path: string, body: unknown): Buffer {
  const { hostname, port } = new URL(origin);
  const payload = Buffer.from(JSON.stringify(body));
  const head = `POST ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\naccept: application/json\r\ncontent-length: ${payload.length}\r\nconnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), payload]);
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
