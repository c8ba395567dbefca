// Draws the add-in's ribbon and store icons (public/addin/icon-<size>.png) and the site's
// favicon (app/icon.png, which Next.js serves and links from every page): a green rounded
// square with a white sheet grid and a spark. Run once with `node scripts/generate-addin-icons.mjs`
// when the design changes; the PNGs are committed so no build step needs this.
import { writeFileSync, mkdirSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const GREEN = [33, 115, 70];
const WHITE = [255, 255, 255];
const SS = 4; // supersampling per axis, for smooth edges at 16 px

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Colour of one sample point in unit coordinates (0..1), or null for transparent. */
function sample(x, y) {
  const r = 0.2;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  if (dx * dx + dy * dy > r * r) return null;
  // Sheet: white rectangle with green grid lines, lower left.
  const inSheet = x > 0.18 && x < 0.66 && y > 0.34 && y < 0.82;
  if (inSheet) {
    const gx = (x - 0.18) / 0.48;
    const gy = (y - 0.34) / 0.48;
    const line = 0.06;
    const onGrid = [1 / 3, 2 / 3].some((t) => Math.abs(gx - t) < line / 2 || Math.abs(gy - t) < line / 2);
    return onGrid ? GREEN : WHITE;
  }
  // Spark: a four-pointed star, upper right.
  const sx = Math.abs(x - 0.74);
  const sy = Math.abs(y - 0.27);
  if (Math.sqrt(sx) + Math.sqrt(sy) < Math.sqrt(0.17)) return WHITE;
  return GREEN;
}

function png(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let rr = 0, gg = 0, bb = 0, aa = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const colour = sample((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size);
          if (!colour) continue;
          rr += colour[0];
          gg += colour[1];
          bb += colour[2];
          aa += 1;
        }
      }
      const o = 1 + px * 4;
      if (aa > 0) {
        row[o] = Math.round(rr / aa);
        row[o + 1] = Math.round(gg / aa);
        row[o + 2] = Math.round(bb / aa);
      }
      row[o + 3] = Math.round((aa / (SS * SS)) * 255);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync(new URL("../public/addin/", import.meta.url), { recursive: true });
for (const size of SIZES) {
  writeFileSync(new URL(`../public/addin/icon-${size}.png`, import.meta.url), png(size));
}
// 64 px: sharp in a high-density browser tab, small enough to load with the first page.
writeFileSync(new URL("../app/icon.png", import.meta.url), png(64));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(", ")} and app/icon.png`);
