import { and, eq, isNull } from 'drizzle-orm';
import type { ShortAddress } from '../../shared/congress/short-address.ts';
import { normalizeShortCode, SHORT_CODE_LENGTH } from '../../shared/congress/short-code.ts';
import { randomCode } from '../../shared/serial.ts';
import type { Db } from '../db/client.ts';
import { congresses } from '../db/schema/index.ts';
import { AppError, isUniqueViolation } from '../lib/errors.ts';

/**
 * A congress's short code, given when the congress is created (a congress from before codes: at first use) and kept for
 * good (it is printed on posters and slips). A conditional
 * update sets it only while none is set, so two first uses at once (two instances) agree on one; a code that some
 * other congress holds already (the unique constraint) is drawn again. Runs on the pool, not inside a transaction:
 * a refused insert would end the transaction.
 */
export async function congressShortCode(db: Db, congressId: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [row] = await db.select({ code: congresses.shortCode }).from(congresses).where(eq(congresses.id, congressId));
    if (!row) throw new AppError('congress_not_found');
    if (row.code) return row.code;
    try {
      await db.update(congresses).set({ shortCode: randomCode(SHORT_CODE_LENGTH) }).where(and(eq(congresses.id, congressId), isNull(congresses.shortCode)));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new Error('no free short code after 20 draws');
}

/** The congress a typed code names; 400 for text that cannot be a code, 404 for a code nobody holds. */
export async function congressOfShortCode(db: Db, typed: string): Promise<{ id: string; name: string; code: string }> {
  const code = normalizeShortCode(typed);
  if (!code) throw new AppError('short_code_format', { code: typed.slice(0, 20) });
  const [row] = await db.select({ id: congresses.id, name: congresses.name }).from(congresses).where(eq(congresses.shortCode, code));
  if (!row) throw new AppError('short_code_not_found', { code });
  return { ...row, code };
}

export const shortAddress = (origin: string, congress: { id: string; name: string }, code: string): ShortAddress => ({
  congressId: congress.id,
  congressName: congress.name,
  code,
  submitUrl: `${origin}/p/${code}`,
  answerUrl: `${origin}/e/${code}`,
});
