/**
 * The time the system stamps on what it records (audit entries, a round opened, a result published): the wall clock,
 * unless the caller runs under a clock of its own — the demo tells a believable past year through the real routes
 * (server/demo/clock.ts). Scoped to the caller's async context, so a request from anyone else keeps the wall clock.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scoped = new AsyncLocalStorage<() => Date>();

export const now = (): Date => scoped.getStore()?.() ?? new Date();

/** Run `fn` (and everything it awaits) with `clock` as the system's time. */
export const withClock = <T>(clock: () => Date, fn: () => Promise<T>): Promise<T> => scoped.run(clock, fn);
