import { describe, expect, it } from "vitest";
import { snippetOf } from "../../src/search/highlight.ts";

const marked = (snippet: ReturnType<typeof snippetOf>) =>
  snippet?.matches.map((range) => snippet.text.slice(range.start, range.end));

describe("snippetOf", () => {
  it("marks English words in the original text, whatever their case and hyphens", () => {
    const snippet = snippetOf("Blood-pressure basics", "blood pressure");
    expect(snippet?.text).toBe("Blood-pressure basics");
    expect(marked(snippet)).toEqual(["Blood", "pressure"]);
  });

  it("marks a Chinese query where it occurs whole", () => {
    expect(marked(snippetOf("如何控制高血压", "高血压"))).toEqual(["高血压"]);
    expect(marked(snippetOf("降血压饮食指南", "血压"))).toEqual(["血压"]);
  });

  it("marks its character pairs where it does not occur whole", () => {
    expect(marked(snippetOf("高血糖与血压", "高血压"))).toEqual(["高血", "血压"]);
  });

  it("cuts a long text around the matches, with an ellipsis at each cut end", () => {
    const text = `${"无关的内容。".repeat(40)}控制高血压的方法。${"其他内容。".repeat(40)}`;
    const snippet = snippetOf(text, "高血压", { maxLength: 40, context: 6 });
    expect(snippet?.text.startsWith("…")).toBe(true);
    expect(snippet?.text.endsWith("…")).toBe(true);
    expect(marked(snippet)).toEqual(["高血压"]);
  });

  it("is null for no text", () => {
    expect(snippetOf(null, "x")).toBeNull();
  });
});
