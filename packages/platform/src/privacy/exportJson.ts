const encoder = new TextEncoder();

/**
 * A part or a manifest as the archive holds it: pretty-printed JSON (a person may read it), with
 * BigInt as a decimal string, bytes as base64 and dates as ISO 8601 (Date's own toJSON).
 */
export function exportJsonBytes(value: unknown): Uint8Array {
  const text = JSON.stringify(
    value,
    (_key, member: unknown) => {
      if (typeof member === "bigint") return member.toString();
      if (member instanceof Uint8Array) return Buffer.from(member).toString("base64");
      return member;
    },
    2,
  );
  return encoder.encode(`${text}\n`);
}
