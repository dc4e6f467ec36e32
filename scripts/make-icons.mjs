// Draws Tissage's icons: a small weave of cream and ochre ribbons on terracotta ("tisser du lien"),
// written as public/favicon.svg and rendered by Debian's Chromium to the PNGs the manifest and iOS need.
// Run it by hand after changing the design: `node scripts/make-icons.mjs`; its outputs are committed.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

const TERRACOTTA = '#8a3b12'; // the manifest's theme_color
const CREAM = '#fffaf3'; // the manifest's background_color
const OCHRE = '#f0b27a';

// The weave's proportions, as shares of its half-side: where the ribbons run, and how wide they are.
const SPREAD = 0.3;
const WIDTH = 0.36;

/**
 * The weave: two cream ribbons one way, two ochre ribbons the other, each passing over then under, so
 * the four crossings alternate like a basket; turned 45° so it reads as a woven knot, not a "#".
 * Drawn in a 100×100 box. `reach` is how far from the centre the weave may go, as a share of half the
 * side (the maskable safe zone is a circle of 0.8). `radius` rounds the background's corners; 0 keeps
 * it full-bleed, which maskable and apple-touch icons need.
 */
function iconSvg({ size, reach, radius }) {
  // The farthest points are the round ends of the ribbons' outer edges.
  const half = (reach * 50) / Math.hypot(SPREAD + WIDTH / 2, 1);
  const ribbon = half * WIDTH;
  const gap = ribbon * 0.22; // the terracotta edge around a ribbon where it passes over another
  const lanes = [50 - half * SPREAD, 50 + half * SPREAD]; // ribbon centres
  const start = 50 - half + ribbon / 2; // so the round caps end exactly at ±half
  const end = 50 + half - ribbon / 2;
  const hole = ribbon / 2 + gap; // half the length cut out of a ribbon where it passes under

  // Each ribbon is drawn once, through a mask that cuts it where it passes under: nothing overlaps, so
  // antialiasing leaves no hairline seams. The cream ribbon is on top where row + column is odd.
  const masks = [];
  const ribbons = [];
  lanes.forEach((lane, i) => {
    for (const vertical of [true, false]) {
      const id = `${vertical ? 'warp' : 'weft'}${i}`;
      const cuts = lanes
        .filter((_, j) => (i + j) % 2 === (vertical ? 0 : 1))
        .map((across) => {
          // A bit wider than the ribbon, so no fringe of it survives the antialiasing.
          const [x, y, w, h] = vertical
            ? [lane - hole - 1, across - hole, 2 * hole + 2, 2 * hole]
            : [across - hole, lane - hole - 1, 2 * hole, 2 * hole + 2];
          return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="black"/>`;
        });
      masks.push(
        `<mask id="${id}" maskUnits="userSpaceOnUse" x="0" y="0" width="100" height="100">` +
          `<rect width="100" height="100" fill="white"/>${cuts.join('')}</mask>`,
      );
      const [x1, y1, x2, y2] = vertical ? [lane, start, lane, end] : [start, lane, end, lane];
      ribbons.push(
        `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${vertical ? CREAM : OCHRE}" ` +
          `stroke-width="${ribbon}" stroke-linecap="round" mask="url(#${id})"/>`,
      );
    }
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="${size}" height="${size}">`,
    `<defs>${masks.join('')}</defs>`,
    `<rect width="100" height="100" rx="${radius * 100}" fill="${TERRACOTTA}"/>`,
    '<g transform="rotate(45 50 50)">',
    ...ribbons,
    '</g>',
    '</svg>',
  ]
    .join('\n')
    .replace(/\d+\.\d{3,}/g, (n) => String(Number(Number(n).toFixed(2)))); // 2 decimals are plenty at 100 units
}

/** Each PNG: where it goes, its size in pixels, and how far the weave reaches. */
const pngs = [
  // "any" icons: a full-bleed square (transparent corners turn white or black on some launchers).
  { file: 'icons/icon-192.png', size: 192, reach: 0.76 },
  { file: 'icons/icon-512.png', size: 512, reach: 0.76 },
  // Maskable: launchers crop to a shape inside the central 80% circle, Android's to about 61%.
  { file: 'icons/maskable-512.png', size: 512, reach: 0.58 },
  // iOS rounds the corners itself and wants no transparency.
  { file: 'icons/apple-touch-icon.png', size: 180, reach: 0.72 },
];

async function main() {
  await mkdir(join(publicDir, 'icons'), { recursive: true });
  // The tab icon is tiny: the weave as large as the rounded corners allow.
  await writeFile(join(publicDir, 'favicon.svg'), iconSvg({ size: 32, reach: 0.92, radius: 0.2 }) + '\n');

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const { file, size, reach } of pngs) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<!doctype html><html><body style="margin:0">${iconSvg({ size, reach, radius: 0 })}</body></html>`,
      );
      await page.screenshot({
        path: join(publicDir, file),
        clip: { x: 0, y: 0, width: size, height: size },
        omitBackground: false,
      });
      process.stdout.write(`public/${file} ${size}×${size}\n`);
    }
  } finally {
    await browser.close();
  }
}

await main();
