/**
 * Repository rulesets: POST stores a branch ruleset, and `GET /rules/branches/{branch}`
 * answers every rule an active ruleset applies to that branch, with the ruleset it came
 * from, as GitHub does (an empty list when none apply; readable without admin rights).
 */
import { nodeId, repoApiUrl, repoWebUrl, type ServerContext } from '../context';
import { jsonBody, ok, paginate, requireString, validationFailed, type ApiRequest } from '../http';
import type { RulesetRecord } from '../policyState';
import type { Route } from '../router';
import { ApiError } from '../http';
import { timestamp } from '../state';

const RULE_TYPES = new Set([
  'creation',
  'update',
  'deletion',
  'required_linear_history',
  'required_signatures',
  'pull_request',
  'required_status_checks',
  'non_fast_forward',
]);

/** `~ALL`, `~DEFAULT_BRANCH`, a full ref name, or an fnmatch-style pattern with `*`. */
function matches(pattern: string, ref: string, defaultBranch: string): boolean {
  if (pattern === '~ALL') {
    return true;
  }
  if (pattern === '~DEFAULT_BRANCH') {
    return ref === `refs/heads/${defaultBranch}`;
  }
  // `**` crosses slashes, `*` does not.
  const source = pattern
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`).test(ref);
}

async function rulesForBranch(request: ApiRequest, context: ServerContext) {
  const ref = `refs/heads/${request.params.branch ?? ''}`;
  const defaultBranch = await context.git.defaultBranch();
  const applying = context.state.rulesets.filter(
    (r) =>
      r.enforcement === 'active' &&
      r.target === 'branch' &&
      r.include.some((p) => matches(p, ref, defaultBranch)) &&
      !r.exclude.some((p) => matches(p, ref, defaultBranch)),
  );
  const rules = applying.flatMap((ruleset) =>
    ruleset.rules.map((rule) => ({
      ...rule,
      ruleset_source_type: 'Repository',
      ruleset_source: `${context.owner}/${context.repo}`,
      ruleset_id: ruleset.id,
    })),
  );
  const page = paginate(rules, request);
  return ok(page.items, 200, page.headers);
}

function createRuleset(request: ApiRequest, context: ServerContext) {
  if (!context.state.isAdmin) {
    throw new ApiError(404, 'Not Found');
  }
  const body = jsonBody(request);
  const name = requireString(body, 'name', 'Ruleset');
  const enforcement = body.enforcement;
  if (enforcement !== 'active' && enforcement !== 'evaluate' && enforcement !== 'disabled') {
    throw validationFailed([{ resource: 'Ruleset', field: 'enforcement', code: 'invalid' }]);
  }
  if (context.state.rulesets.some((r) => r.name === name)) {
    throw validationFailed([
      { resource: 'Ruleset', field: 'name', code: 'already_exists', message: 'Name must be unique' },
    ]);
  }
  const refName = (body.conditions as { ref_name?: { include?: unknown; exclude?: unknown } } | undefined)?.ref_name;
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const rules = Array.isArray(body.rules) ? (body.rules as { type?: unknown; parameters?: unknown }[]) : [];
  if (rules.some((rule) => typeof rule.type !== 'string' || !RULE_TYPES.has(rule.type))) {
    throw validationFailed([{ resource: 'Ruleset', field: 'rules', code: 'invalid' }]);
  }
  const record: RulesetRecord = {
    id: context.state.nextId(),
    name,
    target: body.target === 'tag' ? 'tag' : body.target === 'push' ? 'push' : 'branch',
    enforcement,
    include: strings(refName?.include),
    exclude: strings(refName?.exclude),
    rules: rules.map((rule) => ({
      type: rule.type as string,
      ...(typeof rule.parameters === 'object' && rule.parameters !== null
        ? { parameters: rule.parameters as Record<string, unknown> }
        : {}),
    })),
    createdAt: timestamp(),
  };
  context.state.rulesets.push(record);
  return ok(renderRuleset(context, record), 201);
}

function renderRuleset(context: ServerContext, ruleset: RulesetRecord): Record<string, unknown> {
  return {
    id: ruleset.id,
    name: ruleset.name,
    target: ruleset.target,
    source_type: 'Repository',
    source: `${context.owner}/${context.repo}`,
    enforcement: ruleset.enforcement,
    bypass_actors: [],
    current_user_can_bypass: 'never',
    node_id: nodeId('RepositoryRuleset', ruleset.id),
    _links: {
      self: { href: `${repoApiUrl(context)}/rulesets/${ruleset.id}` },
      html: { href: `${repoWebUrl(context)}/rules/${ruleset.id}` },
    },
    conditions: { ref_name: { include: ruleset.include, exclude: ruleset.exclude } },
    rules: ruleset.rules,
    created_at: ruleset.createdAt,
    updated_at: ruleset.createdAt,
  };
}

export const rulesetRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/rules/branches/{branch+}', handler: rulesForBranch },
  { method: 'POST', template: '/repos/{owner}/{repo}/rulesets', handler: createRuleset },
];
