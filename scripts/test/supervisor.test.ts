import { afterEach, describe, expect, it } from "vitest";
import { Supervisor } from "../supervisor.ts";

// npm start's supervision on real child processes: a child killed from outside is restarted with a
// line saying why, its neighbour keeps running, and stop() drains with SIGTERM, then SIGKILLs what hangs.

const LONG_RUNNING = "setInterval(() => {}, 1000); process.on('SIGTERM', () => process.exit(0));";
const IGNORES_SIGTERM = "setInterval(() => {}, 1000); process.on('SIGTERM', () => {}); console.log('up');";

let supervisor: Supervisor | undefined;
afterEach(async () => {
  await supervisor?.stop();
  supervisor = undefined;
});

const alive = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("Supervisor", () => {
  it("restarts a killed child with backoff and says why, while the others keep running", async () => {
    const lines: string[] = [];
    supervisor = new Supervisor({ log: (line) => lines.push(line), initialBackoffMs: 100 });
    supervisor.start({ name: "trade", command: process.execPath, args: ["-e", LONG_RUNNING] });
    supervisor.start({ name: "user", command: process.execPath, args: ["-e", LONG_RUNNING] });
    await until(() => alive(supervisor?.pid("trade")) && alive(supervisor?.pid("user")), "both children");
    const [killed, neighbour] = [supervisor.pid("trade")!, supervisor.pid("user")!];

    process.kill(killed, "SIGKILL");
    await until(() => alive(supervisor?.pid("trade")) && supervisor?.pid("trade") !== killed, "a new trade");
    expect(lines).toContainEqual(
      expect.stringMatching(/^✖ trade was killed by SIGKILL after .* restarting in 0\.1 s/),
    );
    expect(supervisor.pid("user")).toBe(neighbour);
    expect(alive(neighbour)).toBe(true);

    process.kill(supervisor.pid("trade")!, "SIGKILL");
    await until(() => lines.filter((line) => line.startsWith("✖ trade")).length === 2, "a second crash line");
    expect(lines.at(-1)).toMatch(/restarting in 0\.2 s/);
  });

  it("stops every child on stop(), killing one that ignores SIGTERM after the grace time", async () => {
    const lines: string[] = [];
    supervisor = new Supervisor({ log: (line) => lines.push(line), graceMs: 500 });
    supervisor.start({ name: "router", command: process.execPath, args: ["-e", IGNORES_SIGTERM] });
    supervisor.start({ name: "auth", command: process.execPath, args: ["-e", LONG_RUNNING] });
    await until(() => lines.some((line) => line.includes("router | up")), "the router child");
    const pids = [supervisor.pid("router"), supervisor.pid("auth")];
    await supervisor.stop();
    expect(pids.map(alive)).toEqual([false, false]);
    expect(lines).toContainEqual("✖ router did not stop within 0.5 s; killing it.");
    expect(lines.some((line) => line.includes("restarting"))).toBe(false);
  });
});
