/**
 * A GitHub Actions run or job named by a web link: a check run's `details_url`, a
 * deployment status's `log_url` or a commit status's `target_url`. Only links into this
 * repository's own web pages count, so a status posted by anyone cannot point EnvFlow
 * at another repository's runs.
 */
export interface ActionsLink {
  readonly runId: number;
  /** Present when the link names one job (`…/actions/runs/1/job/2`). */
  readonly jobId?: number;
}

const RUN_PATH = /^\/actions\/runs\/(\d{1,15})(?:\/job\/(\d{1,15}))?(?:\/attempts\/\d+)?\/?$/;

export function parseActionsLink(url: string | undefined, repositoryWebUrl: string): ActionsLink | undefined {
  if (!url) {
    return undefined;
  }
  let link: URL;
  let repository: URL;
  try {
    link = new URL(url);
    repository = new URL(repositoryWebUrl.replace(/\/+$/, ''));
  } catch {
    return undefined;
  }
  if (
    link.origin !== repository.origin ||
    !link.pathname.toLowerCase().startsWith(`${repository.pathname.toLowerCase()}/`)
  ) {
    return undefined;
  }
  const match = RUN_PATH.exec(link.pathname.slice(repository.pathname.length));
  if (!match?.[1]) {
    return undefined;
  }
  const runId = Number(match[1]);
  return match[2] ? { runId, jobId: Number(match[2]) } : { runId };
}

/**
 * The job behind a check run: GitHub Actions reports each job as a check run whose
 * `details_url` is the job's page. Check runs come only from GitHub Apps on this
 * repository's own commits, so the path alone identifies the job.
 */
export function actionsJobOfCheckRun(
  detailsUrl: string | undefined,
): { readonly runId: number; readonly jobId: number } | undefined {
  if (!detailsUrl) {
    return undefined;
  }
  let path: string;
  try {
    path = new URL(detailsUrl).pathname;
  } catch {
    return undefined;
  }
  const match = /\/actions\/runs\/(\d{1,15})\/job\/(\d{1,15})\/?$/.exec(path);
  return match?.[1] && match[2] ? { runId: Number(match[1]), jobId: Number(match[2]) } : undefined;
}
