/** Back Up Production: tag origin's production commit and push the tag; done with the tag's name. */
import * as l10n from '@vscode/l10n';
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
  const what = l10n.t('{0} at {1}', say.production, shortSha(backup.sha));
  const sentence = backup.reused
    ? l10n.t(
        'Production ({0}) is backed up as {1}, the tag an earlier attempt created moments ago; it is on origin now.',
        what,
        backup.tag,
      )
    : l10n.t('Backed up production ({0}) as {1}, pushed to origin.', what, backup.tag);
  port.notify({ severity: 'info', message: sentence });
  return done(backup.tag, sentence);
}
