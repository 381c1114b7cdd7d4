/** What the scenarios run in a database of their own share (bench/loop.ts, bench/county.ts): a row, the kit, timing. */
import type { ChildProcess } from 'node:child_process';

export type Row = { scenario: string; figure: number; unit: string; required: string; goal: string; pass: boolean | null; ceiling?: number; ratio?: number; note?: string };
export type Kit = {
  baseUrl: string;
  password: string;
  startServer: (env: Record<string, string>) => Promise<{ proc: ChildProcess; origin: string; ms: number }>;
  stop: (p: ChildProcess) => Promise<void>;
  add: (r: Row) => void;
  log: (s: string) => void;
};

export const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/** `n` latencies (ms) of `fn`, after `warm` calls untimed. */
export async function timed(n: number, fn: () => Promise<unknown>, warm: number): Promise<number[]> {
  for (let i = 0; i < warm; i++) await fn();
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    lat.push(performance.now() - t0);
  }
  return lat;
}
