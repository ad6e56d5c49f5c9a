// Writes the app's PNG icons (a plain bar-chart mark) with Node built-ins only, so no image
// tool is needed: run `node scripts/make-icons.mjs` after changing the design.
import { writeFileSync, mkdirSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x / size, y / size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = 255;
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Near-black square, three white bars rising left to right, a blue base line (GOV.UK blue).
const bars = [[0.2, 0.32, 0.55], [0.42, 0.54, 0.4], [0.64, 0.76, 0.25]];
const mark = (x, y) => {
  if (y > 0.78 && y < 0.82 && x > 0.16 && x < 0.84) return [29, 112, 184];
  for (const [x0, x1, top] of bars) if (x >= x0 && x < x1 && y >= top && y <= 0.78) return [255, 255, 255];
  return [11, 12, 12];
};
mkdirSync('public/icons', { recursive: true });
for (const size of [192, 512]) writeFileSync(`public/icons/icon-${size}.png`, png(size, mark));
console.log('wrote public/icons/icon-192.png and icon-512.png');
