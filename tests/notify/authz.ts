/**
 * The notify stage's part of the authorization matrix (tests/security/authz-kit.ts): the office's routes are a congress
 * admin's (the overseer of the county above reads none of them), each person's opt-out is any signed-in account's, and
 * a resident's 退订 and the gateway's reply callback are public (their token or signature is the check). `build` sends a
 * test message on a robot so that a message of the congress exists (`ids.message`; the worker is not running here).
 */
import { EVERYONE, SIGNED_IN, STAFF, cg, type StagePart } from '../security/authz-kit.ts';

export const part: StagePart = {
  build: async ({ w, sys, must }) => {
    const base = `/api/congresses/${w.id}`;
    await must(sys.put(`${base}/notify/robots/wecom`, { webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-1111-2222-3333-444444444444' }), 'robot');
    w.ids.message = (await must(sys.post(`${base}/notify/test`, { channel: 'wecom' }), 'test send')).messageId;
  },
  table: {
    'GET /api/congresses/:congressId/notify/messages': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/notify/messages` }) },
    'POST /api/congresses/:congressId/notify/messages/:messageId/retry': { allow: STAFF, ok: ['notify_not_failed'], req: (x) => ({ path: `${cg(x)}/notify/messages/${x.w.ids.message}/retry` }) },
    'GET /api/congresses/:congressId/notify/channels': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/notify/channels` }) },
    'PUT /api/congresses/:congressId/notify/robots/:channel': {
      allow: STAFF,
      req: (x) => ({ path: `${cg(x)}/notify/robots/wecom`, body: { webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-1111-2222-3333-444444444444' } }),
    },
    'POST /api/congresses/:congressId/notify/test': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/notify/test`, body: { channel: 'wecom' } }) },
    'GET /api/congresses/:congressId/notify/templates': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/notify/templates` }) },
    'PUT /api/congresses/:congressId/notify/templates/:kind': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/notify/templates/item_answered`, body: { zh: '您反映的事项 {code} 已答复。' } }) },
    'POST /api/congresses/:congressId/notify/invite/:roundId': {
      allow: STAFF,
      ok: ['notify_round_not_open'],
      req: (x) => ({ path: `${cg(x)}/notify/invite/${x.w.ids.rOpen}`, body: { phones: '13800138000' } }),
    },
    'GET /api/me/notify': { allow: SIGNED_IN, req: () => ({ path: '/api/me/notify' }) },
    'PUT /api/me/notify': { allow: SIGNED_IN, req: () => ({ path: '/api/me/notify', body: { channel: 'sms', optedOut: false } }) },
    'POST /api/notify/optout': { allow: EVERYONE, ok: ['notify_optout_token_invalid'], req: () => ({ path: '/api/notify/optout', body: { token: `${'x'.repeat(20)}.${'y'.repeat(20)}.${'z'.repeat(20)}` } }) },
    'POST /api/notify/sms/reply': { allow: [], refuse: ['notify_signature_invalid'], req: () => ({ path: '/api/notify/sms/reply', body: { phone: '13800138000', content: 'T' } }) },
  },
};
