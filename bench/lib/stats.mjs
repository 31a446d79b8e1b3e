/** Percentile of a numeric array (nearest rank); sorts a copy. */
export function percentile(values, p) {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function fmt(n, digits = 0) {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : 'n/a';
}

export function mb(bytes) {
  return `${fmt(bytes / (1024 * 1024), 1)} MiB`;
}
