/** The bench's outputs: the console table, results.json, and the README's performance tables. */
import { readFile, writeFile } from 'node:fs/promises';
import { meetsBudget, type BenchFigure, type ScaleRow } from '../support/bench/figure';

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(value < 10 ? 2 : 1);
}

function budgetText(figure: BenchFigure): string {
  if (figure.budget === null) {
    return '—';
  }
  return `${figure.budgetKind === 'min' ? '≥' : '≤'} ${formatNumber(figure.budget)}`;
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function figuresTable(figures: readonly BenchFigure[]): string {
  return markdownTable(
    ['figure', 'unit', 'median', 'min', 'max', 'runs', 'budget', 'ok'],
    figures.map((f) => [
      `\`${f.name}\``,
      f.unit,
      formatNumber(f.median),
      formatNumber(f.min),
      formatNumber(f.max),
      String(f.runs),
      budgetText(f),
      meetsBudget(f) ? 'ok' : 'MISSED',
    ]),
  );
}

export function curveTable(curve: readonly ScaleRow[]): string {
  return markdownTable(
    ['scenario', 'refresh ms', 'requests', 'git processes', 'rate limit used'],
    curve.map((row) => [
      row.scenario,
      formatNumber(row.refreshMs),
      String(row.requests),
      String(row.gitProcesses),
      String(row.rateLimitUsed),
    ]),
  );
}

/** Replaces what stands between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`. */
export function replaceBetweenMarkers(text: string, name: string, content: string): string {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no ${open} … ${close} markers`);
  }
  return `${text.slice(0, start + open.length)}\n${content}\n${text.slice(end)}`;
}

export async function updateReadme(
  path: string,
  figures: readonly BenchFigure[],
  curve: readonly ScaleRow[] | undefined,
): Promise<void> {
  let text = await readFile(path, 'utf8');
  text = replaceBetweenMarkers(text, 'figures', figuresTable(figures));
  if (curve) {
    text = replaceBetweenMarkers(text, 'curve', curveTable(curve));
  }
  await writeFile(path, text);
}
