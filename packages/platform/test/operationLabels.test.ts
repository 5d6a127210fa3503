import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  errorCodeLabel,
  isServerFault,
  operationLabel,
  operationLabelFromManifest,
} from "../src/server/operationLabels.ts";

const dir = mkdtempSync(join(tmpdir(), "operation-labels-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("operation labels", () => {
  const label = operationLabel(new Set(["AvailableOrders", "GrabOrder"]));

  it("name the operations the platform ships, and count anything else as other", () => {
    expect(label("AvailableOrders")).toBe("AvailableOrders");
    expect(label("SomethingAClientMadeUp")).toBe("other");
    expect(label(`Id${"x".repeat(500)}`)).toBe("other");
  });

  it("count unnamed operations as anonymous", () => {
    expect(label(null)).toBe("anonymous");
    expect(label(undefined)).toBe("anonymous");
    expect(label("")).toBe("anonymous");
  });

  it("count a gateway fetch (<Operation>__<subgraph>__<n>) under the client's operation", () => {
    expect(label("AvailableOrders__trade__0")).toBe("AvailableOrders");
    expect(label("GrabOrder__trade__12")).toBe("GrabOrder");
    expect(label("MadeUp__trade__0")).toBe("other");
  });

  it("read the names from a persisted-documents manifest, fragments aside", () => {
    const manifest = join(dir, "persisted-documents.json");
    writeFileSync(
      manifest,
      JSON.stringify({
        a: "query Feed($first: Int) { feed(first: $first) { ...Card } } fragment Card on Activity { id }",
        b: "mutation GrabOrder($id: ID!) { grabOrder(orderId: $id) { id } }",
        c: "subscription OrderAvailable { orderAvailable { id } }",
      }),
    );
    const fromManifest = operationLabelFromManifest(manifest);
    expect(["Feed", "GrabOrder", "OrderAvailable", "Card"].map(fromManifest)).toEqual([
      "Feed",
      "GrabOrder",
      "OrderAvailable",
      "other",
    ]);
  });

  it("count every named operation as other when there is no manifest", () => {
    expect(operationLabelFromManifest(join(dir, "missing.json"))("Feed")).toBe("other");
  });
});

describe("error code labels", () => {
  it("keep the platform's and Apollo's codes and fold anything else into OTHER", () => {
    expect(errorCodeLabel("NOT_FOUND")).toBe("NOT_FOUND");
    expect(errorCodeLabel("GRAPHQL_VALIDATION_FAILED")).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(errorCodeLabel("SOME_SUBGRAPH_INVENTION")).toBe("OTHER");
    expect(errorCodeLabel(42)).toBe("OTHER");
  });

  it("tell the platform's faults from the caller's", () => {
    expect(
      ["INTERNAL", "UNAVAILABLE", "SUBGRAPH_TIMEOUT", "SUBGRAPH_UNAVAILABLE", "OTHER"].every(isServerFault),
    ).toBe(true);
    expect(
      ["BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN", "RATE_LIMITED", "LIMIT_EXCEEDED"].some(isServerFault),
    ).toBe(false);
  });
});
