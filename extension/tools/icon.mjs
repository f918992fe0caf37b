// Draws the toolbar icon (an eye on a blue rounded square) as a PNG of any
// size, so that no binary image is kept in the repository.

import { crc32, deflateSync } from 'node:zlib';

/**
 * Coverage of one point: 1 inside the shape, 0 outside.
 * @param {number} x in [0, 1]
 * @param {number} y in [0, 1]
 * @returns {[number, number, number, number]} RGBA
 */
function shade(x, y) {
  const r = 0.2; // corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  // The eye: the intersection of two discs, with an iris and a pupil.
  const dx = x - 0.5;
  const dy = y - 0.5;
  const inEye = dx * dx + (dy - 0.42) ** 2 < 0.62 ** 2 && dx * dx + (dy + 0.42) ** 2 < 0.62 ** 2;
  const d = Math.hypot(dx, dy);
  if (inEye) {
    if (d < 0.07) return [32, 33, 36, 255];
    if (d < 0.16) return [197, 34, 31, 255];
    return [255, 255, 255, 255];
  }
  return [26, 115, 232, 255];
}

/**
 * @param {number} size
 * @returns {Buffer}
 */
export function makeIcon(size) {
  const S = 4; // supersampling per axis
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = shade((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
          for (let i = 0; i < 3; i++) acc[i] += c[i] * c[3];
          acc[3] += c[3];
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const a = acc[3] / (S * S);
      for (let i = 0; i < 3; i++) raw[o + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
      raw[o + 3] = Math.round(a);
    }
  }
  /** @param {string} type @param {Buffer} data */
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
