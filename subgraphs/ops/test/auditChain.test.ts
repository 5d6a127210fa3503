import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../src/domain/audit/canonical.ts";
import { canonicalForm, canonicalJson, GENESIS_HASH, hashOf } from "../src/domain/audit/canonical.ts";
import { type ChainLink, ChainVerifier } from "../src/domain/audit/chain.ts";
import { chainOf, sealed } from "./fixtures.ts";

const headOf = (rows: AuditRecord[]): ChainLink => {
  const last = rows.at(-1)!;
  return { sequence: last.sequence, hash: last.hash };
};

const verify = (rows: AuditRecord[], head: ChainLink | null, anchor?: ChainLink) => {
  const verifier = new ChainVerifier({ head, anchor });
  for (const row of [...rows].sort((a, b) => a.sequence - b.sequence || a.id.localeCompare(b.id))) {
    verifier.push(row);
  }
  return verifier.finish();
};

describe("canonical form", () => {
  it("sorts keys at every depth, writes no whitespace and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, "é", null], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[1,"é",null]},"b":1}',
    );
  });

  it("hashes the documented form: SHA-256 hex of the canonical JSON of the row's fields", () => {
    const row = {
      id: "0193a000-0000-7000-8000-000000000001",
      sequence: 1,
      occurredAt: new Date("2026-12-07T12:00:00.000Z"),
      recordedAt: new Date("2026-12-07T12:00:01.000Z"),
      kind: "ADMIN_ACTION",
      actorId: "5f0c8f9e-3c1a-4f39-9d4e-2f4b8f0a1c11",
      subjectType: "User",
      subjectId: "5f0c8f9e-3c1a-4f39-9d4e-2f4b8f0a1c12",
      action: "finance.adjust_points",
      details: { reason: "goodwill", amount: 50 },
      eventId: null,
      prevHash: GENESIS_HASH,
    };
    expect(canonicalForm(row)).toBe(
      '{"action":"finance.adjust_points","actorId":"5f0c8f9e-3c1a-4f39-9d4e-2f4b8f0a1c11","details":{"amount":50,"reason":"goodwill"},"eventId":null,"id":"0193a000-0000-7000-8000-000000000001","kind":"ADMIN_ACTION","occurredAt":"2026-12-07T12:00:00.000Z","prevHash":"0000000000000000000000000000000000000000000000000000000000000000","recordedAt":"2026-12-07T12:00:01.000Z","sequence":1,"subjectId":"5f0c8f9e-3c1a-4f39-9d4e-2f4b8f0a1c12","subjectType":"User"}',
    );
    // The same bytes through `printf '%s' '<form>' | sha256sum`.
    expect(hashOf(row)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf({ ...row, details: { amount: 50, reason: "goodwill" } })).toBe(hashOf(row));
    expect(hashOf({ ...row, details: { reason: "goodwill", amount: 51 } })).not.toBe(hashOf(row));
    expect(hashOf({ ...row, prevHash: "f".repeat(64) })).not.toBe(hashOf(row));
  });
});

describe("ChainVerifier", () => {
  it("passes an untouched chain, and an empty one", () => {
    const rows = chainOf(20);
    expect(verify(rows, headOf(rows))).toEqual({ ok: true, checkedRows: 20, problems: [], truncated: false });
    expect(verify([], { sequence: 0, hash: GENESIS_HASH }).ok).toBe(true);
  });

  it("names a changed row (CHANGED) and nothing else", () => {
    const rows = chainOf(10);
    const changed = { ...rows[4]!, details: { amount: 1 } };
    const report = verify(rows.with(4, changed), headOf(rows));
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: "CHANGED", rowId: changed.id, sequence: 5 }),
    ]);
  });

  it("names the rows missing and the row after the gap (REMOVED)", () => {
    const rows = chainOf(10);
    const report = verify([...rows.slice(0, 3), ...rows.slice(5)], headOf(rows));
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: "REMOVED",
        rowId: rows[5]!.id,
        sequence: 6,
        missingFrom: 4,
        missingTo: 5,
      }),
    ]);
  });

  it("finds the newest rows removed, against the chain head", () => {
    const rows = chainOf(10);
    const report = verify(rows.slice(0, 8), headOf(rows));
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: "REMOVED", rowId: null, missingFrom: 9, missingTo: 10 }),
    ]);
  });

  it("names a forged row inserted with a sequence number already taken (INSERTED), even with a correct hash", () => {
    const rows = chainOf(10);
    const forged = sealed({ sequence: 6, prevHash: rows[4]!.hash, action: "forged" });
    const report = verify([...rows, forged], headOf(rows));
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: "INSERTED", rowId: forged.id, sequence: 6 }),
    ]);
  });

  it("names a row the next row links past (INSERTED), and rows past the chain head", () => {
    const rows = chainOf(6);
    const forged = sealed({ sequence: 4, prevHash: "a".repeat(64) });
    // The forger renumbered nothing: rows 4.. moved up one, so they no longer hash (CHANGED) but still link.
    const shifted = rows.slice(3).map((row) => ({ ...row, sequence: row.sequence + 1 }));
    const report = verify([...rows.slice(0, 3), forged, ...shifted], headOf(rows));
    const kinds = report.problems.map((problem) => [problem.kind, problem.rowId]);
    expect(kinds).toContainEqual(["INSERTED", forged.id]);
    expect(kinds).toContainEqual(["CHANGED", shifted[0]!.id]);
    expect(kinds).not.toContainEqual(["REMOVED", expect.anything()]);

    const appended = sealed({ sequence: 7, prevHash: rows[5]!.hash });
    expect(verify([...rows, appended], headOf(rows)).problems).toEqual([
      expect.objectContaining({ kind: "INSERTED", rowId: appended.id, sequence: 7 }),
    ]);
  });

  it("tells the three apart in one chain", () => {
    const rows = chainOf(30);
    const changed = { ...rows[2]!, actorId: "someone-else" };
    const forged = sealed({ sequence: 20, prevHash: rows[18]!.hash });
    const tampered = [...rows.slice(0, 10), ...rows.slice(11), forged].with(2, changed);
    const report = verify(tampered, headOf(rows));
    expect(report.problems.map((problem) => [problem.kind, problem.rowId])).toEqual([
      ["CHANGED", changed.id],
      ["REMOVED", rows[11]!.id],
      ["INSERTED", forged.id],
    ]);
    expect(report.problems[1]).toMatchObject({ missingFrom: 11, missingTo: 11 });
  });

  it("checks a range from the row before it, with no chain head to end at", () => {
    const rows = chainOf(10);
    const anchor = { sequence: 4, hash: rows[3]!.hash };
    expect(verify(rows.slice(4, 8), null, anchor).ok).toBe(true);
    const wrongAnchor = { sequence: 4, hash: "b".repeat(64) };
    expect(verify(rows.slice(4, 8), null, wrongAnchor).problems).toEqual([
      expect.objectContaining({ kind: "REMOVED", rowId: rows[4]!.id }),
    ]);
  });

  it("lists at most maxProblems and says so", () => {
    const rows = chainOf(10).map((row) => ({ ...row, action: "edited" }));
    const verifier = new ChainVerifier({ head: null, maxProblems: 3 });
    for (const row of rows) verifier.push(row);
    const report = verifier.finish();
    expect(report.problems).toHaveLength(3);
    expect(report.truncated).toBe(true);
  });
});
