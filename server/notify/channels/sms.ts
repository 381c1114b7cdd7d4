/**
 * SMS through an HTTP gateway in the shape of Aliyun's dysmsapi `SendSms` (RPC style, signature version 1.0), the most
 * common among Chinese providers: a form POST with the common parameters, the number, the sign name, the approved
 * template code and its parameters as JSON, our message id as `OutId`, and `Signature` = base64 HMAC-SHA1 with the key
 * `secret + '&'` over `POST&%2F&` + percentEncode(the sorted canonical query). `{"Code":"OK"}` is sent; `isv.*` codes
 * (a wrong number, a template not approved) are refusals for good; throttling, 5xx and timeouts may pass.
 * The same signature signs the gateway's callback for a reply (routes-channels.ts `smsReply`).
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SmsConfig } from '../config.ts';
import type { SendResult, Transport } from '../types.ts';
import { httpFailure, postForJson, scrub } from './common.ts';

/** RFC 3986 encoding as Aliyun's signature wants it: only A–Z a–z 0–9 - _ . ~ stay as they are; a space is %20. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The sorted canonical query string of the parameters (Signature itself left out). */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
}

/** Aliyun RPC signature 1.0: base64(HMAC-SHA1(secret + '&', METHOD + '&%2F&' + percentEncode(canonical query))). */
export function signRpc(secret: string, method: string, params: Record<string, string>): string {
  const stringToSign = `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Whether `signature` is `signRpc(secret, method, params)` (compared in constant time). */
export function verifyRpc(secret: string, method: string, params: Record<string, string>, signature: string): boolean {
  const want = Buffer.from(signRpc(secret, method, params));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The header carrying the signature of the gateway's reply callback (over its `phone` and `content`). */
export const SMS_REPLY_SIGNATURE_HEADER = 'x-sms-signature';

/** Provider codes that may pass if tried later. */
function retryable(code: string): boolean {
  return code.startsWith('Throttling') || code === 'isv.BUSINESS_LIMIT_CONTROL' || code.startsWith('isp.') || code === 'ServiceUnavailable' || code === 'InternalError';
}

/** The form a SendSms request carries, signed (exported for the tests' gateway, which checks the same). */
export function sendSmsForm(cfg: SmsConfig, p: { phone: string; templateCode: string; params: Record<string, string>; outId: string; now?: Date; nonce?: string }): Record<string, string> {
  const form: Record<string, string> = {
    Action: 'SendSms',
    Version: '2017-05-25',
    Format: 'JSON',
    AccessKeyId: cfg.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: p.nonce ?? randomUUID(),
    Timestamp: (p.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    PhoneNumbers: p.phone,
    SignName: cfg.signName,
    TemplateCode: p.templateCode,
    TemplateParam: JSON.stringify(p.params),
    OutId: p.outId,
  };
  form.Signature = signRpc(cfg.accessKeySecret, 'POST', form);
  return form;
}

export function smsTransport(cfg: SmsConfig, timeoutMs: number): Transport {
  const url = new URL(cfg.url);
  return {
    channel: 'sms',
    configured: true,
    detail: `${url.host} · ${cfg.signName}`,
    async send(m, signal): Promise<SendResult> {
      if (!m.sms) return { ok: false, retry: false, error: 'no_sms_template: no approved SMS template for this message' };
      const form = sendSmsForm(cfg, { phone: m.address, templateCode: m.sms.templateCode, params: m.sms.params, outId: m.id });
      const body = Object.entries(form)
        .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
        .join('&');
      const got = await postForJson(cfg.url, { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' }, body }, signal, timeoutMs);
      if ('failure' in got) return got.failure;
      const { res, answer } = got;
      const code = typeof answer?.Code === 'string' ? answer.Code : '';
      if (res.ok && code === 'OK') return { ok: true, providerId: typeof answer?.BizId === 'string' ? answer.BizId : undefined };
      if (!code) return httpFailure(res.status);
      const error = scrub(`${code}: ${typeof answer?.Message === 'string' ? answer.Message : ''}`, m.address);
      return { ok: false, retry: retryable(code) || res.status >= 500, error };
    },
  };
}
