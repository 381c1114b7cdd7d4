import type { CreateKiosk, KioskCreated } from '../../shared/kiosk/schema.ts';
import { ENROL_MINUTES, kioskExpiry } from '../../shared/kiosk/rules.ts';
import type { Tx } from '../db/client.ts';
import { type congressSessions, kiosks } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import type { KeyStore } from '../lib/keys.ts';
import { qrSvg } from '../lib/qr.ts';
import { describeKiosk } from './describe.ts';

/** The signed enrolment link's type: `{ k: kioskId, x: expiry in seconds }`. */
export const KIOSK_ENROL_TYP = 'ms-kiosk';
export type KioskEnrolPayload = { k: string; x: number };

/** The device opens `<origin>/k#<token>` (the token in the fragment, so it never reaches an access log). */
export const kioskEnrolUrl = (origin: string, token: string) => `${origin}/k#${token}`;

/**
 * Staff set up a kiosk for a session: the kiosk waits for its device, and a signed link that works once for ten
 * minutes is answered (with its QR) for the staff's own screen. Nothing is a shared password typed at the desk.
 */
export async function createKiosk(
  tx: Tx,
  keys: KeyStore,
  opts: { congressId: string; session: typeof congressSessions.$inferSelect; input: CreateKiosk; actor: NonNullable<Actor>; origin: string },
): Promise<KioskCreated> {
  const now = new Date();
  const enrolBefore = new Date(now.getTime() + ENROL_MINUTES * 60_000);
  const [row] = await tx
    .insert(kiosks)
    .values({
      congressId: opts.congressId,
      sessionId: opts.session.id,
      kind: opts.input.kind,
      label: opts.input.label,
      createdBy: opts.actor.id,
      enrolBefore,
      expiresAt: kioskExpiry(opts.session.date, opts.input.hours, now),
    })
    .returning();
  const token = await keys.sign(KIOSK_ENROL_TYP, { k: row.id, x: Math.floor(enrolBefore.getTime() / 1000) } satisfies KioskEnrolPayload, tx);
  await appendAudit(tx, {
    actor: opts.actor,
    congressId: opts.congressId,
    action: 'kiosk.create',
    targetType: 'kiosk',
    targetId: row.id,
    details: { sessionId: opts.session.id, kind: row.kind, label: row.label, expiresAt: row.expiresAt.toISOString() },
  });
  const enrolUrl = kioskEnrolUrl(opts.origin, token);
  return { kiosk: describeKiosk(row, opts.actor.name, null, now), enrolUrl, qrSvg: await qrSvg(enrolUrl) };
}
