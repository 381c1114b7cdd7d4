import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type MiddlewareHandler } from 'hono';
import { DEFAULT_LIMIT, KB, MB, routeKey } from '../shared/contract.ts';
import { CONTRACTS } from '../shared/contracts.ts';
import * as SYSTEM from '../shared/system/contract.ts';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { matchedRoutes, routePath } from 'hono/route';
import { secureHeaders } from 'hono/secure-headers';
import { accountRoutes } from './accounts/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { passwordChangeGate } from './auth/password-gate.ts';
import { authRoutes } from './auth/routes.ts';
import { congressRoutes } from './congress/routes.ts';
import { departmentRoutes } from './departments/routes.ts';
import { publicGatheringRoutes } from './gathering/public-routes.ts';
import { gatheringRoutes } from './gathering/routes.ts';
import { loadAuth } from './lib/auth.ts';
import { contractAt, implement } from './lib/contract.ts';
import type { AppEnv, Deps } from './lib/env.ts';
import { compressAnswers, precompressedStatic } from './lib/compress.ts';
import { AppError, errorResponse, onError } from './lib/errors.ts';
import { inFlight } from './lib/graceful.ts';
import { pickLang } from './lib/lang.ts';
import { log } from './lib/log.ts';
import { rosterRoutes } from './roster/routes.ts';
import { sessionRoutes } from './session/routes.ts';
import { ballotRoutes, publicBallotRoutes } from './ballot/routes.ts';
import { renderApiDocs } from './system/api-docs.ts';
import { openApiDocument } from './system/openapi.ts';
import { healthRoutes } from './system/health.ts';
import { homeRoutes } from './home/routes.ts';
import { kioskRoutes } from './kiosk/routes.ts';
import { stationsRoutes } from './stations/routes.ts';
import { itemsRoutes } from './items/routes.ts';
import { hotlineRoutes } from './hotline/routes.ts';
import { reviewRoutes } from './review/routes.ts';
import { archiveRoutes } from './archive/routes.ts';
import { countyRoutes } from './county/routes.ts';
import { templatesRoutes } from './templates/routes.ts';
import { hallboxRoutes } from './hallbox/routes.ts';
import { notifyRoutes } from './notify/routes.ts';
import { metrics } from './system/metrics.ts';
import { publicTallyRoutes, tallyRoutes } from './tally/routes.ts';
import { projectRoutes, publicProjectRoutes } from './projects/routes.ts';
import { evaluationRoutes, publicEvaluationRoutes } from './evaluation/routes.ts';

export type AppOptions = {
  deps: Deps;
  webRoot?: string;
  logRequests?: boolean;
  /** /metrics exists only with a token (METRICS_TOKEN), so it is never public by default. */
  metricsToken?: string;
  /** DB_POOL_MAX, reported in /metrics. */
  poolMax?: number;
};

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
/**
 * Routes where a representative's or a resident's secret act arrives: opening a ballot or a questionnaire, casting,
 * answering. They write no request line — its time, matched with the audit log's card sign-ins, would narrow who
 * answered when (design §12) — and the casts and answers are logged by their group commits as a summary per minute
 * (lib/group-commit.ts). /metrics still counts them (totals and a histogram, no time per person). The README tells the
 * operator to keep these same routes out of the proxy's access log.
 */
