import WebSocket from "ws";
import { ROUTER_SIGNATURE_HEADER, type RouterSigner } from "./routerSignature.ts";

/**
 * A `ws` WebSocket class whose upgrade request carries a fresh router signature (a GET with no body),
 * for graphql-ws' `webSocketImpl`: every connection, reconnections included, is signed when opened.
 */
export function signedWebSocket(signer: RouterSigner): typeof WebSocket {
  // graphql-ws constructs it as `new Impl(url, protocol)`; ws' null-address (server-side) form is unused.
  return class SignedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      const url = new URL(address);
      super(url, protocols, {
        headers: {
          [ROUTER_SIGNATURE_HEADER]: signer.sign({
            method: "GET",
            path: `${url.pathname}${url.search}`,
            body: "",
          }),
        },
      });
    }
  } as unknown as typeof WebSocket;
}
