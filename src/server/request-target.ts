/**
 * The path of an HTTP request's target, read without throwing. Node hands the request-target over
 * as the client wrote it: origin-form (`/api/x?y`), absolute-form (`http://host/x`, RFC 9112
 * §3.2.2), or anything its parser let through, such as `http://[` (an unclosed IPv6 literal) that
 * makes `new URL()` throw. Shared by the HTTP handler and the WebSocket upgrade listener, so both
 * answer an unreadable target the same way: 400.
 */
import type { IncomingMessage } from 'node:http';

type RequestLine = Pick<IncomingMessage, 'url' | 'headers'>;

/**
 * The request's pathname, still percent-encoded as WHATWG URL leaves it (`/a%20b`), or undefined
 * when the target cannot be parsed as a URL. Query and fragment are dropped.
 */
export function requestPathname(request: Pick<IncomingMessage, 'url'>): string | undefined {
  return parse(request.url, 'http://localhost')?.pathname;
}

/**
 * The URL of an upgrade request as crossws builds it for Hocuspocus (`http://` + Host + target,
 * crossws `NodeReqProxy`), or undefined when that does not parse: Hocuspocus would otherwise throw
 * reading its query parameters on every message of the socket. An invalid Host is a 400 anyway
 * (RFC 9112 §3.2).
 */
export function upgradeUrl(request: RequestLine): URL | undefined {
  if (requestPathname(request) === undefined) return undefined;
  return parse(`http://${request.headers.host ?? 'localhost'}${request.url ?? ''}`);
}

function parse(target: string | undefined, base?: string): URL | undefined {
  if (target === undefined || target === '') return undefined;
  // URL.parse answers null instead of throwing, but only from Node 22; canParse is in Node 20.
  return URL.canParse(target, base) ? new URL(target, base) : undefined;
}
