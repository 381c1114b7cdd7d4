import { deflateSync } from 'node:zlib';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Uint8Array) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

type RGB = [number, number, number];

/**
 * A small "site photo" made in code (160×120 RGB PNG): sky, a far hill, the ground, and a road or a building block
 * whose size follows `progress` (0..1), so photos of one project differ along the year.
 */
export function sitePhoto(seed: number, progress: number): Uint8Array {
  const w = 160;
  const h = 120;
  const hue = (seed * 47) % 360;
  const tint = (r: number, g: number, b: number, k = 0.15): RGB => {
    const x = Math.cos((hue * Math.PI) / 180) * 40 * k;
    return [Math.max(0, Math.min(255, r + x)), Math.max(0, Math.min(255, g - x / 2)), Math.max(0, Math.min(255, b + x / 3))].map(Math.round) as RGB;
  };
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      const hill = 50 + Math.round(8 * Math.sin((x + seed * 13) / 17));
      let c: RGB = y < hill ? tint(150 + Math.round((y / hill) * 60), 190 + Math.round((y / hill) * 40), 235) : y < 70 ? tint(86, 140, 70) : tint(150, 130, 100);
      // the work: a grey road narrowing to the horizon, built up to `progress` of its length
      const road = y >= 70 && Math.abs(x - w / 2) < 8 + (y - 70) * 0.9 && (h - y) / (h - 70) <= progress + 0.02;
      if (road) c = [120 + (seed % 3) * 10, 120, 125];
      // a building block on the left, its height following progress
      if (x > 14 && x < 50 && y < 70 && y > 70 - 40 * progress) c = tint(205, 190, 170, 1);
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = c[0];
      raw[o + 1] = c[1];
      raw[o + 2] = c[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]));
}
