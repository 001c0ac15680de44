/**
 * Syncing develop with production (`envflow.syncDevelop`) without the UI:
 * after a hotfix lands on production, a pull request production → develop brings it
 * back, so the next release does not undo it. Merged by people; nothing is pushed here.
 */
import * as l10n from '@vscode/l10n';
import type { FlowConfig } from '../model/flowConfig';
import type { PullRequestInfo } from '../model/snapshot';
import type { CommitSummary, GitRepository } from '../git/repository';
import type { GitHubClient } from '../github/client';
import { escapeInline } from './markdown';
import { findOrCreatePullRequest } from './pullRequests';
import { Steps } from '../util/steps';
import { shortSha } from '../model/sha';

/** How many missing commits the body lists. */
const LISTED = 50;

export type SyncOutcome =
  | { readonly kind: 'inSync' }
  | {
      readonly kind: 'opened' | 'existing';
      readonly pullRequest: PullRequestInfo;
      /** Commits production has that develop lacks, newest first (at most 500). */
      readonly missing: readonly CommitSummary[];
    };

/**
 * Fetches both branches; when origin's develop already contains origin's production
 * says so, else shows or opens the pull request production → develop.
 */
export async function syncDevelop(input: {
  readonly git: GitRepository;
  readonly client: GitHubClient;
  readonly config: Pick<FlowConfig, 'developBranch' | 'productionBranch'>;
  readonly onProgress?: (message: string) => void;
}): Promise<SyncOutcome> {
  const { git, client } = input;
  const { developBranch: develop, productionBranch: production } = input.config;
  const progress = input.onProgress ?? (() => undefined);
  const steps = new Steps(l10n.t('EnvFlow: Sync Develop with Production'));
  progress(l10n.t('Fetching {0} and {1}…', develop, production));
  await steps.run(l10n.t('fetching {0} and {1} from origin', develop, production), () =>
    git.fetch('origin', [develop, production]),
  );
  if (await git.isAncestor(`origin/${production}`, `origin/${develop}`)) {
    return { kind: 'inSync' };
  }
  const missing = await git.log(`origin/${develop}..origin/${production}`, 500);
  progress(l10n.t('Opening the pull request {0} → {1}…', production, develop));
  const { pullRequest, created } = await steps.run(
    l10n.t('opening the pull request {0} → {1}', production, develop),
    () =>
      findOrCreatePullRequest(client, {
        head: production,
        base: develop,
        title: `Sync ${develop} with ${production}`,
        body: syncPullRequestBody(develop, production, missing),
      }),
  );
  return { kind: created ? 'opened' : 'existing', pullRequest, missing };
}

/** The sync pull request's body; `missing` newest first. Pure. */
export function syncPullRequestBody(
  develop: string,
  production: string,
  missing: readonly Pick<CommitSummary, 'sha' | 'subject'>[],
): string {
  const lines = [
    `Brings \`${develop}\` up to date with \`${production}\` (a hotfix or a rollback landed there), so the next release does not undo it.`,
    '',
    `### ${missing.length === 1 ? 'Commit' : `${missing.length} commits`} on ${production} that ${develop} lacks`,
    '',
    ...missing.slice(0, LISTED).map((commit) => `- ${shortSha(commit.sha)} ${escapeInline(commit.subject)}`),
    ...(missing.length > LISTED ? [`- …and ${missing.length - LISTED} more`] : []),
    '',
    'Merge it with a merge commit (not a squash or a rebase), so git knows these commits are in both branches.',
    '',
    '<sub>Opened with EnvFlow: Sync Develop with Production.</sub>',
  ];
  return lines.join('\n');
}
