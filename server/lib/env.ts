import type { Lang } from '../../shared/errors.ts';
import type { Database, Db } from '../db/client.ts';
import type { AuthState } from './auth.ts';
import type { KeyStore } from './keys.ts';

export type Deps = {
  database: Database;
  db: Db;
  keys: KeyStore;
  /** Trust X-Forwarded-For / X-Forwarded-Proto (behind a load balancer). */
  trustProxy: boolean;
  /** The public origin for links printed on cards (falls back to the request's origin). */
  publicOrigin?: string;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    lang: Lang;
    requestId: string;
    auth: AuthState | null;
  };
};
