/**
 * Test servers standing in for the notify stage's providers, on this machine, each real on a port: an SMS gateway in the
 * shape of Aliyun's SendSms (it checks every request's shape and signature), an SMTP server (smtp-server, the library
 * nodemailer's authors keep) and a WeCom / DingTalk group-robot webhook (checking DingTalk's 加签). Each records what it
 * was sent and answers as its `mode` says: ok, fail (a refusal for good), error5xx, slow (no answer before the client's
 * deadline) or throttled. `modeFor` chooses a mode per request (e.g. by number). Shared by the notify tests (channels,
 * worker, instances, secrecy, e2e).
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { signRpc, SMS_REPLY_SIGNATURE_HEADER, verifyRpc } from '../../server/notify/channels/sms.ts';

export type GatewayMode = 'ok' | 'fail' | 'error5xx' | 'slow' | 'throttled';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Hold a slow answer until the client gives up (its socket closes) or the server closes. */
function holdUntilClosed(req: IncomingMessage, res: ServerResponse, pending: Set<ServerResponse>) {
  pending.add(res);
  req.socket.on('close', () => pending.delete(res));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closeHttp(server: Server, pending: Set<ServerResponse>) {
  for (const r of pending) r.destroy();
  pending.clear();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

// ---------------------------------------------------------------- SMS

export type SmsRequest = {
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  outId: string;
  /** How it was answered. */
  mode: GatewayMode;
  at: Date;
};

export type SmsGateway = {
  /** SMS_GATEWAY_URL. */
  url: string;
  accessKeyId: string;
  secret: string;
  signName: string;
  /** The SMS_* settings pointing at this gateway (spread into an environment or parseNotifyConfig). */
  env: Record<string, string>;
  /** How the next requests are answered (default ok). */
  mode: GatewayMode;
  /** A mode per request (wins over `mode` when it answers one). */
  modeFor?: (r: SmsRequest) => GatewayMode | undefined;
  /** Every well-formed, well-signed request, however it was answered. */
  requests: SmsRequest[];
  /** The messages delivered (answered OK). */
  received: SmsRequest[];
  /** Requests refused as malformed or badly signed, with why (a test expects none). */
  rejected: string[];
  /** How many times each OutId was delivered (answered OK). */
  deliveredCount(outId: string): number;
  /** The signature header of the gateway's reply callback (POST /api/notify/sms/reply) for this phone and content. */
  replyHeaders(body: { phone: string; content: string }): Record<string, string>;
  close(): Promise<void>;
};

const SMS_COMMON = { Action: 'SendSms', Version: '2017-05-25', Format: 'JSON', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0' } as const;

export async function startSmsGateway(opts: { accessKeyId?: string; secret?: string; signName?: string } = {}): Promise<SmsGateway> {
  const accessKeyId = opts.accessKeyId ?? 'LTAItestkey0001';
  const secret = opts.secret ?? 'test-secret-of-the-sms-gateway';
  const signName = opts.signName ?? '民生实事';
  const pending = new Set<ServerResponse>();
  const nonces = new Set<string>();
  const delivered = new Map<string, number>();

  const gw = {
    mode: 'ok' as GatewayMode,
    modeFor: undefined as SmsGateway['modeFor'],
    requests: [] as SmsRequest[],
    received: [] as SmsRequest[],
    rejected: [] as string[],
  };

  const refuse = (res: ServerResponse, code: string, why: string) => {
    gw.rejected.push(why);
    json(res, 400, { Code: code, Message: why, RequestId: crypto.randomUUID() });
  };

  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    if (req.method !== 'POST') return refuse(res, 'UnsupportedHTTPMethod', `method ${req.method}`);
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return refuse(res, 'InvalidParameter', `content-type ${req.headers['content-type']}`);
    const form = Object.fromEntries(new URLSearchParams(text));
    for (const [k, v] of Object.entries(SMS_COMMON)) if (form[k] !== v) return refuse(res, 'InvalidParameter', `${k}=${form[k]}`);
    if (form.AccessKeyId !== accessKeyId) return refuse(res, 'InvalidAccessKeyId.NotFound', 'AccessKeyId');
    if (!form.Signature || !verifyRpc(secret, 'POST', Object.fromEntries(Object.entries(form).filter(([k]) => k !== 'Signature')), form.Signature))
      return refuse(res, 'SignatureDoesNotMatch', 'signature');
    if (!form.SignatureNonce || nonces.has(form.SignatureNonce)) return refuse(res, 'SignatureNonceUsed', 'nonce');
    nonces.add(form.SignatureNonce);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(form.Timestamp ?? '') || Math.abs(Date.parse(form.Timestamp) - Date.now()) > 15 * 60_000)
      return refuse(res, 'InvalidTimeStamp.Format', `Timestamp=${form.Timestamp}`);
    if (!/^1\d{10}$/.test(form.PhoneNumbers ?? '')) return refuse(res, 'isv.MOBILE_NUMBER_ILLEGAL', 'PhoneNumbers');
    if (form.SignName !== signName) return refuse(res, 'isv.SMS_SIGNATURE_ILLEGAL', 'SignName');
    if (!/^[\w.-]+$/.test(form.TemplateCode ?? '')) return refuse(res, 'isv.SMS_TEMPLATE_ILLEGAL', 'TemplateCode');
    if (!form.OutId) return refuse(res, 'InvalidParameter', 'OutId');
    let params: unknown;
    try {
      params = JSON.parse(form.TemplateParam ?? '');
    } catch {
      return refuse(res, 'isv.INVALID_JSON_PARAM', 'TemplateParam');
    }
    if (!params || typeof params !== 'object' || Object.values(params).some((v) => typeof v !== 'string')) return refuse(res, 'isv.INVALID_JSON_PARAM', 'TemplateParam values');

    const r: SmsRequest = { phone: form.PhoneNumbers, signName: form.SignName, templateCode: form.TemplateCode, params: params as Record<string, string>, outId: form.OutId, mode: 'ok', at: new Date() };
    r.mode = gw.modeFor?.(r) ?? gw.mode;
    gw.requests.push(r);
    switch (r.mode) {
      case 'ok':
        gw.received.push(r);
        delivered.set(r.outId, (delivered.get(r.outId) ?? 0) + 1);
        return json(res, 200, { Code: 'OK', Message: 'OK', BizId: `${Date.now()}^${gw.requests.length}`, RequestId: crypto.randomUUID() });
      case 'fail':
        return json(res, 200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: `非法手机号 ${r.phone}`, RequestId: crypto.randomUUID() });
      case 'throttled':
        return json(res, 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: crypto.randomUUID() });
      case 'error5xx':
        res.writeHead(503, { 'content-type': 'text/plain' });
        return res.end('Service Unavailable');
      case 'slow':
        return holdUntilClosed(req, res, pending);
    }
  });
  const port = await listen(server);
  const url = `http://127.0.0.1:${port}/`;
  return Object.assign(gw, {
    url,
    accessKeyId,
    secret,
    signName,
    env: { SMS_GATEWAY_URL: url, SMS_ACCESS_KEY_ID: accessKeyId, SMS_ACCESS_KEY_SECRET: secret, SMS_SIGN_NAME: signName },
    deliveredCount: (outId: string) => delivered.get(outId) ?? 0,
    replyHeaders: (body: { phone: string; content: string }) => ({ [SMS_REPLY_SIGNATURE_HEADER]: signRpc(secret, 'POST', body) }),
    close: () => closeHttp(server, pending),
  });
}

