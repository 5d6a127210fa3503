import { type AuditRecord, GENESIS_HASH, hashOf } from "./canonical.ts";

/** A point of the chain: a sequence number and the hash stored for it. */
export interface ChainLink {
  sequence: number;
  hash: string;
}

export type ChainProblemKind = "CHANGED" | "REMOVED" | "INSERTED";

/** One thing wrong with the chain, naming the row it was found at. */
export interface ChainProblem {
  kind: ChainProblemKind;
  /** The row: the changed or inserted one, or for REMOVED the row after the gap (null: the tail is gone). */
  rowId: string | null;
  sequence: number | null;
  /** For REMOVED, the sequence numbers missing, when they are known (a gap); null when renumbered away. */
  missingFrom: number | null;
  missingTo: number | null;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  checkedRows: number;
  problems: ChainProblem[];
  /** More problems were found than `maxProblems`; the first ones are listed. */
  truncated: boolean;
}

export interface ChainVerifierOptions {
  /** The link the walk starts from: the genesis (sequence 0), or the row before a checked range. */
  anchor?: ChainLink;
  /** Where the chain must end (the chain head), or null when checking a range that stops before it. */
  head: ChainLink | null;
  /** Problems listed at most (default 100). */
  maxProblems?: number;
}

const GENESIS: ChainLink = { sequence: 0, hash: GENESIS_HASH };

/**
 * Walks audit rows in (sequence, id) order, one at a time, holding only the rows of one sequence number,
 * and names every row that is not where an untouched chain would have it:
 * - CHANGED: its stored hash is not the hash of its fields (a field was edited);
 * - REMOVED: sequence numbers missing (a gap, or the tail below the chain head), or a row whose previous
 *   hash matches no row before it (a row before it was removed, or replaced);
 * - INSERTED: a second row with a sequence number, a row the next row links past, or a row past the head.
 * Pure: the caller feeds rows (`push`) in batches and ends with `finish`.
 */
export class ChainVerifier {
  private last: ChainLink & { rowId: string | null };
  private group: AuditRecord[] = [];
  private readonly head: ChainLink | null;
  private readonly maxProblems: number;
  private readonly problems: ChainProblem[] = [];
  private truncated = false;
  private checkedRows = 0;

  constructor(options: ChainVerifierOptions) {
    this.last = { ...(options.anchor ?? GENESIS), rowId: null };
    this.head = options.head;
    this.maxProblems = options.maxProblems ?? 100;
  }

  /** The next row; rows must come in (sequence, id) order. */
  push(row: AuditRecord): void {
    const current = this.group[0];
    if (current && row.sequence < current.sequence) {
      throw new Error(
        `ChainVerifier: row #${row.sequence} came after #${current.sequence}; feed rows in order.`,
      );
    }
    this.checkedRows += 1;
    if (current && current.sequence !== row.sequence) {
      this.settle(this.group, row.prevHash);
      this.group = [];
    }
    this.group.push(row);
  }

  /**
   * Ends the walk. `nextPrevHash` is the previous hash of the row after the checked range (a range
   * check); by default the chain head's hash, which the last row must be.
   */
  finish(nextPrevHash?: string | null): ChainReport {
    if (this.group.length > 0) this.settle(this.group, nextPrevHash ?? this.head?.hash ?? null);
    this.group = [];
    const head = this.head;
    if (head && head.sequence > this.last.sequence) {
      this.report({
        kind: "REMOVED",
        rowId: null,
        sequence: null,
        missingFrom: this.last.sequence + 1,
        missingTo: head.sequence,
        message: `Rows #${this.last.sequence + 1}–#${head.sequence} are missing: the chain head is at #${head.sequence}, the newest row at #${this.last.sequence}.`,
      });
    } else if (head && head.sequence === this.last.sequence && head.hash !== this.last.hash) {
      this.report({
        kind: "CHANGED",
        rowId: this.last.rowId,
        sequence: this.last.sequence,
        missingFrom: null,
        missingTo: null,
        message: `Row #${this.last.sequence}'s stored hash is not the one the chain head recorded for it.`,
      });
    }
    return {
      ok: this.problems.length === 0,
      checkedRows: this.checkedRows,
      problems: this.problems,
      truncated: this.truncated,
    };
  }

  /** Judges the rows of one sequence number, knowing the previous hash of the row after them. */
  private settle(group: readonly AuditRecord[], nextPrevHash: string | null): void {
    const sequence = group[0]!.sequence;
    const intact = new Set(group.filter((row) => hashOf(row) === row.hash));
    for (const row of group) {
      if (!intact.has(row)) {
        this.report(
          problemAt("CHANGED", row, `Row #${row.sequence}'s fields do not hash to its stored hash.`),
        );
      }
    }
    if (this.head && sequence > this.head.sequence) {
      for (const row of group) {
        this.report(
          problemAt("INSERTED", row, `Row #${sequence} is past the chain head (#${this.head.sequence}).`),
        );
      }
      return;
    }
    const genuine = this.pick(group, intact, nextPrevHash);
    for (const row of group) {
      if (row === genuine) continue;
      this.report(
        problemAt(
          "INSERTED",
          row,
          `Row #${sequence} (${row.id}) duplicates a sequence number; the chain runs through ${genuine.id}.`,
        ),
      );
    }
    const expected = this.last.sequence + 1;
    if (sequence > expected) {
      this.report({
        kind: "REMOVED",
        rowId: genuine.id,
        sequence,
        missingFrom: expected,
        missingTo: sequence - 1,
        message: `Rows #${expected}–#${sequence - 1} are missing before row #${sequence}.`,
      });
    } else if (genuine.prevHash !== this.last.hash) {
      if (nextPrevHash !== null && nextPrevHash === this.last.hash) {
        this.report(
          problemAt(
            "INSERTED",
            genuine,
            `Row #${sequence} does not link to row #${this.last.sequence}, and the row after it links past it.`,
          ),
        );
        // The chain goes on from the row before it; its number is taken, so the next is not a gap.
        this.last = { ...this.last, sequence };
        return;
      }
      this.report({
        kind: "REMOVED",
        rowId: genuine.id,
        sequence,
        missingFrom: null,
        missingTo: null,
        message: `Row #${sequence}'s previous hash matches no row before it: the row it followed (after #${this.last.sequence}${this.last.rowId ? `, ${this.last.rowId}` : ""}) was removed or replaced.`,
      });
    }
    this.last = { sequence, hash: genuine.hash, rowId: genuine.id };
  }

  /** Of rows sharing a sequence number, the one the chain runs through. */
  private pick(group: readonly AuditRecord[], intact: Set<AuditRecord>, nextPrevHash: string | null) {
    const score = (row: AuditRecord) =>
      (row.prevHash === this.last.hash ? 4 : 0) +
      (row.hash === nextPrevHash ? 2 : 0) +
      (intact.has(row) ? 1 : 0);
    return group.reduce((best, row) => (score(row) > score(best) ? row : best));
  }

  private report(problem: ChainProblem): void {
    if (this.problems.length >= this.maxProblems) {
      this.truncated = true;
      return;
    }
    this.problems.push(problem);
  }
}

const problemAt = (kind: ChainProblemKind, row: AuditRecord, message: string): ChainProblem => ({
  kind,
  rowId: row.id,
  sequence: row.sequence,
  missingFrom: null,
  missingTo: null,
  message,
});
