import { badInput } from "../errors/appError.ts";

/** A required text argument, trimmed: 1–`max` characters or BAD_USER_INPUT on `field`. */
export function requiredText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) {
    throw badInput(field, `${field} must be 1–${max} characters (not only spaces).`);
  }
  return trimmed;
}
