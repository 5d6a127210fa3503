import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Listens on `port` (0 picks a free one) and resolves to the origin, e.g. `http://127.0.0.1:4000`. */
export function listenOn(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve(`http://${host}:${bound}`);
    });
  });
}
