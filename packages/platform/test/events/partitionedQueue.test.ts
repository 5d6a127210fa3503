import { describe, expect, it } from "vitest";
import { PartitionedQueue } from "../../src/events/partitionedQueue.ts";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("PartitionedQueue", () => {
  it("keeps one key's items in order and batches what waits while a worker is busy", async () => {
    const batches: string[][] = [];
    const queue = new PartitionedQueue<string>(1, 10, async (batch) => {
      batches.push(batch);
      await tick(20);
    });
    for (let i = 0; i < 12; i++) await queue.push("a", `a${i}`);
    await queue.close();
    expect(batches.flat()).toEqual(Array.from({ length: 12 }, (_, i) => `a${i}`));
    expect(batches[0]).toEqual(["a0"]);
    expect(batches.every((batch) => batch.length <= 10)).toBe(true);
    expect(batches.length).toBeLessThan(12);
  });

  it("runs partitions side by side, one worker each", async () => {
    let active = 0;
    let peak = 0;
    const seen: string[] = [];
    const queue = new PartitionedQueue<string>(4, 1, async ([item]) => {
      active++;
      peak = Math.max(peak, active);
      await tick(10);
      seen.push(item!);
      active--;
    });
    const keys = Array.from({ length: 40 }, (_, i) => `key-${i}`);
    await Promise.all(keys.map((key) => queue.push(key, key)));
    await queue.close();
    expect(seen.sort()).toEqual([...keys].sort());
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(4);
  });

  it("makes a producer wait while its partition is full", async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = new PartitionedQueue<number>(1, 2, () => blocked);
    await queue.push("k", 0);
    await tick(1);
    for (let i = 1; i <= 4; i++) await queue.push("k", i);
    let fifthQueued = false;
    const fifth = queue.push("k", 5).then(() => {
      fifthQueued = true;
    });
    await tick(10);
    expect(fifthQueued).toBe(false);
    release();
    await fifth;
    await queue.close();
  });
});
