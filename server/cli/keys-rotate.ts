/**
 * npm run keys:rotate — retire the signing key and make a new one. Ballot cards, codes and delegate cards signed with
 * the old key keep verifying (every key verifies what it signed, by its kid); everything signed from now on uses the
 * new key. Running instances pick the new key up within 30 seconds. The rotation is written to the audit log.
 * Uses DATABASE_URL (PostgreSQL: the servers may keep running) or the PGlite data in DATA_DIR (stop the server first).
 * Exit 0 done, 2 when it cannot run.
 */
import { isNull } from 'drizzle-orm';
import { signingKeys } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { KeyStore } from '../lib/keys.ts';
import { runCommand, withDatabase } from './command.ts';

runCommand('keys:rotate', () =>
  withDatabase(async (database) => {
    const before = await database.db.select({ kid: signingKeys.kid }).from(signingKeys).where(isNull(signingKeys.retiredAt));
    const kid = await new KeyStore(database).rotate();
    await database.db.transaction((tx) =>
      appendAudit(tx as never, { actor: null, action: 'keys.rotate', targetType: 'signing_key', targetId: kid, details: { retired: before.map((k) => k.kid), via: 'command line' } }),
    );
    const all = await database.db.select({ kid: signingKeys.kid }).from(signingKeys);
    console.log(`OK: 新签名密钥 / new signing key ${kid}; 已停用 / retired ${before.map((k) => k.kid).join(', ') || '—'}; 共 ${all.length} 把密钥仍可验证旧签名 / ${all.length} keys still verify what they signed`);
    return 0;
  }),
);
