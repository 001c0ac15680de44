import * as assert from 'node:assert/strict';
import { Commands } from '../../../src/constants';
import { commandNeedsTrust } from '../../../src/ui/trust/entryPoints';

describe('which commands the trust gate holds back in an untrusted workspace', () => {
  it('lets only the commands that read no repository and run no program through', () => {
    const untrusted = Object.values(Commands)
      .filter((id) => !commandNeedsTrust(id))
      .sort();
    assert.deepEqual(
      untrusted,
      [
        Commands.openOnGitHub,
        Commands.showChecks,
        Commands.showOutput,
        Commands.showProduction,
        Commands.signIn,
        Commands.signOut,
      ].sort(),
    );
  });

  it('holds back Refresh, which would refresh repositories found earlier, and everything that runs git or tests', () => {
    for (const id of [
      Commands.refresh,
      Commands.runTests,
      Commands.startBranch,
      Commands.promote,
      Commands.setupRepository,
      Commands.syncDevelop,
    ]) {
      assert.equal(commandNeedsTrust(id), true, id);
    }
  });
});
