import { describe, expect, it } from "vitest";
import {
  courseSearchText,
  decidePurchase,
  lessonBody,
  validateNewCourse,
  validateTags,
  visibleLessons,
} from "../src/domain/courses/rules.ts";

const author = { userId: "a", roles: ["user", "coach"] } as never;
const buyer = { userId: "b", roles: ["user"] } as never;
const admin = { userId: "c", roles: ["user", "admin"] } as never;
const course = { id: "k", authorId: "a", priceAmount: 900, currency: "CNY" };
const paid = { id: "l", preview: false, courseId: "k", courseAuthorId: "a", bodyText: "secret" };

describe("course rules", () => {
  it("checks a new course, naming the field", () => {
    expect(
      validateNewCourse({ title: " T ", summary: "S", priceAmount: 0, tags: ["Heart", "heart"] }),
    ).toEqual({
      title: "T",
      summary: "S",
      priceAmount: 0,
      currency: "CNY",
      tags: ["heart"],
    });
    expect(() => validateNewCourse({ title: "T", summary: "", priceAmount: 1 })).toThrow(/input.summary/);
    expect(() => validateTags(["ok", " "], "input.tags")).toThrow(/input.tags\[1\]/);
  });

  it("serves a paid body to buyers, the author and admins only; a preview's to everyone", async () => {
    const owns = async () => true;
    const owned = async () => false;
    await expect(lessonBody(buyer, paid, owns)).resolves.toBe("secret");
    await expect(lessonBody(buyer, paid, owned)).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    await expect(lessonBody(null, paid, owns)).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    await expect(lessonBody(author, paid, owned)).resolves.toBe("secret");
    await expect(lessonBody(admin, paid, owned)).resolves.toBe("secret");
    await expect(lessonBody(null, { ...paid, preview: true }, owned)).resolves.toBe("secret");
  });

  it("shows draft lessons to editors only", () => {
    const lessons = [{ status: "DRAFT" as const }, { status: "PUBLISHED" as const }];
    expect(visibleLessons(buyer, course, lessons)).toEqual([{ status: "PUBLISHED" }]);
    expect(visibleLessons(author, course, lessons)).toHaveLength(2);
  });

  it("decides a purchase: CONFLICT for the author, an owner or one being paid; free grants", () => {
    expect(() => decidePurchase(author, course, null)).toThrow(/yours/);
    expect(() => decidePurchase(buyer, course, { status: "PAID" })).toThrow(/own/);
    expect(() => decidePurchase(buyer, course, { status: "PENDING" })).toThrow(/being paid/);
    expect(decidePurchase(buyer, course, null)).toEqual({ kind: "pay", amount: 900, currency: "CNY" });
    expect(decidePurchase(buyer, { ...course, priceAmount: 0 }, { status: "FAILED" })).toEqual({
      kind: "grant",
    });
  });

  it("sells a withdrawn course (its author was erased) to nobody new; its owners keep it", () => {
    const withdrawn = { ...course, withdrawnAt: new Date() };
    expect(() => decidePurchase(buyer, withdrawn, null)).toThrow(/withdrawn from sale/);
    expect(() => decidePurchase(buyer, withdrawn, { status: "FAILED" })).toThrow(/withdrawn from sale/);
    expect(() => decidePurchase(buyer, withdrawn, { status: "PAID" })).toThrow(/own/);
  });

  it("never puts a paid body in the searchable text", () => {
    const text = courseSearchText([
      { title: "Intro", body: "free words", preview: true, status: "PUBLISHED" },
      { title: "Paid", body: "secret words", preview: false, status: "PUBLISHED" },
      { title: "Draft", body: "draft words", preview: true, status: "DRAFT" },
    ]);
    expect(text).toBe("Intro\nfree words\nPaid");
  });
});
