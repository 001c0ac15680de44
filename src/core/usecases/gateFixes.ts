/** A closed gate's failures as buttons: one per distinct fix, at most three (a modal has room for no more). */
import type { GateFailure } from '../flow/gates';
import type { Choice } from './port';

export function fixChoices(failures: readonly GateFailure[]): Choice<GateFailure['fix']['action']>[] {
  const fixes = new Map<string, GateFailure['fix']['action']>();
  for (const failure of failures) {
    if (failure.fix.action !== 'none' && !fixes.has(failure.fix.label)) {
      fixes.set(failure.fix.label, failure.fix.action);
    }
  }
  return [...fixes].slice(0, 3).map(([label, value]) => ({ label, value }));
}
