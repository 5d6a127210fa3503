// Child process of `npm run bench:live`: the fan-out baseline. A bare graphql-ws server (`useServer`
// on `ws`, one process, no auth, no federation) with one in-process async-generator event source,
// serving the same selection shape the router bench subscribes to:
//   subscription { orderAvailable { id order { id createdAt } } }
import { createServer } from "node:http";
import { buildSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
// Straight from the file: the server entry point would load Apollo into the baseline's memory.
import {
  nextMessageHead,
  nextMessageTail,
  writeNextFrame,
} from "../../packages/platform/src/server/nextFrames.ts";
import { listenerStreams } from "./listenerStream.ts";
import { type ProcessMemory, processMemory } from "./processMemory.ts";

/** `frames`: the floor instead of graphql-ws, each event one prebuilt `next` frame written to every socket. */
export type BareRequest =
  | { type: "burst"; id: number; events: number; frames?: boolean }
  | { type: "memory"; id: number };
export type BareReport =
  | { type: "ready"; url: string }
  | { type: "burst"; id: number }
  | { type: "memory"; id: number; memory: ProcessMemory & { sockets: number } };

interface Event {
  id: string;
  order: { id: string; createdAt: string };
}

const { emit, subscribe: orderAvailable } = listenerStreams<Event, "orderAvailable">("orderAvailable");

const schema = buildSchema(`
  type Order { id: ID! createdAt: String! }
  type OrderNotification { id: ID! order: Order! }
  type Query { ok: Boolean }
  type Subscription { orderAvailable: OrderNotification! }
`);
const roots = { subscription: { orderAvailable } };

const send = (message: BareReport) => process.send!(message);

/**
 * The floor of a fan-out in one process: no execution and no per-socket serialization, the event's
 * `next` message built once and written to every socket as one frame, as the router writes its groups'
 * events (`writeNextFrame`). Every light subscriber subscribed as operation "1".
 */
const HEAD = nextMessageHead("1");
const written = () => {};
function writeFrames(wss: WebSocketServer, event: Event): void {
  const tail = nextMessageTail(JSON.stringify({ data: { orderAvailable: event } }));
  for (const socket of wss.clients) writeNextFrame(socket, HEAD, tail, written);
}

async function main() {
  const server = createServer();
  const wss = new WebSocketServer({ server, path: "/graphql" });
  useServer(
    {
      schema,
      roots: roots as never,
    },
    wss,
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  let seq = 0;
  process.on("message", (message: BareRequest) => {
    if (message.type === "burst") {
      for (let i = 0; i < message.events; i++) {
        seq++;
        const event = { id: `n${seq}`, order: { id: `o${seq}`, createdAt: new Date().toISOString() } };
        if (message.frames) writeFrames(wss, event);
        else emit(event);
      }
      send({ type: "burst", id: message.id });
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
