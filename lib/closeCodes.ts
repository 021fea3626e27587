/**
 * WebSocket close codes of the Yjs endpoint. y-websocket treats 4400–4499 as final (it stops
 * reconnecting and emits `closed`); codes below 4400 ask the client to reconnect and resync.
 * A refused update is not a close: the server answers it in band (`lib/boardNotices.ts`) and
 * keeps the connection, so the client drops that change instead of resending it forever
 * (4000 used to close it; it is no longer sent).
 */
export const CLOSE_CODES = {
  /** The room could not be loaded or stored; try again shortly. */
  roomUnavailable: 4001,
  /** The server is stopping; reconnect to its successor. */
  serverStopping: 4002,
  /** Too many messages (or sync requests); reconnect after backing off. */
  rateLimited: 4008,
  /** This participant opened more connections than allowed: the oldest makes way; reconnect if still wanted. */
  tooManyConnections: 4009,
  /** The server holds too many half-received messages; this connection held the most. Reconnect shortly. */
  overloaded: 4013,
  /** A message that does not parse as the y-websocket protocol. Final. */
  malformed: 4400,
  /** The token is unknown or was revoked. Final. */
  unauthorized: 4401,
  /** The facilitator removed this participant. Final. */
  kicked: 4403,
  /** The workshop does not exist (any more). Final. */
  roomNotFound: 4404,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Codes after which reconnecting is pointless. */
export function isFinalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500;
}
