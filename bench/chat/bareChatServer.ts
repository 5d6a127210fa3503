// Child process of `npm run bench:chat`: the baseline. A bare graphql-ws server (`useServer` on `ws`,
// one process, no auth, no federation, no database) with a trivial in-process pubsub, serving the same
// selection the router's viewers subscribe to (settings.ts LIVE_CHAT). Each `send` publishes one message.
import { createServer } from "node:http";
import { buildSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { listenerStreams } from "../live/listenerStream.ts";
import { type ProcessMemory, processMemory } from "../live/processMemory.ts";

export type BareChatRequest = { type: "send"; id: number } | { type: "memory"; id: number };
export type BareChatReport =
  | { type: "ready"; url: string }
  | { type: "sent"; id: number }
  | { type: "memory"; id: number; memory: ProcessMemory & { sockets: number } };

interface ChatEvent {
  kind: "MESSAGE";
  message: { id: string; text: string; createdAt: string; sender: { id: string; displayName: string } };
}

const { emit, subscribe: liveChat } = listenerStreams<ChatEvent, "liveChat">("liveChat");

const schema = buildSchema(`
  type User { id: ID! displayName: String! }
  type ChatMessage { id: ID! text: String! createdAt: String! sender: User! }
  enum ChatEventKind { MESSAGE DELETED VIEWERS }
  type ChatEvent { kind: ChatEventKind! message: ChatMessage }
  type Query { ok: Boolean }
  type Subscription { liveChat(streamId: ID!): ChatEvent! }
`);

const send = (message: BareChatReport) => process.send!(message);

async function main() {
  const server = createServer();
  const wss = new WebSocketServer({ server, path: "/graphql" });
  useServer({ schema, roots: { subscription: { liveChat } } as never }, wss);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  let seq = 0;
  process.on("message", (message: BareChatRequest) => {
    if (message.type === "send") {
      seq++;
      const event: ChatEvent = {
        kind: "MESSAGE",
        message: {
          id: `m${seq}`,
          text: `message ${seq}`,
          createdAt: new Date().toISOString(),
          sender: { id: "host", displayName: "Bench Host" },
        },
      };
      emit(event);
      send({ type: "sent", id: message.id });
    } else if (message.type === "memory") {
      void processMemory().then((memory) =>
        send({ type: "memory", id: message.id, memory: { ...memory, sockets: wss.clients.size } }),
      );
    }
  });
  send({ type: "ready", url: `ws://127.0.0.1:${address.port}/graphql` });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
