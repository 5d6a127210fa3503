import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EcHarness, startEcSubgraph } from "./harness.ts";

let h: EcHarness;
const ids: Record<string, string> = {};
let books: string;
let devices: string;

beforeAll(async () => {
  h = await startEcSubgraph();
  books = await h.category("书籍");
  devices = await h.category("Devices");
  ids.guide = await h.product(books, { name: "降血压饮食指南", description: "少盐少油，多吃蔬菜水果。" });
  ids.control = await h.product(books, { name: "如何控制高血压", description: "运动、睡眠与按时服药。" });
  ids.diary = await h.product(books, { name: "饮食日记", description: "记录三餐，也可以记下每天的血压。" });
  ids.basics = await h.product(devices, {
    name: "Blood-pressure basics",
    description: "A starter kit with a cuff.",
  });
  ids.sugar = await h.product(devices, { name: "Glucose meter", description: "Blood sugar, not pressure." });
  ids.draft = await h.product(books, { name: "血压手册（草稿）", status: "DRAFT" });
});
afterAll(() => h?.close());

const SEARCH = `query Search($search: String!, $categoryId: ID, $first: Int, $after: String) {
  products(search: $search, categoryId: $categoryId, first: $first, after: $after) {
    nodes { id name highlight { name { text matches { start end } } description { text matches { start end } } } }
    pageInfo { endCursor hasNextPage }
  }
}`;
interface Range {
  start: number;
  end: number;
}
interface Hit {
  id: string;
  name: string;
  highlight: {
    name: { text: string; matches: Range[] } | null;
    description: { text: string; matches: Range[] } | null;
  };
}
type Search = { products: { nodes: Hit[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };

async function search(variables: Record<string, unknown>) {
  const result = await h.request<Search>(SEARCH, variables);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.products;
}

const marked = (field: { text: string; matches: Range[] } | null) =>
  field?.matches.map((range) => field.text.slice(range.start, range.end)) ?? [];

describe("product search", () => {
  it("finds 降血压饮食指南 for 血压, ranked above a product that only mentions it, drafts left out", async () => {
    const found = (await search({ search: "血压" })).nodes;
    expect(found).toHaveLength(3);
    expect(found.map((node) => node.id)).toEqual(expect.arrayContaining([ids.guide, ids.control, ids.diary]));
    expect(found.at(-1)?.id).toBe(ids.diary);
    expect(found.map((node) => node.id)).not.toContain(ids.draft);
    expect(marked(found[0]?.highlight.name ?? null)).toEqual(["血压"]);
  });

  it("finds 如何控制高血压 for 高血压, with the match highlighted", async () => {
    const found = (await search({ search: "高血压" })).nodes;
    expect(found.map((node) => node.id)).toEqual([ids.control]);
    expect(marked(found[0]?.highlight.name ?? null)).toEqual(["高血压"]);
  });

  it('finds "Blood-pressure basics" for "blood pressure", first', async () => {
    const found = (await search({ search: "blood pressure" })).nodes;
    expect(found.map((node) => node.id)).toEqual([ids.basics, ids.sugar]);
    expect(marked(found[0]?.highlight.name ?? null)).toEqual(["Blood", "pressure"]);
    expect(marked(found[1]?.highlight.description ?? null)).toEqual(["Blood", "pressure"]);
  });

  it("searches within a category, page by page", async () => {
    expect((await search({ search: "blood pressure", categoryId: books })).nodes).toEqual([]);
    const first = await search({ search: "血压", first: 1 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await search({ search: "血压", first: 10, after: first.pageInfo.endCursor });
    const all = await search({ search: "血压" });
    expect([...first.nodes, ...rest.nodes].map((n) => n.id)).toEqual(all.nodes.map((n) => n.id));
  });

  it("finds a product by its new name after an update", async () => {
    await h.asAdmin(
      `mutation U($id: ID!) { updateProduct(id: $id, input: { name: "Cuff for arms" }) { id } }`,
      {
        id: ids.sugar,
      },
    );
    expect((await search({ search: "cuff arm" })).nodes.map((n) => n.id)).toEqual([ids.sugar]);
  });

  it("refuses an empty search as BAD_USER_INPUT on search", async () => {
    const result = await h.request(SEARCH, { search: " ！？ " });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "search" });
  });
});
