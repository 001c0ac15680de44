/**
 * Where Is Commit…: how far a commit, branch or pull request got. Asks what to look
 * for (HEAD, the branch's pull request, the release pull request, or any commit typed
 * in), then answers from the last refresh and git's ancestry: no extra GitHub request.
 */
import * as l10n from '@vscode/l10n';
import { checkRefName } from '../git/refName';
import { journeyRows, type JourneyRow } from '../flow/journeyText';
import { whereIsCommit as journeyOf, type CommitJourney } from '../flow/whereIsCommit';
import { shortSha } from '../model/sha';
import { done, refused, type Outcome } from './outcome';
import type { Choice } from './port';
import { recentSnapshot, type UseCaseInput } from './services';

export interface JourneyView {
  readonly title: string;
  readonly journey: CommitJourney;
  readonly rows: readonly JourneyRow[];
}

/** Args: a ref (a SHA, branch or tag) as text or `{ ref }`, or a tree row's subject `{ sha }`; none: ask. */
export async function whereIsCommit({ port, repo, say, args }: UseCaseInput): Promise<Outcome<JourneyView>> {
  const snapshot = await recentSnapshot(repo, say);
  const named = (typeof args === 'string' ? { ref: args } : args) as
    { readonly ref?: unknown; readonly sha?: unknown } | undefined;
  let ref = [named?.sha, named?.ref].find((value): value is string => typeof value === 'string' && value.length > 0);
  if (!ref) {
    // '' stands for "type one": a dismissed pick is undefined.
    const choices: Choice<string>[] = [];
    if (snapshot.local.headSha) {
      choices.push({
        label: `HEAD${snapshot.local.branch ? ` (${snapshot.local.branch})` : ''}`,
        description: shortSha(snapshot.local.headSha),
        value: snapshot.local.headSha,
      });
    }
    const pr = snapshot.local.pullRequest;
    if (pr) {
      choices.push({ label: l10n.t('Pull request #{0}', pr.number), description: pr.title, value: pr.headSha });
    }
    for (const commit of snapshot.development.awaitingPromotion.commits.slice(0, 10)) {
      choices.push({
        label: commit.subject,
        description: l10n.t('{0} on {1}', shortSha(commit.sha), say.develop),
        value: commit.sha,
      });
    }
    choices.push({ label: l10n.t('Another commit, branch or tag…'), value: '' });
    const picked = await port.pick({ title: l10n.t('Where is which change?'), matchOnDescription: true }, choices);
    if (picked === undefined) {
      return { kind: 'cancelled' };
    }
    ref =
      picked ||
      (
        await port.input({
          title: l10n.t('Where is commit…'),
          prompt: l10n.t('A commit SHA, a branch or a tag'),
          validate: (value) =>
            value.trim() ? checkRefName(value.trim()) : l10n.t('Type a commit SHA, a branch or a tag.'),
        })
      )?.trim();
    if (!ref) {
      return { kind: 'cancelled' };
    }
  }
  const problem = checkRefName(ref);
  if (problem) {
    port.notify({ severity: 'warning', message: problem });
    return refused(problem);
  }
  const sha = await repo.git.resolveCommit(ref);
  if (!sha) {
    const sentence = l10n.t(
      'No commit named {0} in this repository: fetch first, or check the name.',
      JSON.stringify(ref),
    );
    port.notify({ severity: 'warning', message: sentence });
    return refused(sentence);
  }
  const journey = await journeyOf(sha, snapshot, repo.git, {
    develop: `origin/${say.develop}`,
    production: `origin/${say.production}`,
  });
  const rows = journeyRows(journey, repo.config);
  const title = ref !== sha ? l10n.t('Where is {0} ({1})', shortSha(sha), ref) : l10n.t('Where is {0}', shortSha(sha));
  return done({ title, journey, rows });
}
