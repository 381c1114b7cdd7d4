/** The typed codes (shared/serial.ts): one alphabet without look-alikes, read the same way from whatever a person types. */
import { describe, expect, it } from 'vitest';
import { normalizeTrackingCode, newTrackingCode } from '../../shared/gathering/tracking-code.ts';
import { CODE_ALPHABET, codeFromBytes, isCode, normalizeTyped, randomCode, tokenOf } from '../../shared/serial.ts';

describe('the code alphabet', () => {
  it('has no look-alikes and 31 distinct characters', () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    expect(new Set(CODE_ALPHABET).size).toBe(31);
    for (const ch of '01OIL') expect(CODE_ALPHABET).not.toContain(ch);
  });

  it('draws every character about equally often (bytes past 248 are drawn again)', () => {
    const counts = new Map<string, number>();
    for (const ch of randomCode(31 * 2000)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(31);
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(1600);
      expect(n).toBeLessThan(2400);
    }
  });

  it('drops the bytes that would favour the first characters', () => {
    // 248..255 would map to the first 8 characters a second time: a source of only such bytes, then a 0, gives "2".
    let calls = 0;
    const random = () => (calls++ === 0 ? new Uint8Array(16).fill(250) : new Uint8Array(16).fill(0));
    expect(randomCode(1, random)).toBe('2');
    expect(calls).toBe(2);
  });

  it('derives a serial from a digest, and refuses too few bytes', () => {
    expect(codeFromBytes(new Uint8Array([0, 30, 31, 255]), 4)).toBe(`2${CODE_ALPHABET[30]}2${CODE_ALPHABET[255 % 31]}`);
    expect(() => codeFromBytes(new Uint8Array(3), 4)).toThrow();
  });
});

describe('what a person types', () => {
  it.each([
    ['k7m2-pq9x', 'K7M2PQ9X'],
    [' K7M2 PQ9X ', 'K7M2PQ9X'],
    ['abo0il1', 'AB00111'], // O read as 0, I and L as 1
  ])('%j → %s', (typed, want) => expect(normalizeTyped(typed)).toBe(want));

  it('reads tracking codes with the same rules', () => {
    const code = newTrackingCode();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(normalizeTrackingCode(code.toLowerCase().replace('-', ' '))).toBe(code);
    expect(normalizeTrackingCode('K7M2PQ9')).toBeNull();
    expect(isCode('K7M2PQ9X', 8)).toBe(true);
    expect(isCode('K7M2PQ9!', 8)).toBe(false);
  });
});

describe('a scanned QR', () => {
  it.each([
    ['https://minsheng.example/b#eyJ.a.b', 'eyJ.a.b'],
    ['eyJ.a.b', 'eyJ.a.b'],
    ['  http://localhost/e#tok \n', 'tok'],
    ['http://x/l#a#b', 'a#b'], // only the first # separates the address
  ])('%j → %s', (scanned, token) => expect(tokenOf(scanned)).toBe(token));
});
