/** Small JSON helpers for the API: bounded bodies, `{ error: code }` refusals. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** Contacts for a whole perimeter fit easily; anything larger is a mistake or an attack. */
const MAX_BODY_BYTES = 512 * 1024;

/** Refuses bytes that are not UTF-8 rather than reading them as U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request's body as JSON, read to its end.
 * @throws HttpError 413 `too-large` when the declared or received body exceeds `maxBytes`, before
 *   reading more of it; 400 `invalid-json` when it is not UTF-8 JSON (RFC 8259 §8.1); whatever
 *   the request stream fails with when the client goes away mid-body.
 */
export async function readJson(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw new HttpError(413, 'too-large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, 'too-large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(utf8.decode(Buffer.concat(chunks)));
  } catch {
    throw new HttpError(400, 'invalid-json');
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

/** `{ error: code }` with the HttpError's status, or 500 `internal` for anything else (logged by the caller). */
export function sendError(response: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) sendJson(response, error.status, { error: error.code });
  else sendJson(response, 500, { error: 'internal' });
}
