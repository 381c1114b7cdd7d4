/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
/** Where CREATE/DROP DATABASE run: the maintenance database `postgres`. */
export const adminUrl = (url: string) => withDatabase(url, 'postgres');
