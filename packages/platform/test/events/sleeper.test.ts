import { describe, expect, it } from "vitest";
import { Sleeper } from "../../src/events/sleeper.ts";

describe("Sleeper", () => {
  it("ends a sleep early on wake()", async () => {
    const sleeper = new Sleeper();
    const started = Date.now();
    const sleeping = sleeper.sleep(60_000);
    sleeper.wake();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("keeps a wake that came while nobody slept for the next sleep, once", async () => {
    const sleeper = new Sleeper();
    sleeper.wake();
    const outcome = await Promise.race([
      sleeper.sleep(60_000).then(() => "woken"),
      new Promise((resolve) => setTimeout(() => resolve("slept"), 500)),
    ]);
    expect(outcome).toBe("woken");
    const second = await Promise.race([
      sleeper.sleep(200).then(() => "slept its time"),
      new Promise((resolve) => setTimeout(() => resolve("still asleep"), 100)),
    ]);
    expect(second).toBe("still asleep");
  });
});
