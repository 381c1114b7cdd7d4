/**
 * safeNext (shared/auth/safe-next.ts): after signing in the login page follows `?next=` only to an address inside the
 * app. Each case below is what the page reads from the query string (already decoded).
 */
import { describe, expect, it } from 'vitest';
import { safeNext } from '../../shared/auth/safe-next.ts';

const KEPT = [
  '/',
  '/congresses',
  '/congresses/8c1e/sessions?tab=votes',
  '/congresses/8c1e/projects#milestones',
  '/search?q=%2F%2Fexample.com', // an encoded value in a query is data, not an address
  '/a/b/../c', // dot-segments that stay on a path
  '/%2F%2Fexample.com', // an encoded slash is a path character here
  '/中文路径',
];
const REFUSED: [string, unknown][] = [
  ['empty', ''],
  ['missing', undefined],
  ['not a string', ['/a']],
  ['relative', 'congresses'],
  ['protocol-relative', '//example.com'],
  ['protocol-relative with a path', '//example.com/login'],
  ['a backslash after the slash', '/\\example.com'],
  ['two backslashes', '\\\\example.com'],
  ['a backslash later on', '/a\\..\\..\\\\example.com'],
  ['a slash and a backslash', '/\\/example.com'],
  ['https', 'https://example.com'],
  ['http with a path', 'http://example.com/'],
  ['javascript', 'javascript:alert(1)'],
  ['javascript in upper case', 'JAVASCRIPT:alert(1)'],
  ['data', 'data:text/html,<script>alert(1)</script>'],
  ['a tab between the slashes', '/\t/example.com'],
  ['a newline between the slashes', '/\n/example.com'],
  ['a carriage return', '/\r/example.com'],
  ['a NUL', '/\u0000/example.com'],
  ['DEL', '/\u007f'],
  ['a C1 control', '/\u0085/example.com'],
  ['a leading space', ' /congresses'],
  ['dot-segments that climb to //host', '/a/..//example.com'],
  ['dot-segments, encoded dots', '/a/%2e%2e//example.com'],
  ['far too long', `/${'a'.repeat(5000)}`],
];

describe('safeNext', () => {
  it.each(KEPT)('keeps the same-origin path %s', (next) => {
    expect(safeNext(next)).toBe(next);
  });
  it.each(REFUSED)('refuses %s', (_what, next) => {
    expect(safeNext(next)).toBe('/');
  });
  it('answers the fallback it is given', () => {
    expect(safeNext('/\\example.com', '/home')).toBe('/home');
  });
});
