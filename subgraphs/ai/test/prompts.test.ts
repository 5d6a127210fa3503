import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LocalTemplateProvider } from "../src/domain/generation/localProvider.ts";
import { buildPrompt, PROMPT_VERSIONS } from "../src/domain/generation/prompts.ts";
import { validateGenerationInput } from "../src/domain/generation/rules.ts";

describe("prompt templates", () => {
  it("version every kind and put the caller's input in the user message", () => {
    expect(PROMPT_VERSIONS).toEqual({
      COURSE_OUTLINE: "course-outline@1",
      POST_DRAFT: "post-draft@1",
      CONSULT_REPLY: "consult-reply@1",
    });
    const outline = buildPrompt(
      validateGenerationInput({
        kind: "COURSE_OUTLINE",
        topic: "Sleep",
        audience: "new parents",
        lessonCount: 4,
      }),
    );
    expect(outline.promptVersion).toBe("course-outline@1");
    expect(outline.messages.at(-1)?.content).toBe(
      'Write the outline of a course on "Sleep" for new parents in 4 lessons: for each lesson a title and two or three bullet points of what it teaches.',
    );
  });

  it("turns a consultation into alternating chat roles (the coach as the assistant)", () => {
    const input = validateGenerationInput({
      kind: "CONSULT_REPLY",
      orderId: randomUUID(),
      messages: [
        { from: "CUSTOMER", text: "My knee hurts after running." },
        { from: "COACH", text: "Since when?" },
        { from: "CUSTOMER", text: " Two weeks. " },
      ],
    });
    expect(buildPrompt(input).messages.slice(1)).toEqual([
      { role: "user", content: "My knee hurts after running." },
      { role: "assistant", content: "Since when?" },
      { role: "user", content: "Two weeks." },
    ]);
  });
});

describe("validateGenerationInput", () => {
  it("names the field at fault", () => {
    const fieldOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as { extensions?: { field?: string } }).extensions?.field;
      }
      return "no error";
    };
    expect(fieldOf(() => validateGenerationInput({ kind: "COURSE_OUTLINE", topic: "  " }))).toBe("topic");
    expect(
      fieldOf(() => validateGenerationInput({ kind: "COURSE_OUTLINE", topic: "x", lessonCount: 21 })),
    ).toBe("lessonCount");
    expect(fieldOf(() => validateGenerationInput({ kind: "POST_DRAFT", topic: "x".repeat(201) }))).toBe(
      "topic",
    );
    expect(
      fieldOf(() => validateGenerationInput({ kind: "CONSULT_REPLY", orderId: "nope", messages: [] })),
    ).toBe("orderId");
    expect(
      fieldOf(() => validateGenerationInput({ kind: "CONSULT_REPLY", orderId: randomUUID(), messages: [] })),
    ).toBe("messages");
  });
});

describe("LocalTemplateProvider", () => {
  it("says what it is first, fills in the platform's titles, and streams in pieces", async () => {
    const provider = new LocalTemplateProvider(
      { publishedTitles: async (kind) => (kind === "COURSE" ? ["Running 101"] : []) },
      { chunkSize: 10 },
    );
    expect([provider.name, provider.model]).toEqual(["local-template", "template-v1"]);
    const input = validateGenerationInput({ kind: "COURSE_OUTLINE", topic: "Running", lessonCount: 2 });
    const pieces: string[] = [];
    for await (const piece of provider.complete({
      input,
      messages: [],
      signal: new AbortController().signal,
    }))
      pieces.push(piece);
    const text = pieces.join("");
    expect(pieces.length).toBeGreaterThan(5);
    expect(text.split("\n")[0]).toContain("not written by a language model");
    expect(text).toContain("Lesson 2: Running: The basics");
    expect(text).toContain("Running 101");
  });
});
