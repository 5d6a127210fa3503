/** What a failed query says, wherever Prisma and its pg adapter put it. */
export interface PostgresFailure {
  /** The SQLSTATE when one is found (`23505`), else the first Prisma code (`P2002`). */
  code?: string;
  /** Every message and constraint name found, space-separated. */
  text: string;
}

/** The SQLSTATE and constraint of a Postgres error, wherever Prisma's adapter put them. */
export function postgresFailure(error: unknown): PostgresFailure {
  const seen = new Set<unknown>();
  const codes: string[] = [];
  const texts: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== "object" || seen.has(value) || depth > 5) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ["code", "originalCode"]) {
      const code = record[key];
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) codes.push(code);
    }
    for (const key of ["message", "originalMessage", "constraint"]) {
      if (typeof record[key] === "string") texts.push(record[key]);
    }
    for (const key of ["cause", "meta", "driverAdapterError"]) visit(record[key], depth + 1);
  };
  visit(error, 0);
  return { code: codes.find((c) => /^\d/.test(c)) ?? codes[0], text: texts.join(" ") };
}

/**
 * Whether `error` is a unique-constraint violation, as Prisma reports it (P2002) or as Postgres does
 * (SQLSTATE 23505, which a raw query through the adapter surfaces).
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code } = postgresFailure(error);
  return code === "P2002" || code === "23505";
}
