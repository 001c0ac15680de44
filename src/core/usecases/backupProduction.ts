/** Back Up Production: tag origin's production commit and push the tag; done with the tag's name. */
import { takeBackup } from '../release/backup';
import { shortSha } from '../model/sha';
import { done, type Outcome } from './outcome';
import type { UseCaseInput } from './services';

export async function backupProduction({ port, repo, say }: UseCaseInput): Promise<Outcome<string>> {
  const backup = await takeBackup(repo.git, {
    productionBranch: say.production,
    now: repo.now,
    onProgress: (message) => port.progress(message),
  });
  const what = `${say.production} at ${shortSha(backup.sha)}`;
  const sentence = backup.reused
    ? `Production (${what}) is backed up as ${backup.tag}, the tag an earlier attempt created moments ago; it is on origin now.`
    : `Backed up production (${what}) as ${backup.tag}, pushed to origin.`;
  port.notify({ severity: 'info', message: sentence });
  return done(backup.tag, sentence);
}
