import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresSearchIndex } from "../../src/search/postgresSearchIndex.ts";
import type { SearchIndex } from "../../src/search/searchIndex.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";

const TABLE_SQL = `
CREATE TABLE "articles" ("id" UUID PRIMARY KEY, "title" TEXT NOT NULL, "body" TEXT, "topic" TEXT NOT NULL,
  "search_vector" TSVECTOR);
CREATE INDEX "articles_search_vector_idx" ON "articles" USING GIN ("search_vector");`;

let database: EventsTestDatabase;
let index: SearchIndex;
const ids: Record<string, string> = {};
const idOf = (key: string): string => ids[key] ?? "";

async function add(key: string, title: string, body: string | null, topic = "health") {
  const id = randomUUID();
  ids[key] = id;
  await database.db.$executeRawUnsafe(
    `INSERT INTO "articles" ("id", "title", "body", "topic") VALUES ($1, $2, $3, $4)`,
    id,
    title,
    body,
    topic,
  );
  await index.index({ id, fields: { title, body } });
}

const search = (query: string, options: { first?: number; after?: string | null; topic?: string } = {}) =>
  index.search(query, { first: options.first ?? 10, after: options.after, filter: { topic: options.topic } });

beforeAll(async () => {
  database = await createEventsTestDatabase({ prefix: "search_t", extraSql: TABLE_SQL });
  index = postgresSearchIndex(database.db, {
    table: "articles",
    vector: "search_vector",
    fields: { title: { column: "title", weight: "A" }, body: { column: "body", weight: "B" } },
    filters: { topic: "topic" },
  });
  await add("guide", "降血压饮食指南", "少盐，多吃蔬菜。");
  await add("control", "如何控制高血压", "规律运动，按时服药，监测血压。");
  await add("mention", "每日饮食记录", "记录三餐。偶尔也看看血压计的读数。");
  await add("basics", "Blood-pressure basics", "What the two numbers mean.");
  await add("sugar", "Blood sugar and diet", "Pressure cookers are not covered.", "cooking");
  await add("none", "睡眠与健康", null);
});
afterAll(() => database?.close());

describe("postgresSearchIndex", () => {
  it("finds 降血压饮食指南 for 血压, above a text that only mentions it", async () => {
    const page = await search("血压");
    const found = page.hits.map((hit) => hit.id);
    expect(found).toContain(ids.guide);
    expect(found).toContain(ids.mention);
    expect(found.indexOf(idOf("guide"))).toBeLessThan(found.indexOf(idOf("mention")));
    expect(found).not.toContain(ids.none);
  });

  it("finds 如何控制高血压 for 高血压, first, with the match marked", async () => {
    const page = await search("高血压");
    expect(page.hits[0]?.id).toBe(ids.control);
    expect(page.hits.map((hit) => hit.id)).not.toContain(ids.guide);
    const title = page.hits[0]?.snippets.title;
    expect(title?.matches.map((m) => title.text.slice(m.start, m.end))).toEqual(["高血压"]);
  });

  it('finds "Blood-pressure basics" for "blood pressure", ranked above a scattered match', async () => {
    const page = await search("blood pressure");
    expect(page.hits.map((hit) => hit.id)).toEqual([ids.basics, ids.sugar]);
    const title = page.hits[0]?.snippets.title;
    expect(title?.matches.map((m) => title.text.slice(m.start, m.end))).toEqual(["Blood", "pressure"]);
  });

  it("applies filters", async () => {
    const page = await search("blood pressure", { topic: "cooking" });
    expect(page.hits.map((hit) => hit.id)).toEqual([ids.sugar]);
  });

  it("pages by relevance with a cursor, and refuses a foreign cursor", async () => {
    const first = await search("血压", { first: 1 });
    expect(first.hasNextPage).toBe(true);
    const second = await search("血压", { first: 10, after: first.endCursor });
    const all = await search("血压");
    expect([...first.hits, ...second.hits].map((hit) => hit.id)).toEqual(all.hits.map((hit) => hit.id));
    await expect(search("血压", { after: "bm9wZQ" })).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "after" },
    });
  });

  it("forgets a removed document and reindexes a changed one", async () => {
    await index.remove(idOf("mention"));
    expect((await search("血压")).hits.map((hit) => hit.id)).not.toContain(ids.mention);
    await index.index({ id: idOf("none"), fields: { title: "睡眠与血压", body: null } });
    expect((await search("血压")).hits.map((hit) => hit.id)).toContain(ids.none);
  });

  it("refuses an empty query", async () => {
    await expect(search("  ")).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "search" },
    });
  });
});
