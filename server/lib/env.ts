import type { Lang } from '../../shared/errors.ts';
import type { Database, Db } from '../db/client.ts';
import type { AuthState } from './auth.ts';
import type { KeyStore } from './keys.ts';
import type { LiveStreamLimits, LiveStreamTuning } from './live-hub.ts';

export type Deps = {
  database: Database;
  db: Db;
  keys: KeyStore;
  /** Trust X-Forwarded-For / X-Forwarded-Proto (behind a load balancer). */
  trustProxy: boolean;
  /** The public origin for links printed on cards (falls back to the request's origin). */
  publicOrigin?: string;
  /** The caps on the big screen's live streams (LIVE_STREAMS_PER_ADDRESS, LIVE_STREAMS_MAX); defaults 50 and 2000. */
  liveStreams?: LiveStreamLimits;
  /** Tests only: shorter timings for the live streams (throttle, heartbeat, slow-reader limits). */
  liveTuning?: Partial<LiveStreamTuning>;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    lang: Lang;
    requestId: string;
    auth: AuthState | null;
  };
};
