import { describe, expect, it } from "vitest";
import { cjkBigrams, documentTerms, queryTerms, textPieces } from "../../src/search/terms.ts";

describe("textPieces", () => {
  it("splits Chinese runs from words, lowercased, with punctuation and hyphens as separators", () => {
    expect(textPieces("Blood-pressure basics：降血压，饮食！")).toEqual([
      { kind: "word", text: "blood" },
      { kind: "word", text: "pressure" },
      { kind: "word", text: "basic" },
      { kind: "cjk", text: "降血压" },
      { kind: "cjk", text: "饮食" },
    ]);
  });

  it("folds full-width letters and digits", () => {
    expect(textPieces("ＡＢＣ １２３")).toEqual([
      { kind: "word", text: "abc" },
      { kind: "word", text: "123" },
    ]);
  });
});

describe("documentTerms", () => {
  it("indexes a Chinese run by character, character pair and the segmenter's longer words", () => {
    const terms = documentTerms("如何控制高血压");
    expect(terms).toEqual(expect.arrayContaining(["高血压", "高血", "血压", "控制", "如何", "高", "压"]));
  });

  it("indexes English words with light plural folding", () => {
    expect(documentTerms("Blood-pressure basics for diaries")).toEqual([
      "blood",
      "pressure",
      "basic",
      "for",
      "diary",
    ]);
  });

  it("keeps words such as virus and analysis whole", () => {
    expect(documentTerms("virus analysis glasses")).toEqual(["virus", "analysis", "glass"]);
  });
});

describe("queryTerms", () => {
  it("asks for every character pair of a Chinese run", () => {
    expect(queryTerms("高血压")).toEqual(["高血", "血压"]);
    expect(queryTerms("血压")).toEqual(["血压"]);
    expect(queryTerms("压")).toEqual(["压"]);
  });

  it("matches a document whichever way the segmenter cut it", () => {
    const indexed = new Set(documentTerms("降血压饮食指南"));
    for (const term of queryTerms("血压")) expect(indexed.has(term)).toBe(true);
    for (const term of queryTerms("压饮")) expect(indexed.has(term)).toBe(true);
  });

  it("handles mixed text, hyphens, punctuation and duplicates", () => {
    expect(queryTerms("  Blood-Pressure, 血压; blood!! ")).toEqual(["blood", "pressure", "血压"]);
  });

  it("finds nothing to search in punctuation", () => {
    expect(queryTerms(" ,.!? —— 。")).toEqual([]);
  });

  it("pairs characters by code point", () => {
    expect(cjkBigrams("𠀀血")).toEqual(["𠀀血"]);
  });
});
