/**
 * `${{ }}` evaluated by GitHub's own expression engine (@actions/expressions, ESM, so
 * loaded once with a dynamic import), with the status functions a runner supplies.
 */
type Expressions = typeof import('@actions/expressions');
type ResultModule = typeof import('@actions/expressions/result');

export interface StatusFunctions {
  readonly success: boolean;
  readonly failure: boolean;
}

export interface ExpressionEngine {
  /** The value of a bare expression (an `if:` without its `${{ }}`), as plain JSON. */
  evaluate(text: string, contexts: Record<string, unknown>, status?: StatusFunctions): unknown;
  /** Whether a condition holds, with GitHub's truthiness. */
  condition(text: string, contexts: Record<string, unknown>, status: StatusFunctions): boolean;
  /** A string with every `${{ }}` replaced by its value as a string. */
  render(template: string, contexts: Record<string, unknown>, status?: StatusFunctions): string;
}

let loaded: Promise<ExpressionEngine> | undefined;

export function expressionEngine(): Promise<ExpressionEngine> {
  loaded ??= Promise.all([import('@actions/expressions'), import('@actions/expressions/result')]).then(([ex, result]) =>
    engine(ex, result),
  );
  return loaded;
}

/** `${{ x }}` → `x`; an `if:` may be written either way. */
export function unwrap(text: string): string {
  const match = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return match ? match[1].trim() : text.trim();
}

function engine(ex: Expressions, result: ResultModule): ExpressionEngine {
  const statusFunctions = (status: StatusFunctions | undefined) => {
    const fn = (name: string, value: () => boolean) =>
      [name, { name, minArgs: 0, maxArgs: 0, call: () => new ex.data.BooleanData(value()) }] as const;
    return new Map([
      fn('success', () => status?.success ?? true),
      fn('failure', () => status?.failure ?? false),
      fn('always', () => true),
      fn('cancelled', () => false),
    ]);
  };
  const evaluateData = (text: string, contexts: Record<string, unknown>, status?: StatusFunctions) => {
    const lexed = new ex.Lexer(text).lex();
    const functions = statusFunctions(status);
    const parsed = new ex.Parser(lexed.tokens, Object.keys(contexts), [...functions.values()]).parse();
    const data = JSON.parse(JSON.stringify(contexts), ex.data.reviver) as InstanceType<
      Expressions['data']['Dictionary']
    >;
    return new ex.Evaluator(parsed, data, functions).evaluate();
  };
  return {
    evaluate: (text, contexts, status) =>
      JSON.parse(JSON.stringify(evaluateData(unwrap(text), contexts, status), ex.data.replacer)) as unknown,
    condition: (text, contexts, status) => result.truthy(evaluateData(unwrap(text), contexts, status)),
    render: (template, contexts, status) =>
      template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_match, inner: string) => {
        const value = evaluateData(inner.trim(), contexts, status);
        return value.kind === ex.data.Kind.Null ? '' : value.coerceString();
      }),
  };
}
