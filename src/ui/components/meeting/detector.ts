/**
 * Finding a QR code in the camera's picture. The browser's own `BarcodeDetector` (Shape Detection
 * API, https://wicg.github.io/shape-detection-api/) where it has one that reads QR codes (Android's
 * Chrome); elsewhere the `barcode-detector` package, the same API over ZXing compiled to
 * WebAssembly, loaded only then. Its .wasm comes from this site, precached by the service worker
 * (vite.config.ts), never from the package's default CDN: the street has no network.
 */

/** What the scanner needs of a detector: the texts of the QR codes in one video frame. */
export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

interface NativeDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** Why the camera could not be opened, as what the person can do about it. */
export type CameraFailure = 'no-camera' | 'denied' | 'failed';

/**
 * Opens the rear camera where there is one, any camera otherwise (a tablet, a laptop): the
 * stream, or why not. getUserMedia's refusals (Media Capture and Streams §10.2.1): 'denied' for
 * a refused permission or an insecure page, 'no-camera' for no device that fits, 'failed' for
 * anything else (the camera busy in another app).
 */
export async function openRearCamera(): Promise<MediaStream | CameraFailure> {
  if (!navigator.mediaDevices?.getUserMedia) return 'no-camera';
  try {
    return await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    });
  } catch (error) {
    const name = error instanceof DOMException || error instanceof Error ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
    if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no-camera';
    return 'failed';
  }
}

let loading: Promise<QrDetector> | undefined;

/**
 * A QR detector, the same one for every scan of this page.
 * @throws (rejects) when neither the browser's nor ZXing's can load (its .wasm unreachable).
 */
export function loadQrDetector(): Promise<QrDetector> {
  loading ??= load().catch((error: unknown) => {
    // A failed load (the .wasm not cached yet, offline) may succeed on the next scan.
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<QrDetector> {
  const native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (native && (await native.getSupportedFormats()).includes('qr_code')) {
    return new native({ formats: ['qr_code'] });
  }
  const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
    import('barcode-detector/ponyfill'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ]);
  // Loaded now rather than at the first frame, so a missing .wasm shows as "the camera does not
  // open" with the typed code offered, instead of a scanner that never finds anything.
  await prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
    },
    fireImmediately: true,
  });
  return new BarcodeDetector({ formats: ['qr_code'] });
}
