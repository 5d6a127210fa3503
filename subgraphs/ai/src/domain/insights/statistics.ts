// Plain statistics over numbers: no dates, no metrics, no I/O. `insights.ts` gives them meaning.

export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (divides by n − 1); 0 for fewer than two values. */
  std: number;
}

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { n: 0, mean: 0, std: 0 };
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  if (n < 2) return { n, mean, std: 0 };
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return { n, mean, std: Math.sqrt(squares / (n - 1)) };
}

export interface LinearFit {
  n: number;
  slope: number;
  intercept: number;
  /** Share of the variance the line explains, 0–1; 1 when every y is the same (the line is exact). */
  rSquared: number;
}

/** Ordinary least squares y = intercept + slope·x; null for fewer than two distinct x. */
export function leastSquares(points: ReadonlyArray<{ x: number; y: number }>): LinearFit | null {
  const n = points.length;
  if (n < 2) return null;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const { x, y } of points) {
    sxx += (x - meanX) ** 2;
    sxy += (x - meanX) * (y - meanY);
    syy += (y - meanY) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const rSquared = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { n, slope, intercept, rSquared };
}
