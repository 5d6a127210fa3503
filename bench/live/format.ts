/** A number for the report's tables, grouped in thousands; "–" for one that could not be measured. */
export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "–";

export const mib = (bytes: number) => fmt(bytes / 1024 / 1024, 0);

export const elapsed = (since: number) => `${fmt((Date.now() - since) / 1000, 0)} s`;
