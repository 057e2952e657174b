const BINARY = [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const;

/**
 * Canonical text for a whole number of bytes: the largest binary suffix that divides it exactly
 * (`4294967296` → `4Gi`), else the plain integer. `parseQuantity` of the result gives the same bytes.
 */
export function formatBytes(bytes: number): string {
  if (bytes !== 0) {
    for (const [suffix, size] of BINARY) {
      if (bytes % size === 0) return `${bytes / size}${suffix}`;
    }
  }
  return String(bytes);
}

/**
 * Canonical decimal text for a value held in thousandths: `10500` → `10.5`, `500` → `0.5`,
 * `20000` → `20`. Used for TFLOPS and compute percent.
 */
export function formatMilli(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / 1000);
  const rest = abs % 1000;
  if (rest === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(rest).padStart(3, '0').replace(/0+$/, '')}`;
}
