import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { FeedUpdatedDocument, ServiceOfferingsDocument } from "../src/generated/graphql.ts";
import { documentIdOf, documentTextOf, persistedRequest } from "../src/persistedRequest.ts";

const committedManifest = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "..", "..", "schema", "persisted-documents.json"), "utf8"),
) as Record<string, string>;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("persistedRequest", () => {
  it("sends the committed manifest's id, whose document is the operation", () => {
    const request = persistedRequest(ServiceOfferingsDocument, { filter: { region: "shanghai" }, first: 10 });
    expect(request.operationName).toBe("ServiceOfferings");
    expect(request.variables).toEqual({ filter: { region: "shanghai" }, first: 10 });
    const text = committedManifest[request.documentId];
    expect(text, "the id is not in schema/persisted-documents.json").toBeDefined();
    expect(sha256(text ?? "")).toBe(request.documentId);
    expect(text).toContain("query ServiceOfferings(");
  });

  it("refuses a document codegen did not give an id", () => {
    const adHoc = parse("query Topics { feedTopics }") as TypedDocumentNode<unknown, Record<string, never>>;
    expect(() => persistedRequest(adHoc, {})).toThrow(/no persisted id/);
  });
});

describe("documentTextOf", () => {
  it("gives the manifest's exact text, which hashes to the document's id", () => {
    const text = documentTextOf(FeedUpdatedDocument);
    expect(sha256(text)).toBe(documentIdOf(FeedUpdatedDocument));
    expect(text).toMatch(/subscription FeedUpdated \{ feedUpdated \{ \.\.\.ActivityCard \} \}$/);
  });
});
