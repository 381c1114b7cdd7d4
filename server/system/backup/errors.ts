/** A failure the operator can act on: one line in zh-CN and English, no stack trace, exit code 1. */
export class OperatorError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

/** A connection string with its password replaced by ***, for printing. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}

/** A PostgreSQL connection string, or an OperatorError saying what is wrong with it. */
export function checkPostgresUrl(url: string | undefined, name: string | { zh: string; en: string } = 'DATABASE_URL'): string {
  const { zh: what, en: whatEn } = typeof name === 'string' ? { zh: name, en: name } : name;
  if (!url) throw new OperatorError(`缺少 ${what}`, `${whatEn} is missing`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new OperatorError(`${what} 不是有效的连接串（应形如 postgres://用户:密码@主机:5432/数据库）`, `${whatEn} is not a valid connection string (expected postgres://user:password@host:5432/database)`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')
    throw new OperatorError(`${what} 应以 postgres:// 开头，而不是 ${u.protocol}//`, `${whatEn} must start with postgres://, not ${u.protocol}//`);
  if (u.pathname.length <= 1) throw new OperatorError(`${what} 没有写数据库名（…/数据库名）`, `${whatEn} names no database (…/dbname)`);
  return url;
}
