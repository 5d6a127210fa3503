import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake does with one request. */
export type ChatBehaviour =
  /** Streams `pieces` then [DONE]; with `after`, only once it resolves (a test holds the task RUNNING). */
  | { kind: "stream"; pieces: string[]; after?: Promise<void> }
  | { kind: "status"; status: number }
  /** Sends `pieces`, then holds the stream open until the client goes away. */
  | { kind: "hang"; pieces: string[] };

export interface ChatRequestSeen {
  authorization: string | undefined;
  body: { model?: string; stream?: boolean; messages?: Array<{ role: string; content: string }> };
  /** Resolves when the client closed the connection before the response ended. */
  aborted: Promise<void>;
}

/**
 * A real HTTP server on a free port speaking the OpenAI-compatible chat-completions streaming API:
 * each request takes the next scripted behaviour (a stream by default), in order.
 */
export async function startFakeChatServer() {
  const script: ChatBehaviour[] = [];
  const seen: ChatRequestSeen[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const part of req) raw += part;
    let abortedResolve = () => {};
    const aborted = new Promise<void>((resolve) => {
      abortedResolve = resolve;
    });
    res.on("close", () => {
      if (!res.writableFinished) abortedResolve();
    });
    seen.push({ authorization: req.headers.authorization, body: JSON.parse(raw || "{}"), aborted });
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404).end();
      return;
    }
    const behaviour = script.shift() ?? { kind: "stream", pieces: ["Hello", ", ", "world."] };
    if (behaviour.kind === "status") {
      res.writeHead(behaviour.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `scripted ${behaviour.status}` } }));
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = (content: string) =>
      res.write(
        `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content } }] })}\n\n`,
      );
    res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { role: "assistant" } }] })}\n\n`);
    if (behaviour.kind === "stream" && behaviour.after) await behaviour.after;
    for (const piece of behaviour.pieces) send(piece);
    if (behaviour.kind === "hang") return;
    res.end("data: [DONE]\n\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The base URL to give as AI_PROVIDER_URL. */
    url: `http://127.0.0.1:${port}/v1`,
    script,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeChatServer = Awaited<ReturnType<typeof startFakeChatServer>>;
