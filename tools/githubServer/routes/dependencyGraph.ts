/**
 * `GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}`: the dependencies a
 * comparison adds or removes, with the advisories known against each. Both sides must
 * exist in git; the changes themselves are seeded per `base...head`.
 */
import type { ServerContext } from '../context';
import { ApiError, ok, type ApiRequest } from '../http';
import type { Route } from '../router';
import type { DependencyChangeInput } from '../securityRecords';

export function setDependencyChanges(
  context: ServerContext,
  basehead: string,
  changes: readonly DependencyChangeInput[],
): void {
  context.state.security.dependencyChanges.set(basehead, [...changes]);
}

function renderChange(change: DependencyChangeInput): Record<string, unknown> {
  const ecosystem = change.ecosystem ?? 'npm';
  return {
    change_type: change.changeType,
    manifest: change.manifest ?? 'package-lock.json',
    ecosystem,
    name: change.name,
    version: change.version,
    package_url: `pkg:${ecosystem}/${change.name}@${change.version}`,
    license: 'MIT',
    source_repository_url: null,
    scope: 'runtime',
    vulnerabilities: (change.vulnerabilities ?? []).map((vulnerability) => ({
      severity: vulnerability.severity,
      advisory_ghsa_id: vulnerability.ghsaId,
      advisory_summary: vulnerability.summary,
      advisory_url: `https://github.com/advisories/${vulnerability.ghsaId}`,
    })),
  };
}

function compareDependencies(request: ApiRequest, context: ServerContext) {
  const basehead = request.params.basehead ?? '';
  const separator = basehead.indexOf('...');
  const base = separator >= 0 ? basehead.slice(0, separator) : '';
  const head = separator >= 0 ? basehead.slice(separator + 3) : '';
  if (!base || !head) {
    throw new ApiError(
      400,
      'Invalid basehead: use the form BASE...HEAD.',
      {},
      '/dependency-graph/dependency-review#get-a-diff-of-the-dependencies-between-commits',
    );
  }
  if (!context.git.resolveCommit(base) || !context.git.resolveCommit(head)) {
    throw new ApiError(
      404,
      'Not Found',
      {},
      '/dependency-graph/dependency-review#get-a-diff-of-the-dependencies-between-commits',
    );
  }
  return ok((context.state.security.dependencyChanges.get(`${base}...${head}`) ?? []).map(renderChange));
}

export const dependencyGraphRoutes: readonly Route[] = [
  {
    method: 'GET',
    template: '/repos/{owner}/{repo}/dependency-graph/compare/{basehead+}',
    handler: compareDependencies,
  },
];
