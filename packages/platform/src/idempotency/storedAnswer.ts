import { createHash } from "node:crypto";
import { AppError } from "../errors/appError.ts";
import type { ErrorCode } from "../errors/errorCode.ts";

/** The first answer to a request, as stored: its value, or the AppError it ended in. */
export type StoredAnswer =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: ErrorCode; message: string; extensions: Record<string, unknown> } };

export const answerOfValue = (value: unknown): StoredAnswer => ({ ok: true, value: value ?? null });

export function answerOfError(error: AppError): StoredAnswer {
  const { code: _code, ...extensions } = error.extensions;
  return { ok: false, error: { code: error.code, message: error.message, extensions } };
}

/** The stored answer given again: the value, or the same AppError thrown again. */
export function replay<T>(answer: StoredAnswer): T {
  if (answer.ok) return answer.value as T;
  throw new AppError(answer.error.code, answer.error.message, { details: answer.error.extensions });
}

/** A canonical JSON text: object keys sorted, so `{a, b}` and `{b, a}` are the same parameters. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the parameters' canonical JSON: what a retry must match. */
export const parametersHash = (parameters: unknown): string =>
  createHash("sha256").update(canonical(parameters)).digest("hex");
