/**
 * Who hears a message, as recipients (outbox.ts `Recipient`), each by the contact the product already keeps (SPEC §17):
 * a resident by the contact they left (a mobile → SMS, an e-mail address → e-mail; known by the HMAC of it only), a
 * department by its contact phone, a representative by the roster's phone, the office by the congress's office e-mail
 * and its group robots. Nobody else's contact is looked up, and nothing is written here.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { emailOf, mobileOf } from '../../shared/notify/rules.ts';
import type { Db, Tx } from '../db/client.ts';
import { congresses, departments, notifyRobots, representatives } from '../db/schema/index.ts';
import { addressKey } from './address.ts';
import type { Recipient } from './outbox.ts';

type Conn = Tx | Db;

/** The channel and address a contact field reaches: a mobile number, else an e-mail address, else none. */
export function reachOf(contact: string | null | undefined): { channel: 'sms' | 'email'; address: string } | null {
  if (!contact) return null;
  const mobile = mobileOf(contact);
  if (mobile) return { channel: 'sms', address: mobile };
  const email = emailOf(contact);
  return email ? { channel: 'email', address: email } : null;
}

/** Residents who left a contact (each contact once), known by their address's key only. */
export async function residents(tx: Conn, contacts: (string | null | undefined)[]): Promise<Recipient[]> {
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const c of contacts) {
    const r = reachOf(c);
    if (!r || seen.has(`${r.channel}:${r.address}`)) continue;
    seen.add(`${r.channel}:${r.address}`);
    out.push({ audience: 'resident', personKey: await addressKey(tx, r.address), channel: r.channel, address: r.address });
  }
  return out;
}

/** A department of the congress, by its contact phone (or an e-mail address written there). */
export async function department(tx: Conn, departmentId: string | null | undefined): Promise<Recipient[]> {
  if (!departmentId) return [];
  const [d] = await tx.select({ id: departments.id, phone: departments.contactPhone, active: departments.active }).from(departments).where(eq(departments.id, departmentId));
  const r = d?.active ? reachOf(d.phone) : null;
  return r ? [{ audience: 'department', personKey: `department:${d.id}`, ...r }] : [];
}

/** Representatives of the roster (still seated), by their phone. */
export async function representativesById(tx: Conn, ids: string[]): Promise<Recipient[]> {
  if (!ids.length) return [];
  const rows = await tx.select({ id: representatives.id, phone: representatives.phone }).from(representatives).where(and(inArray(representatives.id, [...new Set(ids)]), eq(representatives.status, 'seated')));
  return rowsToReps(rows);
}

/** Every seated representative of a congress who has a phone. */
export async function representativesOf(tx: Conn, congressId: string): Promise<Recipient[]> {
  const rows = await tx.select({ id: representatives.id, phone: representatives.phone }).from(representatives).where(and(eq(representatives.congressId, congressId), eq(representatives.status, 'seated')));
  return rowsToReps(rows);
}

function rowsToReps(rows: { id: string; phone: string }[]): Recipient[] {
  const out: Recipient[] = [];
  for (const r of rows.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const reach = reachOf(r.phone);
    if (reach) out.push({ audience: 'representative', personKey: `member:${r.id}`, ...reach });
  }
  return out;
}

/** The office: the congress's office e-mail (settings `notify.officeEmail`) and its group robots. */
export async function staff(tx: Conn, congressId: string): Promise<Recipient[]> {
  const [c] = await tx.select({ settings: congresses.settings }).from(congresses).where(eq(congresses.id, congressId));
  const out: Recipient[] = [];
  const email = emailOf(CongressSettings.parse(c?.settings ?? {}).notify.officeEmail);
  if (email) out.push({ audience: 'staff', personKey: `office:${congressId}`, channel: 'email', address: email });
  const robots = await tx.select({ channel: notifyRobots.channel }).from(notifyRobots).where(eq(notifyRobots.congressId, congressId));
  for (const r of robots.sort((a, b) => (a.channel < b.channel ? -1 : 1))) out.push({ audience: 'staff', personKey: `group:${congressId}`, channel: r.channel as Recipient['channel'], address: '' });
  return out;
}
