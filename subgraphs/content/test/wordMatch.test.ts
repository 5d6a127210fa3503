import { describe, expect, it } from "vitest";
import { wordArg } from "../src/domain/moderation/wordList.ts";
import { containsWord, matchWords, normalizeText } from "../src/domain/moderation/wordMatch.ts";

describe("moderation word matching", () => {
  it("matches case-insensitively and folds full-width forms", () => {
    expect(matchWords(["spam"], ["Buy SPAM now"])).toEqual(["spam"]);
    expect(matchWords(["spam"], ["ＳＰＡＭ here"])).toEqual(["spam"]);
    expect(normalizeText("  Ｂｕｙ   NOW ")).toBe("buy now");
  });

  it("finds a Chinese word inside a sentence with no spaces", () => {
    expect(matchWords(["赌博"], ["我们今天一起去赌博吧"])).toEqual(["赌博"]);
    expect(matchWords(["赌博"], ["今天天气很好"])).toEqual([]);
  });

  it("matches a Latin word only as a whole word, unless CJK touches it", () => {
    expect(containsWord("first class seats", "ass")).toBe(false);
    expect(containsWord("what an ass.", "ass")).toBe(true);
    expect(containsWord("买drugs吗", "drugs")).toBe(true);
    expect(containsWord("drugstore", "drugs")).toBe(false);
    expect(containsWord("a multi word phrase here", "word phrase")).toBe(true);
  });

  it("reports each listed word once, across several texts, and ignores empty ones", () => {
    expect(matchWords(["spam", "赌博", "scam"], ["spam spam", null, "", "赌博 and spam"])).toEqual([
      "spam",
      "赌博",
    ]);
    expect(matchWords([], ["anything"])).toEqual([]);
  });

  it("stores words normalised and refuses blank or long ones, naming the field", () => {
    expect(wordArg("  SPAM ")).toBe("spam");
    expect(() => wordArg("   ")).toThrow(/word must be 1–50/);
    expect(() => wordArg("x".repeat(51))).toThrow(/word must be 1–50/);
  });
});
