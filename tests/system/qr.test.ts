/** Printed sheets render their QR codes on worker threads; the result is the same as rendering inline, in order. */
import { describe, expect, it } from 'vitest';
import { qrSvg, qrSvgs } from '../../server/lib/qr.ts';

describe('QR codes for a sheet', () => {
  it('renders many on worker threads, in order, identical to one rendered inline', async () => {
    const texts = Array.from({ length: 150 }, (_, i) => `http://localhost/b#token-${i}`);
    const svgs = await qrSvgs(texts);
    expect(svgs).toHaveLength(150);
    expect(svgs[0]).toMatch(/^<svg/);
    expect(svgs[149]).toBe(await qrSvg(texts[149]));
    expect(svgs[7]).toBe(await qrSvg(texts[7]));
    expect(new Set(svgs).size).toBe(150);
  });
});