// ---------------------------------------------------------------- SMTP

export type SmtpMode = 'ok' | 'fail' | 'tempfail' | 'slow';

export type Mail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
  raw: string;
};

export type SmtpServer = {
  /** SMTP_URL (with a user and password the server accepts). */
  url: string;
  port: number;
  from: string;
  /** SMTP_URL and MAIL_FROM pointing at this server. */
  env: Record<string, string>;
  /** ok; fail: 550 at the end of DATA; tempfail: 451; slow: no answer to DATA until the client gives up. */
  mode: SmtpMode;
  modeFor?: (to: string[]) => SmtpMode | undefined;
  /** The mails accepted (250 after DATA). */
  mails: Mail[];
  /** How many times each Message-ID was accepted. */
  deliveredCount(messageId: string): number;
  close(): Promise<void>;
};

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) decoded. */
function decodeWords(s: string): string {
  return s.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string): string {
  const e = encoding.toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (e === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** A single-part text mail (what the e-mail transport sends) read back: headers, subject, text. */
export function parseMail(raw: string, envelope: { from: string; to: string[] }): Mail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return {
    from: decodeWords(headers.from ?? envelope.from),
    to: envelope.to,
    subject: decodeWords(headers.subject ?? ''),
    text: decodeBody(body, headers['content-transfer-encoding'] ?? '7bit').replace(/\r\n/g, '\n').replace(/\n$/, ''),
    messageId: headers['message-id'] ?? '',
    headers,
    raw,
  };
}

export async function startSmtp(opts: { user?: string; pass?: string; from?: string } = {}): Promise<SmtpServer> {
  const user = opts.user ?? 'notify';
  const pass = opts.pass ?? 'smtp-test-pass';
  const from = opts.from ?? '民生实事 <notify@minsheng.test>';
  const delivered = new Map<string, number>();
  const st = { mode: 'ok' as SmtpMode, modeFor: undefined as SmtpServer['modeFor'], mails: [] as Mail[] };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) return cb(null, { user });
      return cb(Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((a) => a.address);
        const mode = st.modeFor?.(to) ?? st.mode;
        if (mode === 'fail') return cb(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
        if (mode === 'tempfail') return cb(Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 }));
        if (mode === 'slow') return; // never answered: the client's deadline ends it
        const envFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'), { from: envFrom, to });
        st.mails.push(mail);
        delivered.set(mail.messageId, (delivered.get(mail.messageId) ?? 0) + 1);
        cb(null, 'Ok: queued');
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const url = `smtp://${user}:${pass}@127.0.0.1:${port}`;
  return Object.assign(st, {
    url,
    port,
    from,
    env: { SMTP_URL: url, MAIL_FROM: from },
    deliveredCount: (id: string) => delivered.get(id) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        // smtp-server waits for open connections; a slow one is cut.
        for (const c of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? []) c.close();
        server.close(() => resolve());
      }),
  });
}

