import type { Actor } from "@health/platform/auth";
import { describe, expect, it } from "vitest";
import { reviewedStatus } from "../src/domain/moderation/review.ts";
import {
  canDelete,
  canEditPost,
  canViewModerated,
  hiddenByReports,
  statusOnCreate,
  statusOnEdit,
  validateNewPost,
  validatePostChanges,
} from "../src/domain/posts/rules.ts";

const actor = (userId: string, roles: Actor["roles"] = ["user"]): Actor => ({ userId, roles }) as Actor;
const author = actor("a");
const stranger = actor("s");
const admin = actor("x", ["user", "admin"]);
const post = (status: "PUBLISHED" | "PENDING_REVIEW" | "REMOVED") => ({ authorId: "a", status });

describe("who sees, edits and deletes a post", () => {
  it("shows a published post to everyone, a hidden or removed one to its author and admins only", () => {
    expect(canViewModerated(null, post("PUBLISHED"))).toBe(true);
    for (const status of ["PENDING_REVIEW", "REMOVED"] as const) {
      expect(canViewModerated(null, post(status))).toBe(false);
      expect(canViewModerated(stranger, post(status))).toBe(false);
      expect(canViewModerated(author, post(status))).toBe(true);
      expect(canViewModerated(admin, post(status))).toBe(true);
    }
  });

  it("lets only the author edit, and not once removed; the author or an admin delete", () => {
    expect(canEditPost(author, post("PUBLISHED"))).toBe(true);
    expect(canEditPost(author, post("PENDING_REVIEW"))).toBe(true);
    expect(canEditPost(author, post("REMOVED"))).toBe(false);
    expect(canEditPost(admin, post("PUBLISHED"))).toBe(false);
    expect(canEditPost(stranger, post("PUBLISHED"))).toBe(false);
    expect(canDelete(author, post("PUBLISHED"))).toBe(true);
    expect(canDelete(admin, post("PUBLISHED"))).toBe(true);
    expect(canDelete(stranger, post("PUBLISHED"))).toBe(false);
    expect(canDelete(null, post("PUBLISHED"))).toBe(false);
  });
});

describe("moderation states", () => {
  it("holds flagged text for review, and an edit never releases a hidden post", () => {
    expect(statusOnCreate(false)).toBe("PUBLISHED");
    expect(statusOnCreate(true)).toBe("PENDING_REVIEW");
    expect(statusOnEdit("PUBLISHED", false)).toBe("PUBLISHED");
    expect(statusOnEdit("PUBLISHED", true)).toBe("PENDING_REVIEW");
    expect(statusOnEdit("PENDING_REVIEW", false)).toBe("PENDING_REVIEW");
  });

  it("hides a published post at the report threshold of distinct reporters", () => {
    expect(hiddenByReports("PUBLISHED", 2, 3)).toBe(false);
    expect(hiddenByReports("PUBLISHED", 3, 3)).toBe(true);
    expect(hiddenByReports("PUBLISHED", 1, 1)).toBe(true);
    expect(hiddenByReports("PENDING_REVIEW", 5, 3)).toBe(false);
    expect(hiddenByReports("REMOVED", 5, 3)).toBe(false);
  });

  it("keeps a reviewed item published or removes it", () => {
    expect(reviewedStatus("KEEP")).toBe("PUBLISHED");
    expect(reviewedStatus("REMOVE")).toBe("REMOVED");
  });
});

describe("post input", () => {
  it("names the field at fault and normalises tags", () => {
    expect(validateNewPost({ title: " Hi ", body: "b", tags: ["Run", "run"] })).toEqual({
      title: "Hi",
      body: "b",
      tags: ["run"],
    });
    expect(() => validateNewPost({ title: "t", body: "x".repeat(5_001) })).toThrow(
      /input.body must be 1–5000/,
    );
    expect(() => validateNewPost({ title: "", body: "b" })).toThrow(/input.title/);
    expect(() => validatePostChanges({})).toThrow(/at least one/);
  });
});
