/**
 * The QR relay's pace. The sender shows a new frame RELAY_FRAMES_PER_S times a second: slow enough
 * that a phone's camera (30 frames a second) catches each one sharp at least once and its detector
 * (the browser's BarcodeDetector, or ZXing in WebAssembly, a few tens of milliseconds a frame)
 * keeps up; a missed frame costs only time, the fountain code makes up for it
 * (sync/relay-frames.ts). The figures: bench/qr-relay.ts.
 */
export const RELAY_FRAMES_PER_S = 6;

/** No new frame read for this long: the receiver says the transfer stalled and how to go on. */
export const RELAY_STALL_MS = 8000;

/**
 * Every frame is drawn at this QR version (ISO/IEC 18004, level M: 535 bytes), the one the largest
 * frame needs (relay-frames.ts MAX_FRAME_CHARS): the code keeps one size, so the reader's camera
 * never has to refocus or reframe between frames.
 */
export const RELAY_QR_VERSION = 17;
