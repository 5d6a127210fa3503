import { DATA_HOLDERS } from "@health/events/privacy";
import { describe, expect, it } from "vitest";
import { exportState } from "../src/privacy/export/exportState.ts";
import { buildManifest } from "../src/privacy/export/manifest.ts";
import { snapshotThenLive } from "../src/privacy/export/updates.ts";

const row = {
  id: "0b6f9c1e-6a43-4d7e-9d38-3d1c2f2b7a10",
  userId: "4d2b3a5e-9f1c-4c8b-8e7a-1b2c3d4e5f60",
  status: "REQUESTED" as const,
  version: 3,
  requestedAt: new Date("2026-12-07T10:00:00Z"),
  readyAt: null,
  expiresAt: null,
};

describe("exportState", () => {
  it("lists the subgraphs whose part is in and those still awaited, in the catalog's order", () => {
    const state = exportState(row, [{ subgraph: "ai" }, { subgraph: "auth" }]);
    expect(state.subgraphsReady).toEqual(["auth", "ai"]);
    expect(state.subgraphsPending).toEqual(DATA_HOLDERS.filter((s) => s !== "auth" && s !== "ai"));
  });

  it("shows every subgraph ready once assembled, with or without the parts' rows", () => {
    const ready = exportState({ ...row, status: "READY" }, []);
    expect(ready.subgraphsReady).toEqual([...DATA_HOLDERS]);
    expect(ready.subgraphsPending).toEqual([]);
  });
});

describe("buildManifest", () => {
  it("names each part's file after its subgraph, with its checksum, size and counts", () => {
    const manifest = buildManifest(
      row,
      [{ subgraph: "user", sha256: "a".repeat(64), bytes: 12, sections: { healthRecords: 2 } }],
      new Date("2026-12-07T10:05:00Z"),
    );
    expect(manifest).toEqual({
      format: "health-platform/export/1",
      exportId: row.id,
      userId: row.userId,
      requestedAt: "2026-12-07T10:00:00.000Z",
      assembledAt: "2026-12-07T10:05:00.000Z",
      parts: [
        {
          subgraph: "user",
          file: "user.json",
          sha256: "a".repeat(64),
          bytes: 12,
          sections: { healthRecords: 2 },
        },
      ],
    });
  });
});

describe("snapshotThenLive", () => {
  it("gives the snapshot, then only newer updates of the same export", async () => {
    const snapshot = exportState(row, []);
    const messages = [
      { ...snapshot, version: 2 },
      { ...snapshot, id: "another", version: 9 },
      { ...snapshot, version: 4, subgraphsReady: ["auth"] },
      { ...snapshot, version: 4 },
      { ...snapshot, version: 5, status: "READY" },
    ];
    const live: AsyncIterableIterator<unknown> = {
      next: async () => {
        const value = messages.shift();
        return value ? { done: false, value } : { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => live,
    };
    const seen = [];
    for await (const state of snapshotThenLive(snapshot, live)) seen.push(state.version);
    expect(seen).toEqual([3, 4, 5]);
  });
});
