/** `12345, "CNY"` → `CN¥123.45`: an amount in the smallest unit, for people to read (never to compute). */
export function formatMoney(amount: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat("en", { style: "currency", currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amount / 10 ** digits);
  } catch {
    return `${amount} ${currency} (smallest unit)`;
  }
}
