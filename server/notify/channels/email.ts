/**
 * E-mail over SMTP with nodemailer (SMTP_URL, MAIL_FROM). One connection per message (no pool: a stop or a failover
 * leaves nothing half-open); Message-ID `<outboxId@minsheng>`, so a mail sent twice after a lost answer is recognisable.
 * A 5xx SMTP answer is a refusal for good; 4xx, a lost connection or a timeout may pass.
 */
import nodemailer from 'nodemailer';
import type { EmailConfig } from '../config.ts';
import type { SendResult, Transport } from '../types.ts';
import { scrub } from './common.ts';

export const messageIdOf = (outboxId: string) => `<${outboxId}@minsheng>`;

export function emailTransport(cfg: EmailConfig, timeoutMs: number): Transport {
  const url = new URL(cfg.url);
  const mailer = nodemailer.createTransport({
    url: cfg.url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const from = cfg.from.replace(/^.*</, '').replace(/>$/, '');
  return {
    channel: 'email',
    configured: true,
    detail: `${url.host} · ${from}`,
    async send(m, signal): Promise<SendResult> {
      if (signal.aborted) return { ok: false, retry: true, error: 'stopped before sending' };
      const sending = mailer.sendMail({ from: cfg.from, to: m.address, subject: m.subject, text: m.text, messageId: messageIdOf(m.id) }).then(
        (info): SendResult => ({ ok: true, providerId: info.messageId || messageIdOf(m.id) }),
        (e: { responseCode?: number; response?: string; code?: string; message?: string }): SendResult => {
          const code = typeof e.responseCode === 'number' ? e.responseCode : 0;
          if (code >= 500) return { ok: false, retry: false, error: scrub(`SMTP ${code}: ${e.response ?? e.message ?? ''}`, m.address) };
          if (code >= 400) return { ok: false, retry: true, error: scrub(`SMTP ${code}: ${e.response ?? e.message ?? ''}`, m.address) };
          if (e.code === 'ETIMEDOUT') return { ok: false, retry: true, error: `timeout: no answer within ${timeoutMs} ms` };
          return { ok: false, retry: true, error: scrub(`SMTP ${e.code ?? 'error'}: ${e.message ?? ''}`, m.address) };
        },
      );
      // nodemailer takes no AbortSignal: the worker's stop (or the deadline) answers at once; the socket times out on its own.
      let onAbort = () => {};
      const aborted = new Promise<SendResult>((resolve) => {
        const timer = setTimeout(() => resolve({ ok: false, retry: true, error: `timeout: no answer within ${timeoutMs} ms` }), timeoutMs);
        onAbort = () => {
          clearTimeout(timer);
          resolve({ ok: false, retry: true, error: 'stopped while sending' });
        };
        signal.addEventListener('abort', onAbort, { once: true });
        void sending.finally(() => clearTimeout(timer));
      });
      try {
        return await Promise.race([sending, aborted]);
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    async close() {
      mailer.close();
    },
  };
}