// ---------------------------------------------------------------- group robots

export type RobotHook = {
  kind: 'wecom' | 'dingtalk';
  /** The webhook to set for the congress (http on 127.0.0.1: set NOTIFY_ROBOT_HOSTS to `host`). */
  webhook: string;
  /** host:port, for NOTIFY_ROBOT_HOSTS. */
  host: string;
  /** DingTalk's 加签 secret ('' : none checked). */
  secret: string;
  mode: GatewayMode;
  modeFor?: (content: string) => GatewayMode | undefined;
  /** Every well-formed (and, for DingTalk with a secret, well-signed) request, however answered. */
  requests: { content: string; mode: GatewayMode; at: Date }[];
  /** The texts delivered (errcode 0). */
  received: { content: string; at: Date }[];
  rejected: string[];
  close(): Promise<void>;
};

const ROBOT_ANSWERS = {
  wecom: { fail: { errcode: 93000, errmsg: 'invalid webhook url' }, throttled: { errcode: 45009, errmsg: 'api freq out of limit' } },
  dingtalk: { fail: { errcode: 310000, errmsg: 'keywords not in content' }, throttled: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } },
} as const;

/** DingTalk's 加签: urlencode(base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`))). */
export function dingtalkSign(secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export async function startRobot(kind: 'wecom' | 'dingtalk', opts: { secret?: string } = {}): Promise<RobotHook> {
  const secret = opts.secret ?? (kind === 'dingtalk' ? 'SECtest0123456789abcdef' : '');
  const pending = new Set<ServerResponse>();
  const token = kind === 'wecom' ? 'key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa' : 'access_token=9c2a7e3f0d5b4a1c8e6f2d0b7a9c3e1f';
  const path = kind === 'wecom' ? '/cgi-bin/webhook/send' : '/robot/send';
  const rb = { kind, secret, mode: 'ok' as GatewayMode, modeFor: undefined as RobotHook['modeFor'], requests: [] as RobotHook['requests'], received: [] as RobotHook['received'], rejected: [] as string[] };
  const refuse = (res: ServerResponse, why: string) => {
    rb.rejected.push(why);
    json(res, 200, kind === 'wecom' ? { errcode: 40008, errmsg: `invalid message: ${why}` } : { errcode: 310000, errmsg: `sign not match: ${why}` });
  };
  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    const u = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'POST' || u.pathname !== path) return refuse(res, `${req.method} ${u.pathname}`);
    const [tk, tv] = token.split('=');
    if (u.searchParams.get(tk) !== tv) return refuse(res, tk);
    if (kind === 'dingtalk' && secret) {
      const ts = u.searchParams.get('timestamp') ?? '';
      const sign = u.searchParams.get('sign') ?? '';
      if (!/^\d{13}$/.test(ts) || Math.abs(Number(ts) - Date.now()) > 3600_000) return refuse(res, 'timestamp');
      if (sign !== dingtalkSign(secret, ts)) return refuse(res, 'sign');
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 'content-type');
    let body: { msgtype?: unknown; text?: { content?: unknown } };
    try {
      body = JSON.parse(text);
    } catch {
      return refuse(res, 'json');
    }
    if (body.msgtype !== 'text' || typeof body.text?.content !== 'string' || !body.text.content) return refuse(res, 'body');
    const content = body.text.content;
    const mode = rb.modeFor?.(content) ?? rb.mode;
    rb.requests.push({ content, mode, at: new Date() });
    switch (mode) {
      case 'ok':
        rb.received.push({ content, at: new Date() });
        return json(res, 200, { errcode: 0, errmsg: 'ok' });
      case 'fail':
      case 'throttled':
        return json(res, 200, ROBOT_ANSWERS[kind][mode]);
      case 'error5xx':
        res.writeHead(502, { 'content-type': 'text/plain' });
        return res.end('Bad Gateway');
      case 'slow':
        return holdUntilClosed(req, res, pending);
    }
  });
  const port = await listen(server);
  const host = `127.0.0.1:${port}`;
  return Object.assign(rb, { webhook: `http://${host}${path}?${token}`, host, close: () => closeHttp(server, pending) });
}
