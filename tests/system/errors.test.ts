import { describe, expect, it } from 'vitest';
import { Client, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('errors', () => {
  it('answers an unknown API route with a 404 JSON error in Chinese by default', async () => {
    const res = await new Client(t).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.body.error.message).toBe('找不到所请求的地址。');
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers in English when Accept-Language prefers it', async () => {
    const res = await new Client(t, 'en-US,en;q=0.9,zh;q=0.5').get('/api/no-such-thing');
    expect(res.body.error.message).toBe('Nothing is at this address.');
    const zh = await new Client(t, 'en;q=0.4, zh-CN;q=0.8').get('/api/no-such-thing');
    expect(zh.body.error.message).toBe('找不到所请求的地址。');
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await new Client(t).post('/api/auth/login', '{"username": "a",', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
  });

  it('answers a body over the limit with 413', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' });
    const res = await new Client(t).post('/api/auth/login', big, { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('body_too_large');
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await new Client(t).post('/api/auth/login', 'username=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media');
  });

  it('answers schema errors with 400 and a message per field path, in the caller language', async () => {
    const zh = await new Client(t).post('/api/setup', { username: 'a b', displayName: '', password: 'short' });
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('validation');
    const paths = zh.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['displayName', 'password', 'username']);
    expect(zh.body.error.details.find((d: { path: string }) => d.path === 'password').message).toBe('至少 10 个字符');
    const en = await new Client(t, 'en').post('/api/setup', { username: 'ok_name', displayName: 'x', password: 'short' });
    expect(en.body.error.details[0]).toMatchObject({ path: 'password', message: 'at least 10 characters' });
  });

  it('answers a wrong parameter shape with 400, not 500', async () => {
    const admin = await setupAdmin(t);
    const res = await admin.get('/api/congresses/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('congressId');
  });

  it('sends security headers and a request id on every response', async () => {
    for (const path of ['/api/health', '/api/no-such-thing', '/.well-known/jwks.json']) {
      const res = await new Client(t).get(path);
      expect(res.headers.get('x-request-id')).toMatch(/\S+/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });
});
