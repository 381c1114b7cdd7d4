/** `p`, or a rejection once `ms` have passed (the work itself goes on; its result is dropped). */
export function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  p.catch(() => {}); // a late failure after the deadline is not unhandled
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
