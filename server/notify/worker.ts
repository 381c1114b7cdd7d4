/**
 * The outbox worker (SPEC §17): every instance runs one. A pass (`tick`) claims a batch of due messages in one
 * statement (`FOR UPDATE SKIP LOCKED`, a lease naming this worker), and for each, in order: opted out → skipped;
 * channel not on → skipped; quiet hours → held to 08:00 Shanghai; the congress's SMS cap or the person's cap → held to
 * the next Shanghai day; rendered (render.ts) and sent through its channel's transport; then recorded — sent (address
 * blanked), pending again after a backoff, or failed (after MAX_ATTEMPTS or a refusal for good).
 *
 * Each message once across instances: a row is claimed by one worker at a time; its outcome is written only while this
 * worker still holds it (`leased_by`); a worker that crashed leaves its lease to expire and another takes the row over.
 * An outcome that cannot be written because the database is away is kept and written when it is back (before the lease
 * could pass to anyone else), so a database restart neither loses nor repeats a message. `stop` stops claiming,
 * finishes the sends in flight and records them. The worker never throws out of its loop. Addresses are never logged.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, gte, inArray, lt, lte, ne, notInArray, or, sql } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { PERSONAL_CHANNELS, ROBOT_CHANNELS, type Channel, type MessageKind, type MessageReason, type PersonalChannel } from '../../shared/notify/enums.ts';
import { backoffMs, MAX_ATTEMPTS, nextShanghaiDay, quietUntil, retriesByItself } from '../../shared/notify/rules.ts';
import type { Database, Tx } from '../db/client.ts';
import { congresses, notifyOptouts, notifyRobots, outbox } from '../db/schema/index.ts';
import { dbFault } from '../lib/db-faults.ts';
import { pgCode } from '../lib/errors.ts';
import type { KeyStore } from '../lib/keys.ts';
import { log } from '../lib/log.ts';
import { optoutLink } from './optout.ts';
import { render, type OutboxRow } from './render.ts';
import { scan } from './scan.ts';
import type { Outgoing, SendResult, Transports } from './types.ts';

/** What the worker needs of the notify runtime (server/notify/config.ts NotifyRuntime): the transports and two settings. */
export type WorkerRuntime = {
  transports: Transports;
  config: { smsTemplates: Partial<Record<MessageKind, string>>; timeoutMs: number };
};

export type WorkerOptions = {
  database: Database;
  keys: KeyStore;
  runtime: WorkerRuntime;
  /** Names this worker in `leased_by` (default: host, pid and a random part — unique per start). */
  instanceId?: string;
  /** The time the worker reads (tests set Shanghai hours); default the wall clock. */
  clock?: () => Date;
  /** The origin of links in messages (PUBLIC_ORIGIN); a function when it is known only once listening. */
  publicOrigin: string | (() => string);
  /** Rows claimed per pass (default 50). */
  batch?: number;
  /** Sends at once within a pass (default 8). */
  concurrency?: number;
  /** How long a claim holds before another instance may take the row over (default 5 min, at least 3 × the timeout). */
  leaseMs?: number;
  /** Between passes when nothing was due (default 2000: NOTIFY_POLL_MS). */
  pollMs?: number;
  /** How often the calendar's scan runs (default 60 s; 0 never — tests that count rows). */
  scanEveryMs?: number;
};

/** The advisory lock (with a hash of the congress, then of the person) held while counting a cap and reserving a place. */
export const NOTIFY_CAP_LOCK = 7342601;

type Outcome =
  | { state: 'sent'; providerId: string | null }
  | { state: 'pending'; dueAt: Date; reason: MessageReason; lastError?: string; uncount?: boolean }
  | { state: 'failed'; lastError: string }
  | { state: 'skipped'; reason: MessageReason };

/** An address can never be in a failure's words, whatever a library puts in its error (a rejected recipient, say). */
export function scrubAddresses(text: string): string {
  return text
    .replace(/[^\s@<>"'()]{1,64}@[^\s@<>"'()]+\.[^\s@<>"'()]{2,}/g, '***@***')
    .replace(/(?<!\d)(\+?86)?1[3-9]\d{9}(?!\d)/g, '1**********')
    .slice(0, 500);
}

