/**
 * Promotion (`envflow.promote`) without the UI: back production up, then show
 * or open the release pull request develop → production. Merging it is left to
 * people and branch protection; nothing here changes a branch.
 */
import * as l10n from '@vscode/l10n';
import type { FlowConfig } from '../model/flowConfig';
import type { PullRequestInfo } from '../model/snapshot';
import type { GitRepository } from '../git/repository';
import type { GitHubClient } from '../github/client';
import { takeBackup, type BackupResult } from './backup';
import { findOrCreatePullRequest } from './pullRequests';
import { releaseBody, releaseContents, releaseTitle } from './releaseNotes';
import { Steps } from '../util/steps';

export interface ReleaseRequest {
  readonly git: GitRepository;
  readonly client: GitHubClient;
  readonly config: Pick<FlowConfig, 'developBranch' | 'productionBranch'>;
  readonly now?: () => Date;
  readonly onProgress?: (message: string) => void;
  /** Markdown sections appended to a new release pull request's body (security notes). */
  readonly notes?: readonly string[];
}

export type ReleaseOutcome =
  | { readonly kind: 'nothingToPromote' }
  | {
      readonly kind: 'opened' | 'existing';
      readonly pullRequest: PullRequestInfo;
      readonly backup: BackupResult;
      /** Commits develop has that production lacks. */
      readonly aheadBy: number;
    };

/**
 * Compares production with develop on GitHub; when develop carries anything, backs
 * production up and returns the open release pull request, opening it when there is
 * none. Its body is written from the comparison and names the backup tag.
 */
export async function openReleasePullRequest(request: ReleaseRequest): Promise<ReleaseOutcome> {
  const { client, git } = request;
  const { developBranch, productionBranch } = request.config;
  const now = request.now ?? (() => new Date());
  const progress = request.onProgress ?? (() => undefined);

  const steps = new Steps(l10n.t('EnvFlow: Promote'));

  progress(l10n.t('Comparing {0} with {1}…', productionBranch, developBranch));
  const comparison = await steps.run(l10n.t('comparing {0} with {1} on GitHub', productionBranch, developBranch), () =>
    client.compare(productionBranch, developBranch),
  );
  if (comparison.aheadBy === 0) {
    return { kind: 'nothingToPromote' };
  }
  // The backup comes before the pull request: it records production as it was before the release.
  // Any backup tag of the same commit is this backup: a re-run after a failure adds no second tag.
  const backup = await steps.run(
    l10n.t('backing up production'),
    () => takeBackup(git, { productionBranch, now, onProgress: progress, reuseWindowMs: Infinity }),
    (taken) => l10n.t('backing up production as {0}', taken.tag),
  );
  progress(l10n.t('Opening the release pull request…'));
  const date = now();
  const { pullRequest, created } = await steps.run(l10n.t('opening the release pull request'), () =>
    findOrCreatePullRequest(
      client,
      { head: developBranch, base: productionBranch, title: releaseTitle(releaseContents(comparison.commits), date) },
      () =>
        releaseBody({
          developBranch,
          productionBranch,
          commits: comparison.commits,
          totalCommits: comparison.aheadBy,
          backup: { tag: backup.tag, sha: backup.sha },
          date,
        }) + (request.notes?.length ? `\n\n${request.notes.join('\n\n')}` : ''),
    ),
  );
  return { kind: created ? 'opened' : 'existing', pullRequest, backup, aheadBy: comparison.aheadBy };
}
