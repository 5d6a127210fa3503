import type { Socket } from "node:net";
import type WebSocket from "ws";

// A subscription event goes to thousands of sockets as the same bytes but for the operation id. A
// graphql-ws `next` message is split into what differs per operation, the head
// `{"id":…,"type":"next","payload":` (encoded once when the operation starts), and what every
// subscriber of the event shares, the tail `<result JSON>}` (encoded once per event). Each delivery
// then writes one WebSocket text frame of head + tail to the TCP socket: one small copy and one write
// per subscriber, where `ws.send` would encode the string, frame it, and write header and body apart.

/** The part of a `next` message that differs per operation. */
export const nextMessageHead = (operationId: string): Buffer =>
  Buffer.from(`{"id":${JSON.stringify(operationId)},"type":"next","payload":`);

/** The part of a `next` message every subscriber of one event shares: the result's JSON and `}`. */
export const nextMessageTail = (resultJson: string): Buffer => Buffer.from(`${resultJson}}`);

const FIN_TEXT = 0x81;

/** A single unmasked text frame (RFC 6455 §5.2; servers do not mask) holding head + tail. */
function textFrame(head: Buffer, tail: Buffer): Buffer {
  const length = head.length + tail.length;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FIN_TEXT;
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  head.copy(frame, headerLength);
  tail.copy(frame, headerLength + head.length);
  return frame;
}

/**
 * Writes head + tail as one text frame straight to the socket under `socket`. Safe beside ws's own
 * writes because the server negotiates no compression (ws then writes every frame whole, in order) and
 * this runs only while the socket is OPEN; `socket.bufferedAmount` still counts these bytes.
 */
export function writeNextFrame(
  socket: WebSocket,
  head: Buffer,
  tail: Buffer,
  written: (error?: Error | null) => void,
): void {
  const tcp = (socket as unknown as { _socket: Socket })._socket;
  tcp.write(textFrame(head, tail), written);
}