const isPersonal = (c: string): c is PersonalChannel => (PERSONAL_CHANNELS as readonly string[]).includes(c);
const isRobot = (c: string): c is (typeof ROBOT_CHANNELS)[number] => (ROBOT_CHANNELS as readonly string[]).includes(c);
const errorWords = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** An error in words for the log: a database fault or SQLSTATE by its code (a driver's message may quote a row), else its words scrubbed of addresses. */
const dbWords = (e: unknown) => dbFault(e) ?? pgCode(e) ?? scrubAddresses(errorWords(e)).slice(0, 200);

export class OutboxWorker {
  readonly instanceId: string;
  private readonly clock: () => Date;
  private readonly batch: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly scanEveryMs: number;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private current: Promise<number> | null = null;
  /** Rows this worker holds right now (being handled, or their outcome waiting to be written). */
  private readonly busy = new Set<string>();
  /** Outcomes sent but not yet written (the database was away): written first at every pass. */
  private readonly unrecorded = new Map<string, { row: OutboxRow; outcome: Outcome; at: Date }>();
  private lastScan = 0;

  constructor(private readonly o: WorkerOptions) {
    this.instanceId = o.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.clock = o.clock ?? (() => new Date());
    this.batch = o.batch ?? 50;
    this.concurrency = Math.max(1, o.concurrency ?? 8);
    this.leaseMs = Math.max(o.leaseMs ?? 5 * 60_000, 3 * o.runtime.config.timeoutMs);
    this.pollMs = o.pollMs ?? 2000;
    this.scanEveryMs = o.scanEveryMs ?? 60_000;
  }

  private get db() {
    return this.o.database.db;
  }
  private origin() {
    return typeof this.o.publicOrigin === 'function' ? this.o.publicOrigin() : this.o.publicOrigin;
  }

  /** Run passes until `stop`: at once again after a full batch, else after `pollMs`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    log.info('notify worker started', { instance: this.instanceId });
    this.loop = (async () => {
      while (this.running) {
        const handled = await this.tick();
        if (!this.running) break;
        if (handled >= this.batch && this.unrecorded.size === 0) continue;
        await new Promise<void>((r) => {
          this.wake = r;
          this.timer = setTimeout(r, this.pollMs);
        });
        this.wake = null;
      }
    })();
  }

  /**
   * Stop claiming; the pass in flight finishes its sends and records them; an outcome the database did not take yet is
   * tried again for at most `graceMs`, after which its row waits for its lease to pass to another instance.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    await this.current;
    this.loop = null;
    const until = Date.now() + graceMs;
    while (this.unrecorded.size && Date.now() < until) {
      await this.flush();
      if (this.unrecorded.size) await new Promise((r) => setTimeout(r, 200));
    }
    if (this.unrecorded.size) log.warn('notify worker stopped with outcomes not written', { count: this.unrecorded.size, instance: this.instanceId });
    log.info('notify worker stopped', { instance: this.instanceId });
  }

  /** One pass; answers how many messages it handled (claimed and decided). Never throws. */
  tick(): Promise<number> {
    this.current ??= this.pass().finally(() => (this.current = null));
    return this.current;
  }

  private async pass(): Promise<number> {
    try {
      await this.flush();
      if (this.unrecorded.size) return 0; // the database is still away
      const now = this.clock();
      if (this.scanEveryMs > 0 && now.getTime() - this.lastScan >= this.scanEveryMs) {
        this.lastScan = now.getTime();
        await scan(this.db, now).catch((e: unknown) => log.warn('notify scan failed', { error: dbWords(e) }));
      }
      const rows = await this.claim(now);
      for (const r of rows) this.busy.add(r.id);
      let next = 0;
      const lane = async () => {
        while (next < rows.length) await this.handle(rows[next++]);
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, rows.length) }, lane));
      return rows.length;
    } catch (e) {
      log.warn('notify worker pass failed; trying again', { error: dbWords(e), instance: this.instanceId });
      return 0;
    }
  }

  /** Claim due rows (and rows whose lease ran out, and this worker's own rows it lost track of after a failure). */
  private async claim(now: Date): Promise<OutboxRow[]> {
    const mine = [...this.busy];
    const due = this.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        or(
          and(eq(outbox.state, 'pending'), lte(outbox.dueAt, now)),
          and(eq(outbox.state, 'sending'), lt(outbox.leaseUntil, now)),
          and(eq(outbox.state, 'sending'), eq(outbox.leasedBy, this.instanceId), mine.length ? notInArray(outbox.id, mine) : undefined),
        ),
      )
      .orderBy(outbox.dueAt)
      .limit(this.batch)
      .for('update', { skipLocked: true });
    return this.db
      .update(outbox)
      .set({ state: 'sending', leasedBy: this.instanceId, leaseUntil: new Date(now.getTime() + this.leaseMs), attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, due))
      .returning();
  }

  private async handle(row: OutboxRow): Promise<void> {
    const now = this.clock();
    try {
      const decided = await this.db.transaction((tx) => this.decide(tx, row, now));
      if (decided.outcome) return await this.record(row, decided.outcome, now);
      const outcome = await this.send(row, decided.message!);
      await this.record(row, outcome, this.clock());
    } catch (e) {
      if (dbFault(e)) {
        // The database went away while deciding: nothing was sent; the row stays ours and is claimed again.
        log.warn('notify message not handled; trying again', { id: row.id, error: dbWords(e) });
      } else {
        // Anything else (rendering failed, say) is a failure of this message: retried after its backoff, then failed —
        // never claimed again at once, round and round.
        log.warn('notify message failed before sending', { id: row.id, kind: row.kind, channel: row.channel, error: dbWords(e) });
        const lastError = `not sent: ${scrubAddresses(errorWords(e)).slice(0, 200)}`;
        await this.record(row, row.attempts >= MAX_ATTEMPTS ? { state: 'failed', lastError } : { state: 'pending', dueAt: new Date(now.getTime() + backoffMs(row.attempts)), reason: 'retry', lastError }, now);
      }
    } finally {
      if (!this.unrecorded.has(row.id)) this.busy.delete(row.id);
    }
  }

  /** Everything before the send, in one transaction: an outcome without sending, or the message to send. */
  private async decide(tx: Tx, row: OutboxRow, now: Date): Promise<{ outcome?: Outcome; message?: Outgoing }> {
    const channel = row.channel as Channel;
    const [opted] = await tx
      .select({ k: notifyOptouts.personKey })
      .from(notifyOptouts)
      .where(and(eq(notifyOptouts.personKey, row.personKey), eq(notifyOptouts.channel, channel)))
      .limit(1);
    if (opted) return { outcome: { state: 'skipped', reason: 'opted_out' } };
    const transport = this.o.runtime.transports[channel];
    if (!transport?.configured) return { outcome: { state: 'skipped', reason: 'channel_off' } };
    let robot: Outgoing['robot'];
    if (isRobot(channel)) {
      const [r] = await tx
        .select({ webhook: notifyRobots.webhook, secret: notifyRobots.secret })
        .from(notifyRobots)
        .where(and(eq(notifyRobots.congressId, row.congressId), eq(notifyRobots.channel, channel)));
      if (!r?.webhook) return { outcome: { state: 'skipped', reason: 'channel_off' } };
      robot = r;
    } else if (!row.address) return { outcome: { state: 'skipped', reason: 'no_address' } };
    if (row.kind !== 'test') {
      const quiet = quietUntil(channel, now);
      if (quiet) return { outcome: { state: 'pending', dueAt: quiet, reason: 'quiet_hours', uncount: true } };
      if (isPersonal(channel)) {
        const held = await this.reserve(tx, row, channel, now);
        if (held) return { outcome: held };
      }
    }
    const origin = this.origin();
    const r = await render(tx, row, {
      smsTemplates: this.o.runtime.config.smsTemplates,
      origin,
      optoutLink: (k, ch) => optoutLink(this.o.keys, origin, k, ch, tx),
      keys: this.o.keys,
    });
    if (!r.ok) return { outcome: { state: 'skipped', reason: r.reason } };
    return { message: { ...r.message, ...(robot ? { robot } : {}) } };
  }

  /**
   * The caps (SPEC §17): the congress's SMS today and this person's messages on this channel today. Counted under an
   * advisory lock per congress and per person, and a place taken at once (`sent_at` set on the row still `sending`), so
   * two instances counting together never both take the last place. A hold answers the outcome; null: go on.
   */
  private async reserve(tx: Tx, row: OutboxRow, channel: PersonalChannel, now: Date): Promise<Outcome | null> {
    const [c] = await tx.select({ settings: congresses.settings }).from(congresses).where(eq(congresses.id, row.congressId));
    const caps = CongressSettings.parse(c?.settings ?? {}).notify;
    const tomorrow = nextShanghaiDay(now);
    const today = new Date(tomorrow.getTime() - 86_400_000);
    const counted = and(ne(outbox.id, row.id), inArray(outbox.state, ['sent', 'sending']), gte(outbox.sentAt, today));
    await tx.execute(sql`select pg_advisory_xact_lock(${NOTIFY_CAP_LOCK}::int, hashtext(${`c:${row.congressId}`}::text))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${NOTIFY_CAP_LOCK}::int, hashtext(${`p:${row.personKey}`}::text))`);
    if (channel === 'sms') {
      const [{ n }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(and(eq(outbox.congressId, row.congressId), eq(outbox.channel, 'sms'), counted));
      if (n >= caps.smsDailyCap) return { state: 'pending', dueAt: tomorrow, reason: 'daily_cap', uncount: true };
    }
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(and(eq(outbox.personKey, row.personKey), eq(outbox.channel, channel), counted));
    if (n >= caps.perPersonDailyCap) return { state: 'pending', dueAt: tomorrow, reason: 'person_cap', uncount: true };
    await tx
      .update(outbox)
      .set({ sentAt: now })
      .where(and(eq(outbox.id, row.id), eq(outbox.leasedBy, this.instanceId), eq(outbox.state, 'sending')));
    return null;
  }

  private async send(row: OutboxRow, m: Outgoing): Promise<Outcome> {
    const transport = this.o.runtime.transports[m.channel]!;
    const timeoutMs = this.o.runtime.config.timeoutMs;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let result: SendResult;
    try {
      result = await Promise.race([
        transport.send(m, abort.signal),
        new Promise<SendResult>((r) => {
          timer = setTimeout(() => {
            abort.abort();
            r({ ok: false, retry: true, error: `timeout after ${timeoutMs} ms` });
          }, timeoutMs);
        }),
      ]);
    } catch (e) {
      result = { ok: false, retry: true, error: errorWords(e) };
    } finally {
      clearTimeout(timer);
    }
    if (result.ok) return { state: 'sent', providerId: result.providerId ?? null };
    const lastError = scrubAddresses(result.error);
    if (!result.retry || row.attempts >= MAX_ATTEMPTS) return { state: 'failed', lastError };
    if (!retriesByItself(row.kind)) return { state: 'failed', lastError: `${lastError} · 可能已送达，不自动重发 / may have arrived: not sent again by itself` };
    return { state: 'pending', dueAt: new Date(this.clock().getTime() + backoffMs(row.attempts)), reason: 'retry', lastError };
  }

  /** Write an outcome while the row is still ours; kept and written at the next pass when the database is away. */
  private async record(row: OutboxRow, outcome: Outcome, at: Date): Promise<void> {
    this.unrecorded.set(row.id, { row, outcome, at });
    try {
      await this.write(row, outcome, at);
      this.unrecorded.delete(row.id);
    } catch (e) {
      log.warn('notify outcome not written yet; kept to write again', { id: row.id, state: outcome.state, error: dbWords(e) });
    }
  }

  private async flush(): Promise<void> {
    for (const [id, u] of [...this.unrecorded]) {
      try {
        await this.write(u.row, u.outcome, u.at);
        this.unrecorded.delete(id);
        this.busy.delete(id);
      } catch (e) {
        log.warn('notify outcome still not written', { id, error: dbWords(e) });
        return;
      }
    }
  }

  private async write(row: OutboxRow, o: Outcome, at: Date): Promise<void> {
    const release = { leasedBy: null, leaseUntil: null };
    const set =
      o.state === 'sent'
        ? { ...release, state: 'sent', sentAt: at, providerId: o.providerId, address: '', reason: null, lastError: null }
        : o.state === 'skipped'
          ? { ...release, state: 'skipped', reason: o.reason, address: '', sentAt: null }
          : o.state === 'failed'
            ? { ...release, state: 'failed', reason: null, lastError: o.lastError, sentAt: null }
            : {
                ...release,
                state: 'pending',
                dueAt: o.dueAt,
                reason: o.reason,
                sentAt: null,
                ...(o.lastError ? { lastError: o.lastError } : {}),
                ...(o.uncount ? { attempts: sql`greatest(${outbox.attempts} - 1, 0)` } : {}),
              };
    const done = await this.db
      .update(outbox)
      .set(set as never)
      .where(and(eq(outbox.id, row.id), eq(outbox.leasedBy, this.instanceId), eq(outbox.state, 'sending')))
      .returning({ id: outbox.id });
    if (!done.length) log.warn('notify message was taken over by another instance before its outcome was written', { id: row.id, state: o.state });
    else log.info('notify message', { id: row.id, kind: row.kind, channel: row.channel, state: o.state, ...('reason' in o ? { reason: o.reason } : {}), attempts: row.attempts });
  }
}
