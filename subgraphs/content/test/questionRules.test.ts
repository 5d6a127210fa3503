import { AppError } from "@health/platform/errors";
import { describe, expect, it } from "vitest";
import {
  assertAnswerable,
  assertMayAccept,
  assertMayVote,
  canViewAnswer,
  canViewQuestion,
  initialQuestionState,
  orderAnswers,
  validateNewQuestion,
  voteValue,
} from "../src/domain/questions/rules.ts";

const asker = { userId: "a", roles: ["user"] } as never;
const other = { userId: "b", roles: ["user"] } as never;
const admin = { userId: "c", roles: ["user", "admin"] } as never;
const open = {
  askerId: "a",
  status: "OPEN" as const,
  moderation: "PUBLISHED" as const,
  acceptedAnswerId: null,
};
const byB = { authorId: "b", moderation: "PUBLISHED" as const };

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? [error.code, error.extensions.field ?? null] : ["?", String(error)];
  }
  return null;
};

describe("question rules", () => {
  it("checks a new question, naming the field, and normalizes its tags", () => {
    expect(
      validateNewQuestion(
        { title: " Sleep? ", body: "How?", tags: ["Blood  Pressure", "blood-pressure"] },
        null,
      ),
    ).toEqual({ title: "Sleep?", body: "How?", tags: ["blood-pressure"], bountyPoints: null });
    expect(codeOf(() => validateNewQuestion({ title: "t".repeat(151), body: "b" }, null))).toEqual([
      "BAD_USER_INPUT",
      "input.title",
    ]);
    expect(codeOf(() => validateNewQuestion({ title: "t", body: " " }, null))).toEqual([
      "BAD_USER_INPUT",
      "input.body",
    ]);
    expect(
      codeOf(() =>
        validateNewQuestion({ title: "t", body: "b", tags: ["1", "2", "3", "4", "5", "6"] }, null),
      ),
    ).toEqual(["BAD_USER_INPUT", "input.tags"]);
    expect(codeOf(() => validateNewQuestion({ title: "t", body: "b", bountyPoints: 0 }, "k"))).toEqual([
      "BAD_USER_INPUT",
      "input.bountyPoints",
    ]);
    expect(codeOf(() => validateNewQuestion({ title: "t", body: "b", bountyPoints: 1.5 }, "k"))).toEqual([
      "BAD_USER_INPUT",
      "input.bountyPoints",
    ]);
  });

  it("needs an idempotency key with a bounty only", () => {
    expect(codeOf(() => validateNewQuestion({ title: "t", body: "b", bountyPoints: 10 }, null))).toEqual([
      "BAD_USER_INPUT",
      "idempotencyKey",
    ]);
    expect(validateNewQuestion({ title: "t", body: "b", bountyPoints: 10 }, "k").bountyPoints).toBe(10);
    expect(validateNewQuestion({ title: "t", body: "b" }, null).bountyPoints).toBeNull();
  });

  it("starts OPEN without a bounty, PENDING with one", () => {
    expect(initialQuestionState(null)).toEqual({ status: "OPEN", bountyStatus: null });
    expect(initialQuestionState(5)).toEqual({ status: "PENDING", bountyStatus: "REQUESTED" });
  });

  it("shows PENDING and REJECTED questions to their asker and admins only", () => {
    for (const status of ["PENDING", "REJECTED"] as const) {
      const question = { askerId: "a", status, moderation: "PUBLISHED" as const };
      expect(canViewQuestion(asker, question)).toBe(true);
      expect(canViewQuestion(admin, question)).toBe(true);
      expect(canViewQuestion(other, question)).toBe(false);
      expect(canViewQuestion(null, question)).toBe(false);
      expect(codeOf(() => assertAnswerable(question))).toEqual(["CONFLICT", null]);
    }
    for (const status of ["OPEN", "ANSWERED"] as const) {
      const question = { askerId: "a", status, moderation: "PUBLISHED" as const };
      expect(canViewQuestion(null, question)).toBe(true);
      expect(codeOf(() => assertAnswerable(question))).toBeNull();
    }
  });

  it("shows a question or an answer held or removed by moderation to its author and admins only", () => {
    for (const moderation of ["PENDING_REVIEW", "REMOVED"] as const) {
      const question = { askerId: "a", status: "OPEN" as const, moderation };
      expect(canViewQuestion(asker, question)).toBe(true);
      expect(canViewQuestion(admin, question)).toBe(true);
      expect(canViewQuestion(other, question)).toBe(false);
      expect(canViewQuestion(null, question)).toBe(false);
      expect(codeOf(() => assertAnswerable(question))).toEqual(["CONFLICT", null]);
      expect(codeOf(() => assertMayAccept(asker, { ...open, moderation }, byB))).toEqual(["CONFLICT", null]);
      expect(
        codeOf(() => assertMayVote(other, { authorId: "a", moderation: "PUBLISHED" }, question)),
      ).toEqual(["CONFLICT", null]);
      const answer = { authorId: "b", moderation };
      expect(canViewAnswer(other, answer)).toBe(true);
      expect(canViewAnswer(admin, answer)).toBe(true);
      expect(canViewAnswer(asker, answer)).toBe(false);
      expect(canViewAnswer(null, answer)).toBe(false);
      expect(codeOf(() => assertMayAccept(asker, open, answer))).toEqual(["CONFLICT", null]);
      expect(codeOf(() => assertMayVote(admin, answer, open))).toEqual(["CONFLICT", null]);
    }
    expect(canViewAnswer(null, byB)).toBe(true);
  });

  it("lets only the asker accept, once, an answer to their open question that is not their own", () => {
    expect(codeOf(() => assertMayAccept(asker, open, byB))).toBeNull();
    expect(codeOf(() => assertMayAccept(other, open, byB))).toEqual(["FORBIDDEN", null]);
    expect(codeOf(() => assertMayAccept(admin, open, byB))).toEqual(["FORBIDDEN", null]);
    expect(codeOf(() => assertMayAccept(asker, open, { ...byB, authorId: "a" }))).toEqual(["CONFLICT", null]);
    expect(
      codeOf(() => assertMayAccept(asker, { ...open, status: "ANSWERED", acceptedAnswerId: "x" }, byB)),
    ).toEqual(["CONFLICT", null]);
    expect(codeOf(() => assertMayAccept(asker, { ...open, status: "PENDING" }, byB))).toEqual([
      "CONFLICT",
      null,
    ]);
  });

  it("takes votes on others' answers of public questions", () => {
    expect(voteValue("UP")).toBe(1);
    expect(voteValue("DOWN")).toBe(-1);
    const byA = { authorId: "a", moderation: "PUBLISHED" as const };
    expect(codeOf(() => assertMayVote(other, byA, open))).toBeNull();
    expect(codeOf(() => assertMayVote(asker, byA, open))).toEqual(["FORBIDDEN", null]);
    expect(codeOf(() => assertMayVote(other, byA, { ...open, status: "REJECTED" }))).toEqual([
      "CONFLICT",
      null,
    ]);
  });

  it("orders answers: the accepted one first, then by score, then oldest first", () => {
    const at = (s: number) => new Date(2026, 0, 1, 0, 0, s);
    const answers = [
      { id: "1", score: 1, createdAt: at(1) },
      { id: "2", score: 5, createdAt: at(2) },
      { id: "3", score: 1, createdAt: at(0) },
      { id: "4", score: -2, createdAt: at(3) },
    ];
    expect(orderAnswers(answers, null).map((a) => a.id)).toEqual(["2", "3", "1", "4"]);
    expect(orderAnswers(answers, "4").map((a) => a.id)).toEqual(["4", "2", "3", "1"]);
  });
});
