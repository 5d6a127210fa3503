// Child processes (platform, router, bare server) with a tiny request/response protocol over IPC.
import { type ChildProcess, fork } from "node:child_process";
import { basename, isAbsolute, join, relative } from "node:path";
import { bundleEntry } from "../../scripts/bundle.mjs";

const REPO_ROOT = join(import.meta.dirname, "../..");

export interface Child<Req, Rep> {
  process: ChildProcess;
  ready: Promise<Rep>;
  call(request: Req extends unknown ? Omit<Req, "id"> : never): Promise<Rep>;
}

/**
 * Forks `file` (beside this one, or an absolute path: another bench's child). `compiled`: bundled
 * first the way `npm start` ships the router (scripts/bundle.mjs) and run by plain Node, as the servers
 * whose memory is compared both are; otherwise run from source through tsx.
 */
export async function startChild<Req extends { id: number }, Rep extends { type: string }>(
  file: string,
  { compiled = false, execArgv = [] as string[] } = {},
): Promise<Child<Req, Rep>> {
  const entry = compiled
    ? await bundleEntry({
        entry: isAbsolute(file) ? relative(REPO_ROOT, file) : join("bench/live", file),
        outfile: join(import.meta.dirname, "dist", basename(file).replace(/\.ts$/, ".mjs")),
      })
    : isAbsolute(file)
      ? file
      : join(import.meta.dirname, file);
  const child = fork(entry, [], {
    cwd: REPO_ROOT,
    execArgv: [
      ...(compiled ? [] : ["--import", "tsx"]),
      "--expose-gc",
      "--max-old-space-size=8192",
      ...execArgv,
    ],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
  });
  const waiting = new Map<number, (report: Rep) => void>();
  let nextId = 1;
  const ready = new Promise<Rep>((resolve, reject) => {
    child.on("message", (message: Rep & { id?: number }) => {
      if (message.type === "ready") resolve(message);
      else if (message.id !== undefined) {
        waiting.get(message.id)?.(message);
        waiting.delete(message.id);
      }
    });
    child.on("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return {
    process: child,
    ready,
    call: (request) =>
      new Promise<Rep>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        child.send({ ...request, id });
      }),
  };
}