export const QUIET_ROUTES = new Set(CONTRACTS.filter((c) => c.quiet).map(routeKey));
const sizeLabel = (bytes: number) => (bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / KB)} KB`);
/** Routes whose body is a file, not JSON. */
const RAW_BODY = /\/roster\/import(\/preview)?$|\/proposals$|\/(projects|inspections)\/[^/]+\/files$/;

/** Every stage's routes under /api (each stage serves its contracts: shared/<stage>/contract.ts). */
export const api = new Hono<AppEnv>()
  .route('/', authRoutes)
  .route('/', congressRoutes)
  .route('/', accountRoutes)
  .route('/', rosterRoutes)
  .route('/', departmentRoutes)
  .route('/', auditRoutes)
  .route('/', gatheringRoutes)
  .route('/', publicGatheringRoutes)
  .route('/', sessionRoutes)
  .route('/', ballotRoutes)
  .route('/', publicBallotRoutes)
  .route('/', tallyRoutes)
  .route('/', publicTallyRoutes)
  .route('/', projectRoutes)
  .route('/', publicProjectRoutes)
  .route('/', evaluationRoutes)
  .route('/', publicEvaluationRoutes)
  .route('/', homeRoutes)
  .route('/', kioskRoutes)
  .route('/', stationsRoutes)
  .route('/', itemsRoutes)
  .route('/', hotlineRoutes)
  .route('/', reviewRoutes)
  .route('/', archiveRoutes)
  .route('/', countyRoutes)
  .route('/', templatesRoutes)
  .route('/', hallboxRoutes)
  .route('/', notifyRoutes);

export function createApp({ deps, webRoot, logRequests = false, metricsToken, poolMax }: AppOptions) {
  const app = new Hono<AppEnv>();
  app.onError(onError);

  app.use('*', requestId({ limitLength: 64 }));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('lang', pickLang(c.req.header('accept-language')));
    const start = performance.now();
    await next();
    // Route pattern only: never the URL (a token could ride in it), never bodies.
    const route = routePath(c);
    const ms = performance.now() - start;
    metrics.observeRequest(c.req.method, route, c.res.status, ms / 1000);
    if (logRequests && !QUIET_ROUTES.has(`${c.req.method} ${route}`)) log.info('request', { requestId: c.get('requestId'), method: c.req.method, route, status: c.res.status, ms: Math.round(ms) });
  });
  app.use('*', inFlight); // a graceful stop waits for these answers, and refuses what comes after (lib/graceful.ts)
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
      permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [] },
      overwrite: false, // a route's own stricter header (attachment downloads) stands
    }),
  );
  // JSON and HTML read answers of 1 KB or more go compressed; event streams never (lib/compress.ts).
  app.use('*', compressAnswers);

  // Each route's body limit and kind come from its contract (shared/<stage>/contract.ts); JSON up to 1 MB by default.
  const checks = new Map<string, MiddlewareHandler>();
  const limitCheck = (max: number, label: string) => {
    let check = checks.get(label);
    if (!check) checks.set(label, (check = bodyLimit({ maxSize: max, onError: () => { throw new AppError('body_too_large', { limit: label }); } })));
    return check;
  };
  app.use('/api/*', (c, next) => {
    const contract = contractAt(c.req.method, c.req.path);
    c.set('contract', contract ?? null);
    const max = contract?.limit ?? DEFAULT_LIMIT;
    const label = contract?.limitLabel ?? sizeLabel(max);
    // A declared length is checked here without touching the body: Hono's bodyLimit reads `raw.body`, which makes the
    // Node adapter build a web stream for every request (a measurable share of a cast). Node's parser refuses a body
    // longer than its content-length, so the declared length is the real one. Streamed bodies go through bodyLimit.
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined && /^\d+$/.test(declared)) {
      if (Number(declared) > max) throw new AppError('body_too_large', { limit: label });
      return next();
    }
    return limitCheck(max, label)(c, next);
  });
  app.use('/api/*', async (c, next) => {
    const m = c.req.method;
    const contract = c.get('contract');
    const kind = contract?.bodyKind ?? 'json';
    if (m === 'POST' || m === 'PUT' || m === 'PATCH') {
      const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      const hasBody = Number(c.req.header('content-length') ?? '0') > 0 || c.req.header('transfer-encoding') !== undefined;
      if (kind === 'json' && (type || hasBody) && !JSON_TYPE.test(type)) throw new AppError('unsupported_media', { expected: 'application/json' });
    }
    c.header('Cache-Control', 'no-store');
    await next();
  });
  app.use('/api/*', loadAuth);
  app.use('/api/*', passwordChangeGate); // a first password given by staff must be changed before anything else
  // Signed-out callers reach only the public routes; everything else answers 401 before its input is even read.
  app.use('/api/*', async (c, next) => {
    const known = matchedRoutes(c).some((r) => r.method !== 'ALL'); // an unknown address stays a 404
    const contract = c.get('contract');
    const open = contract?.permission === 'public';
    if (known && !c.get('auth') && !c.get('kiosk') && !open)
      throw new AppError('unauthenticated');
    await next();
  });

  app.route('/', healthRoutes({ database: deps.database, metricsToken, poolMax }));
  const system = new Hono<AppEnv>();
  implement(system, SYSTEM.health, async () => {
    await deps.database.query('select 1');
    return { ok: true as const, database: deps.database.kind };
  });
  // The backup control route (PGlite) is not here: main.ts serves it on a loopback-only listener of its own.
  app.get('/.well-known/jwks.json', async (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(await deps.keys.jwks());
  });
  app.route('/api', api);

  // Written once from the contracts (server/system/openapi.ts), the same for every request.
  let spec: Record<string, unknown> | null = null;
  const document = () => (spec ??= openApiDocument());
  implement(system, SYSTEM.openapi, () => document());
  implement(system, SYSTEM.apiDocs, (c) => c.html(renderApiDocs(document() as never)));
  app.route('/api', system);

  app.all('/api/*', () => {
    throw new AppError('not_found');
  });
  app.all('/.well-known/*', () => {
    throw new AppError('not_found');
  });

  if (webRoot) {
    const index = readFileSync(join(webRoot, 'index.html'), 'utf8');
    // Hashed file names: cached for good (set before the file is read, so that every adapter sends it).
    app.use('/assets/*', async (c, next) => {
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      await next();
    });
    // Each built file with its brotli and gzip copies made at build (vite.config.ts): the one the client takes.
    const statics = precompressedStatic(webRoot);
    app.use('/assets/*', statics);
    // A file of an older build (a tab left open across an upgrade) is gone: say so, never answer a script with the page.
    app.get('/assets/*', (c) => c.text('Not found', 404, { 'Cache-Control': 'no-cache' }));
    app.use('*', statics);
    // The single-page app answers every other GET; its router shows the page (or its own not-found page).
    app.get('*', (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.html(index);
    });
  }
  app.notFound((c) => errorResponse(c, new AppError('not_found')));
  return app;
}
