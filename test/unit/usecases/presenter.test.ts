import * as assert from 'node:assert/strict';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { Presenter } from '../../../src/core/usecases/presenter';

describe('the presenter words sentences with the configured branch names', () => {
  const custom = new Presenter({
    ...defaultFlowConfig,
    developBranch: 'trunk',
    productionBranch: 'release',
    branchPrefixes: ['story', 'bugfix'],
  });

  it('never says develop or main when the repository calls them otherwise', () => {
    const sentences = [
      custom.alreadyPromoted(),
      custom.commitSetupFiles(['.github/workflows/ci.yml']),
      custom.everythingSetUp(),
      custom.developChecksTurnedRed('abcdef0123', ['lint'], ''),
      custom.noRepository(),
      custom.untrusted(),
      custom.signInFirst(),
      custom.unreadableRepository(),
    ];
    for (const sentence of sentences) {
      assert.doesNotMatch(sentence, /\b(develop|main)\b/, sentence);
    }
    assert.match(custom.commitSetupFiles(['a']), /from trunk .* trunk and release take changes/);
  });

  it('finds the configured prefix for a fix, never the hotfix one', () => {
    assert.equal(custom.fixPrefix, 'bugfix');
    assert.equal(new Presenter({ ...defaultFlowConfig, branchPrefixes: ['hotfix', 'feat'] }).fixPrefix, 'feat');
    assert.equal(new Presenter({ ...defaultFlowConfig, branchPrefixes: [] }).fixPrefix, undefined);
  });
});
