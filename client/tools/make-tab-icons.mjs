// Draws the tab-bar icons (81×81 PNG, grey and red) from simple shapes; run once, output committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 81;
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
}
function png(alpha, [r, g, b]) {
  const raw = Buffer.alloc(N * (N * 4 + 1));
  for (let y = 0; y < N; y++) {
    raw[y * (N * 4 + 1)] = 0;
    for (let x = 0; x < N; x++) {
      const o = y * (N * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = Math.round(alpha(x + 0.5, y + 0.5) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const clamp = (v) => Math.max(0, Math.min(1, v));
const ring = (cx, cy, r, w) => (x, y) => clamp(w / 2 + 0.5 - Math.abs(Math.hypot(x - cx, y - cy) - r));
const disc = (cx, cy, r) => (x, y) => clamp(r + 0.5 - Math.hypot(x - cx, y - cy));
const box = (x0, y0, x1, y1) => (x, y) => clamp(Math.min(x - x0, x1 - x, y - y0, y1 - y) + 0.5);
const seg = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax, dy = by - ay;
  const t = clamp(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy));
  return clamp(w / 2 + 0.5 - Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
};
const union = (...fs) => (x, y) => Math.max(...fs.map((f) => f(x, y)));
const minus = (a, b) => (x, y) => clamp(a(x, y) - b(x, y));

const icons = {
  requests: union(minus(box(14, 16, 67, 56), box(20, 22, 61, 50)), seg(24, 56, 24, 68, 6), seg(24, 68, 38, 56, 6), seg(27, 31, 54, 31, 5), seg(27, 41, 46, 41, 5)),
  booking: union(ring(40.5, 42, 25, 6), seg(40.5, 42, 40.5, 28, 6), seg(40.5, 42, 51, 49, 6)),
  points: union(minus(box(16, 34, 65, 66), box(22, 40, 59, 60)), box(12, 24, 69, 36), seg(40.5, 24, 40.5, 66, 6), ring(32, 18, 7, 5), ring(49, 18, 7, 5)),
  stations: union(seg(12, 40, 40.5, 14, 6), seg(40.5, 14, 69, 40, 6), minus(box(20, 36, 61, 68), box(26, 42, 55, 68)), box(35, 50, 46, 68)),
  me: union(ring(40.5, 27, 12, 6), minus(disc(40.5, 74, 28), union(disc(40.5, 74, 22), box(0, 70, 81, 81)))),
};
for (const [name, shape] of Object.entries(icons)) {
  writeFileSync(new URL(`../src/assets/tab/${name}.png`, import.meta.url), png(shape, [0x88, 0x88, 0x88]));
  writeFileSync(new URL(`../src/assets/tab/${name}-on.png`, import.meta.url), png(shape, [0xc8, 0x37, 0x2d]));
}
