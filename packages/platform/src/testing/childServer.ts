import type { ChildProcess } from "node:child_process";
import { connect as tcpConnect } from "node:net";

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
const accepts = (port: number): Promise<boolean> =>
  new Promise<boolean>((resolve) => {
    const socket = tcpConnect({ host: "127.0.0.1", port });
    socket.once("connect", () => resolve(socket.end() && true));
    socket.once("error", () => resolve(false));
  });

/** Polls `check` every 25 ms until it holds; throws `<what> after <timeout> ms` past the deadline. */
async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A server process a test starts, stops and signals, always on the same port. */
export interface ChildServer {
  /** Spawns it and resolves once it accepts connections on the port. */
  start(): Promise<void>;
  /** The stop signal (after SIGCONT, in case it was frozen), resolving once it exited. */
  stop(): Promise<void>;
  signal(signal: NodeJS.Signals): void;
}

export interface ChildServerOptions {
  /** Why it ended at once (e.g. its stderr), for the error when it exits before listening. */
  exitDetail?: () => string;
  /** How `stop` ends it (default SIGTERM; Postgres stops at once on SIGINT, a "fast" shutdown). */
  stopSignal?: NodeJS.Signals;
  /** How long `start` waits for the port (default 10,000 ms). */
  startTimeoutMs?: number;
}

/** `spawnChild` starts the process. */
export function childServer(
  name: string,
  port: number,
  spawnChild: () => ChildProcess,
  { exitDetail = () => "", stopSignal = "SIGTERM", startTimeoutMs }: ChildServerOptions = {},
): ChildServer {
  let child: ChildProcess | undefined;
  return {
    start: async () => {
      const started = spawnChild();
      child = started;
      await waitUntil(
        async () => {
          // A configuration the server refuses ends it at once; say why instead of waiting for the port.
          if (started.exitCode !== null) throw new Error(`${name} exited: ${exitDetail().trim()}`);
          return accepts(port);
        },
        `${name} did not listen on ${port}`,
        startTimeoutMs,
      );
    },
    stop: async () => {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGCONT");
      running.kill(stopSignal);
      await exited;
    },
    signal: (signal) => {
      child?.kill(signal);
    },
  };
}
