/**
 * Compression on the wire. Built files are compressed once, at build (vite.config.ts writes `x.js.br` and `x.js.gz`
 * beside `x.js`), and served as they are; JSON and HTML answers to reads are compressed as they go out. A stream that
 * must flush at once (the big screen's server-sent events) is never touched: only whole bodies of the types below are.
 */
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Below this a compressed answer saves less than its headers and the work cost. */
export const COMPRESS_MIN_BYTES = 1024;
/** Whole answers worth compressing: JSON and HTML. Not text/event-stream (it must flush each event as it comes). */
const COMPRESSIBLE = /^(application\/([\w.-]+\+)?json|text\/html)\s*(;|$)/i;

/** The encoding to send: brotli if taken, else gzip, else none (q=0 refuses one; `*` stands for the rest). */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const v = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(v) ? v : 0);
  }
  const accepts = (e: string) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : null;
}

/** Say that the answer differs by Accept-Encoding, once. */
function vary(headers: Headers) {
  const current = headers.get('Vary');
  if (current === '*' || (current && /(^|,)\s*accept-encoding\s*(,|$)/i.test(current))) return;
  headers.set('Vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * JSON (and HTML) answers to GET of 1 KB or more go brotli- or gzip-compressed. Only reads: the answers to writes are
 * small (a receipt, an id), and the casts of a ballot burst should not pay even for a look at their body.
 */
export const compressAnswers: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.method !== 'GET') return;
  const res = c.res;
  if (!res.body || res.status === 206 || res.status === 204 || res.status === 304) return;
  if (res.headers.has('Content-Encoding') || !COMPRESSIBLE.test(res.headers.get('Content-Type') ?? '')) return;
  if (/(^|,)\s*no-transform\s*(,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return;
  vary(res.headers);
  const encoding = pickEncoding(c.req.header('accept-encoding'));
  const declared = Number(res.headers.get('Content-Length') ?? NaN);
  if (!encoding || declared < COMPRESS_MIN_BYTES) return;
  const body = Buffer.from(await res.arrayBuffer());
  let out: Buffer = body;
  if (body.length >= COMPRESS_MIN_BYTES)
    out =
      encoding === 'br'
        ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : await gz(body, { level: 6 });
  const compressed = out !== body;
  c.res = new Response(new Uint8Array(out), res);
  c.res.headers.set('Content-Length', String(out.length));
  if (compressed) {
    c.res.headers.set('Content-Encoding', encoding);
    // A strong validator names the bytes; the compressed bytes are other bytes.
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  }
};

/**
 * The built files, precompressed: `x.js.br` or `x.js.gz` when the client takes it (with the Content-Type of `x.js`),
 * else `x.js` itself; a file that has such variants says `Vary: Accept-Encoding` whichever is sent, so that a cache
 * between never hands one client's encoding to another.
 */
export function precompressedStatic(root: string): MiddlewareHandler {
  const serve = serveStatic({ root, precompressed: true });
  return async (c, next) => {
    const found = await serve(c, next);
    if (!found || !found.ok || found.headers.has('Content-Encoding')) return found;
    const path = c.req.path.endsWith('/') ? `${c.req.path}index.html` : c.req.path;
    if (existsSync(`${root}${path}.br`) || existsSync(`${root}${path}.gz`)) vary(found.headers);
    return found;
  };
}
