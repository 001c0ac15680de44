/**
 * The dependencies a release adds that have known vulnerabilities, from GitHub's
 * dependency-graph comparison of production and develop, as lines for the release
 * pull request body. One conditional request.
 */
import type { DependencyChange, SecurityScanning } from '../github/securityScanning';
import { codeSpan, escapeInline } from './markdown';

export type DependencyComparer = Pick<SecurityScanning, 'compareDependencies'>;

export async function readVulnerableAdditions(
  scanning: DependencyComparer,
  base: string,
  head: string,
): Promise<DependencyChange[]> {
  return vulnerableAdditions((await scanning.compareDependencies(base, head)).data);
}

export function vulnerableAdditions(changes: readonly DependencyChange[]): DependencyChange[] {
  return changes.filter((change) => change.changeType === 'added' && change.vulnerabilities.length > 0);
}

/** One markdown line per advisory against an added dependency; empty when there are none. */
export function vulnerableDependencyLines(changes: readonly DependencyChange[]): string[] {
  return vulnerableAdditions(changes).flatMap((change) =>
    change.vulnerabilities.map((vulnerability) => {
      const where = [change.ecosystem, change.manifest].filter((part) => part !== '').join(', ');
      const advisory = vulnerability.url ? `[${vulnerability.ghsaId}](${vulnerability.url})` : vulnerability.ghsaId;
      const summary = vulnerability.summary ? ` ${escapeInline(vulnerability.summary)}` : '';
      return `- ${codeSpan(`${change.name}@${change.version}`)}${where ? ` (${where})` : ''}: **${vulnerability.severity}**, ${advisory}${summary}`;
    }),
  );
}

/** The release body's section, or undefined when the release adds nothing vulnerable. */
export function vulnerableDependenciesSection(changes: readonly DependencyChange[]): string | undefined {
  const lines = vulnerableDependencyLines(changes);
  return lines.length === 0
    ? undefined
    : ['### Dependencies added with known vulnerabilities', '', ...lines].join('\n');
}
