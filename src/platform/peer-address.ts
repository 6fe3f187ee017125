import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The socket's remote address, carried to pages, route handlers and server actions in a request
 * header. Next.js 16 sets `x-forwarded-for` to the socket address only when the request has none
 * (base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so a client that
 * sends its own header hides the machine that really connected. Node publishes every request on
 * the diagnostics channel `http.server.request.start` synchronously before the server's
 * 'request' event, so the header is set before Next reads the request and overwrites whatever a
 * client sent under that name.
 */
export const PEER_HEADER = 'x-lr-peer-address';

const installedKey = Symbol.for('lr.peerAddressHook');
type Flagged = Record<symbol, boolean | undefined>;

interface RequestStart {
  request: IncomingMessage;
  socket: Socket;
}

/** Installed once per process, from instrumentation.ts (before the first request is served). */
export function installPeerAddressHook(): void {
  if ((globalThis as Flagged)[installedKey]) return;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as RequestStart;
    request.headers[PEER_HEADER] = socket.remoteAddress ?? '';
  });
  (globalThis as Flagged)[installedKey] = true;
}

/**
 * Whether the header can be believed: only when this process set it. Without the hook (a test,
 * a script) a client could have sent it.
 */
export function peerAddressHookInstalled(): boolean {
  return (globalThis as Flagged)[installedKey] === true;
}
