/**
 * Who is signed in. Loaded once from /api/auth/me when a page first reads it; when that says 401 the app asks
 * /api/setup whether the first administrator still has to be created. Pages read `session()` and the helpers below; sign-in pages call `signedIn`.
 */
import { allows, type Permission } from '../../shared/policy.ts';
import { createSignal } from 'solid-js';
import type { Me } from '../../shared/auth/schema.ts';
import type { Role } from '../../shared/roles.ts';
import type * as Auth from '../../shared/auth/contract.ts';
import { addressOf } from '../../shared/contract.ts';
import { ApiError, call, setCsrfToken, whenSignedOut } from './api.ts';

/** The sign-in routes this module calls, by address: it loads with every page, which carries no schemas (addressOf). */
const C = {
  getMe: addressOf<typeof Auth.getMe>({ method: 'GET', path: '/auth/me' }),
  getSetup: addressOf<typeof Auth.getSetup>({ method: 'GET', path: '/setup' }),
  logout: addressOf<typeof Auth.logout>({ method: 'POST', path: '/auth/logout' }),
};

export type SessionState =
  | { status: 'loading' }
  | { status: 'setup' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; me: Me }
  | { status: 'error'; error: ApiError };

const [state, setSession] = createSignal<SessionState>({ status: 'loading' });
let asked = false;

/**
 * Who is signed in. The first read asks the server: the pages that never read it (the residents' pages, the hall's
 * tablets and screen) never ask, so they make no request that answers 401 (a console error on every public page).
 */
export function session(): SessionState {
  if (!asked) void loadSession();
  return state();
}

/**
 * Bumped by every sign-in and sign-out. The check at start-up applies its answer only if neither happened meanwhile:
 * on a slow network a card sign-in could finish first, and the late "not signed in" (or its setup lookup) then sent
 * the representative back to the sign-in page.
 */
let epoch = 0;

export async function loadSession(): Promise<void> {
  asked = true;
  const started = epoch;
  const apply = (s: SessionState) => {
    if (epoch === started) setSession(s);
  };
  try {
    const me = await call(C.getMe);
    if (epoch === started) signedIn(me);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) {
      apply({ status: 'error', error: e instanceof ApiError ? e : new ApiError(0, 'network', String(e)) });
      return;
    }
    try {
      const { needed } = await call(C.getSetup);
      apply(needed ? { status: 'setup' } : { status: 'signedOut' });
    } catch (e2) {
      apply({ status: 'error', error: e2 instanceof ApiError ? e2 : new ApiError(0, 'network', String(e2)) });
    }
  }
}

export function signedIn(me: Me) {
  asked = true;
  epoch++;
  setCsrfToken(me.csrfToken);
  setSession({ status: 'signedIn', me });
}

export async function refreshMe() {
  const me = await call(C.getMe);
  signedIn(me);
  return me;
}

export async function signOut() {
  try {
    await call(C.logout);
  } finally {
    asked = true;
    epoch++;
    setCsrfToken('');
    setSession({ status: 'signedOut' });
  }
}

// A request that finds the session gone (expired, revoked elsewhere) sends the person to sign in again.
whenSignedOut(() => {
  if (state().status === 'signedIn') {
    setCsrfToken('');
    setSession({ status: 'signedOut' });
  }
});

/** The signed-in account (only call under a signed-in layout). */
export function me(): Me | null {
  const s = session();
  return s.status === 'signedIn' ? s.me : null;
}

export const STAFF_ROLES: readonly Role[] = ['admin', 'government', 'presidium', 'scrutineer'];

/** The roles the signed-in account holds in a congress. */
export function rolesIn(congressId: string | undefined): Role[] {
  const m = me();
  if (!m || !congressId) return [];
  return m.memberships.filter((x) => x.congressId === congressId).map((x) => x.role);
}

/** May the signed-in account act with one of these roles in this congress? System administrators may do anything. */
/** Whether I may do `permission` in the congress (shared/policy.ts: the same rule the server checks). */
export function can(congressId: string | undefined, permission: Permission): boolean {
  const m = me();
  return m ? allows(permission, rolesIn(congressId), m.account.systemAdmin) : false;
}

/** Staff see the administration pages; representatives and department accounts get a simple home page. */
export function isStaff(): boolean {
  const m = me();
  if (!m) return false;
  return m.account.systemAdmin || m.memberships.some((x) => STAFF_ROLES.includes(x.role));
}
