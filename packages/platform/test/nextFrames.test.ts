import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { nextMessageHead, nextMessageTail, writeNextFrame } from "../src/server/nextFrames.ts";

// The frames are written under ws; a real ws client must read each as the message ws.send would send.
describe("writeNextFrame", () => {
  let server: WebSocketServer;
  let serverSide: WebSocket;
  let client: WebSocket;

  beforeAll(async () => {
    server = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
    await once(server, "listening");
    const accepted = once(server, "connection");
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    [serverSide] = (await accepted) as [WebSocket];
    await once(client, "open");
  });

  afterAll(async () => {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const receive = () =>
    new Promise<{ text: string; isBinary: boolean }>((resolve) =>
      client.once("message", (data, isBinary) => resolve({ text: String(data), isBinary })),
    );

  // One length for each header size: 7-bit, 16-bit and 64-bit payload lengths (RFC 6455 §5.2).
  it.each([
    ["a short message", 10],
    ["a message over 125 bytes", 300],
    ["a message over 64 KiB", 70_000],
  ])("sends %s as one text message: head, shared tail", async (_, size) => {
    const result = JSON.stringify({ data: { note: "é".repeat(size / 2) } });
    const head = nextMessageHead("op-1");
    const tail = nextMessageTail(result);
    const received = receive();
    let written = false;
    writeNextFrame(serverSide, head, tail, () => {
      written = true;
    });
    const { text, isBinary } = await received;
    expect(isBinary).toBe(false);
    expect(JSON.parse(text)).toEqual({ id: "op-1", type: "next", payload: JSON.parse(result) });
    expect(written).toBe(true);
  });

  it("keeps order with ws's own messages on the same socket", async () => {
    const texts: string[] = [];
    const all = new Promise<void>((resolve) =>
      client.on("message", (data) => {
        texts.push(String(data));
        if (texts.length === 3) resolve();
      }),
    );
    serverSide.send('{"type":"ping"}');
    writeNextFrame(serverSide, nextMessageHead("2"), nextMessageTail('{"data":{"n":1}}'), () => {});
    serverSide.send('{"id":"2","type":"complete"}');
    await all;
    expect(texts.map((text) => JSON.parse(text).type)).toEqual(["ping", "next", "complete"]);
  });
});
