/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
/** Where CREATE/DROP DATABASE run: the maintenance database `postgres`. */
export const adminUrl = (url: string) => withDatabase(url, 'postgres');

/** A new empty database of its own on the PostgreSQL at `url` (named ms_<tag>_…); `drop()` removes it. */
export async function throwawayDatabase(url: string, tag: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: postgres } = await import('postgres');
  const name = `ms_${tag}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  return {
    url: withDatabase(url, name),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
