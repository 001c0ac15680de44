/**
 * One benchmark figure as `npm run bench` reports it in test/bench/results.json.
 * Names are fixed so results stay comparable across commits.
 */
export interface BenchFigure {
  readonly name: string;
  readonly unit: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
  /** The bound the median must meet: at most `budget`, or at least it when `budgetKind` is 'min'. */
  readonly budget: number | null;
  readonly budgetKind?: 'max' | 'min';
}

/** One row of the scale curve (README performance table). */
export interface ScaleRow {
  /** What was scaled, e.g. "1,000 open PRs" or "100k commits, 5,000 branches". */
  readonly scenario: string;
  readonly refreshMs: number;
  readonly requests: number;
  readonly gitProcesses: number;
  readonly rateLimitUsed: number;
}

/** Median, min and max of repeated runs, as a figure with its budget. */
export function summarize(
  name: string,
  unit: string,
  samples: readonly number[],
  budget: number | null,
  budgetKind: 'max' | 'min' = 'max',
): BenchFigure {
  if (samples.length === 0) {
    throw new Error(`${name}: no samples`);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return {
    name,
    unit,
    median,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    runs: sorted.length,
    budget,
    budgetKind,
  };
}

/** Whether a figure's median meets its budget (no budget always does). */
export function meetsBudget(figure: BenchFigure): boolean {
  if (figure.budget === null) {
    return true;
  }
  return figure.budgetKind === 'min' ? figure.median >= figure.budget : figure.median <= figure.budget;
}
