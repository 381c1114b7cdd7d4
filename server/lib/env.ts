import type { Contract } from '../../shared/contract.ts';
import type { Lang } from '../../shared/errors.ts';
import type { Database, Db } from '../db/client.ts';
import type { AuthState } from './auth.ts';
import type { KioskCaller } from '../kiosk/credential.ts';
import type { KeyStore } from './keys.ts';
import type { LiveStreamLimits, LiveStreamTuning } from './live-hub.ts';
import type { PublicCacheLimits } from './public-cache.ts';
import type { NotifyRuntime } from '../notify/channels/index.ts';

export type Deps = {
  database: Database;
  db: Db;
  keys: KeyStore;
  /**
   * TRUST_PROXY: how many proxies in front are trusted for X-Forwarded-For / X-Forwarded-Proto, counted from the right
   * (lib/client-ip.ts); 0 or false: none, the headers are ignored; true: one.
   */
  trustProxy: boolean | number;
  /** COOKIE_SECURE (server/system/config.ts): the session cookie is Secure whatever the request's protocol. */
  cookieSecure?: boolean;
  /**
   * The origin printed in QR codes and links (PUBLIC_ORIGIN, or main.ts's default from HOST and PORT); never taken
   * from a request header. Apps built in process without one (tests, the demo loader) print `http://localhost`.
   */
  publicOrigin?: string;
  /** The caps on the big screen's live streams (LIVE_STREAMS_PER_ADDRESS, LIVE_STREAMS_MAX); defaults 50 and 2000. */
  liveStreams?: LiveStreamLimits;
  /** Tests only: shorter timings for the live streams (throttle, heartbeat, slow-reader limits). */
  liveTuning?: Partial<LiveStreamTuning>;
  /** The bounds of the public answers kept in memory (lib/public-cache.ts); tests make them small. */
  publicCache?: PublicCacheLimits;
  /**
   * The notify stage's settings and transports (server/notify/channels); unset, made once from process.env
   * (`notifyRuntimeOf`). Tests give one pointing at their test servers (tests/notify/gateways.ts).
   */
  notify?: NotifyRuntime;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    lang: Lang;
    requestId: string;
    auth: AuthState | null;
    /** An active kiosk device calling (server/kiosk/credential.ts); then `auth` is null. */
    kiosk: KioskCaller | null;
    /** The contract of the API route being called (server/lib/contract.ts), null for other addresses. */
    contract: Contract | null;
  };
};
