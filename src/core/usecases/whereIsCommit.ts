/**
 * Where Is Commit…: how far a commit, branch or pull request got. Asks what to look
 * for (HEAD, the branch's pull request, the release pull request, or any commit typed
 * in), then answers from the last refresh and git's ancestry: no extra GitHub request.
 */
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
      choices.push({ label: `Pull request #${pr.number}`, description: pr.title, value: pr.headSha });
    }
    for (const commit of snapshot.development.awaitingPromotion.commits.slice(0, 10)) {
      choices.push({
        label: commit.subject,
        description: `${shortSha(commit.sha)} on ${say.develop}`,
        value: commit.sha,
      });
    }
    choices.push({ label: 'Another commit, branch or tag…', value: '' });
    const picked = await port.pick({ title: 'Where is which change?', matchOnDescription: true }, choices);
    if (picked === undefined) {
      return { kind: 'cancelled' };
    }
    ref =
      picked ||
      (
        await port.input({
          title: 'Where is commit…',
          prompt: 'A commit SHA, a branch or a tag',
          validate: (value) => (value.trim() ? checkRefName(value.trim()) : 'Type a commit SHA, a branch or a tag.'),
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
    const sentence = `No commit named ${JSON.stringify(ref)} in this repository: fetch first, or check the name.`;
    port.notify({ severity: 'warning', message: sentence });
    return refused(sentence);
  }
  const journey = await journeyOf(sha, snapshot, repo.git, {
    develop: `origin/${say.develop}`,
    production: `origin/${say.production}`,
  });
  const rows = journeyRows(journey, repo.config);
  return done({ title: `Where is ${shortSha(sha)}${ref !== sha ? ` (${ref})` : ''}`, journey, rows });
}
