/**
 * 6000 → "6,000", as `toLocaleString('en-US')` writes a whole number, without Intl: the first Intl
 * call of a page loads the browser's locale data (30–40 ms on a fresh page, see calendar.ts), and
 * the matrix's count is on its first screen.
 */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count)) return count.toLocaleString('en-US');
  const digits = String(Math.abs(count));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return count < 0 ? `-${grouped}` : grouped;
}
