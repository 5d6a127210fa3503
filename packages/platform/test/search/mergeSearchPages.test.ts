import { describe, expect, it } from "vitest";
import { decodeSearchCursor } from "../../src/search/searchIndex.ts";
import { mergeSearchPages } from "../../src/search/searchRows.ts";

const page = (nodes: Array<{ id: string; score: number }>, hasNextPage = false) => ({
  nodes,
  hasNextPage,
  endCursor: null,
});
const key = (node: { id: string; score: number }) => node;

describe("mergeSearchPages", () => {
  it("interleaves pages by score, then id, both descending, and cuts at first", () => {
    const merged = mergeSearchPages(
      [
        page([
          { id: "c", score: 0.9 },
          { id: "a", score: 0.5 },
        ]),
        page([
          { id: "d", score: 0.5 },
          { id: "b", score: 0.1 },
        ]),
      ],
      3,
      key,
    );
    expect(merged.nodes.map((n) => n.id)).toEqual(["c", "d", "a"]);
    expect(merged.hasNextPage).toBe(true);
    expect(decodeSearchCursor(merged.endCursor as string, "after")).toEqual({ score: 0.5, id: "a" });
  });

  it("has a next page when any index has one, and none when all fit", () => {
    expect(mergeSearchPages([page([{ id: "a", score: 1 }]), page([], true)], 5, key).hasNextPage).toBe(true);
    const all = mergeSearchPages([page([{ id: "a", score: 1 }]), page([])], 5, key);
    expect(all.hasNextPage).toBe(false);
    expect(mergeSearchPages([page([]), page([])], 5, key)).toEqual({
      nodes: [],
      hasNextPage: false,
      endCursor: null,
    });
  });
});
