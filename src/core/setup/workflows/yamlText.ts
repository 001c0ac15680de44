/** Small helpers for writing workflow YAML as text (the bundle carries no YAML library). */

/** YAML double-quoted scalar (JSON strings are valid YAML). */
export const q = (value: string) => JSON.stringify(value);

/** `${{ expression }}`, kept in one place so no caller writes it inside a `run:`. */
export const expr = (expression: string) => '${{ ' + expression + ' }}';

export interface RunStep {
  readonly name: string;
  readonly id?: string;
  /** A condition without `${{ }}`; written wrapped, so a leading `!` stays an expression. */
  readonly if?: string;
  /** Values are YAML scalars or `${{ }}` expressions: the only way data reaches the script. */
  readonly env?: Readonly<Record<string, string>>;
  readonly script: readonly string[];
}

/** A `run:` step at the steps' indentation; the script never holds an expression. */
export function runStep(step: RunStep): string[] {
  const env = Object.entries(step.env ?? {});
  return [
    `      - name: ${q(step.name)}`,
    ...(step.id ? [`        id: ${step.id}`] : []),
    ...(step.if ? [`        if: ${expr(step.if)}`] : []),
    ...(env.length ? ['        env:', ...env.map(([key, value]) => `          ${key}: ${value}`)] : []),
    '        run: |',
    ...step.script.map((line) => (line ? `          ${line}` : '')),
  ];
}
