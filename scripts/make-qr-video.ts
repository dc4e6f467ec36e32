/**
 * Turns a QR code into a YUV4MPEG2 (.y4m) video, the format Chromium's fake camera plays
 * (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>.y4m`): the e2e
 * tests film a neighbour's meeting code with it. No ffmpeg: a y4m is a one-line text header, then
 * per frame `FRAME\n` and the raw I420 planes (Y full size, then U and V at half size each way).
 * Format: https://wiki.multimedia.cx/index.php/YUV4MPEG2.
 *
 * By hand: `npx tsx scripts/make-qr-video.ts "<text>" out.y4m` (640×480, 10 frames at 10 fps).
 */
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { encode } from 'uqr';

export interface VideoOptions {
  /** Frame size in pixels; both even (I420 halves them). Default 640×480. */
  width?: number;
  height?: number;
  /** Number of frames (Chromium loops the file). Default 10. */
  frames?: number;
  /** Frames per second. Default 10. */
  fps?: number;
}

/** Video-range luma (ITU-R BT.601): 16 is black, 235 white; chroma 128 is no colour. */
const BLACK = 16;
const WHITE = 235;
const NEUTRAL = 128;

/**
 * The y4m bytes of a video showing `text`'s QR code (level M, 4-module quiet zone, as the app
 * draws it) centred on white, as large as fits in whole pixels per module.
 */
export function qrVideo(text: string, options: VideoOptions = {}): Buffer {
  const { width = 640, height = 480, frames = 10, fps = 10 } = options;
  if (width % 2 || height % 2) throw new Error('y4m I420 needs an even width and height');
  const qr = encode(text, { ecc: 'M', boostEcc: false, border: 4 });
  const modules = qr.data.length;
  const scale = Math.floor(Math.min(width, height) / modules);
  if (scale < 2) throw new Error(`a ${modules}-module code does not fit in ${width}×${height}`);
  const left = Math.floor((width - modules * scale) / 2);
  const top = Math.floor((height - modules * scale) / 2);
  const luma = Buffer.alloc(width * height, WHITE);
  for (let y = 0; y < modules * scale; y++) {
    const row = qr.data[Math.floor(y / scale)]!;
    for (let x = 0; x < modules * scale; x++) {
      if (row[Math.floor(x / scale)]) luma[(top + y) * width + left + x] = BLACK;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, NEUTRAL);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [text, out] = process.argv.slice(2);
  if (!text || !out) {
    console.error('usage: tsx scripts/make-qr-video.ts "<text>" <out.y4m>');
    process.exit(2);
  }
  writeFileSync(out, qrVideo(text));
}
