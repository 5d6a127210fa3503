import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors/appError.ts";
import { MAX_QUERY_LENGTH, parseSearchQuery, toSearchText } from "../../src/search/query.ts";

const codeAndField = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return [error.extensions.code, error.extensions.field];
    throw error;
  }
  throw new Error("expected an AppError");
};

describe("parseSearchQuery", () => {
  it("needs every term of an English query", () => {
    expect(parseSearchQuery("Blood pressure").tsquery).toBe("'blood' & 'pressure'");
  });

  it("needs every character pair of a Chinese query", () => {
    expect(parseSearchQuery("高血压").tsquery).toBe("'高血' & '血压'");
  });

  it("joins mixed queries", () => {
    expect(parseSearchQuery("低盐 diet").tsquery).toBe("'低盐' & 'diet'");
  });

  it("refuses an empty or punctuation-only query as BAD_USER_INPUT naming the field", () => {
    expect(codeAndField(() => parseSearchQuery("   "))).toEqual(["BAD_USER_INPUT", "search"]);
    expect(codeAndField(() => parseSearchQuery("?!，", "filter.text"))).toEqual([
      "BAD_USER_INPUT",
      "filter.text",
    ]);
  });

  it("refuses a query that is too long", () => {
    expect(codeAndField(() => parseSearchQuery("a".repeat(MAX_QUERY_LENGTH + 1)))).toEqual([
      "BAD_USER_INPUT",
      "search",
    ]);
  });

  it("leaves no quote or operator of the user's in the tsquery", () => {
    expect(parseSearchQuery("a' | b & !c:*").tsquery).toBe("'a' & 'b' & 'c'");
  });
});

describe("toSearchText", () => {
  it("is the document's terms separated by spaces, empty for no text", () => {
    expect(toSearchText("Blood-pressure")).toBe("blood pressure");
    expect(toSearchText(null)).toBe("");
  });
});
