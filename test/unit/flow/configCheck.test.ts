import * as assert from 'node:assert/strict';
import { defaultFlowConfig, type FlowConfig } from '../../../src/core/model/flowConfig';
import { checkEnvironmentName, checkFlowConfig } from '../../../src/core/flow/configCheck';

describe('settings that reach git arguments and API paths', () => {
  const withSetting = (values: Partial<FlowConfig>): FlowConfig => ({ ...defaultFlowConfig, ...values });

  it('accepts the defaults and ordinary names', () => {
    assert.equal(checkFlowConfig(defaultFlowConfig), undefined);
    assert.equal(
      checkFlowConfig(
        withSetting({
          developBranch: 'dev',
          productionBranch: 'release/prod',
          branchPrefixes: ['feat', 'bug/fix'],
          productionEnvironment: 'Production EU',
        }),
      ),
      undefined,
    );
  });

  const hostile: [string, Partial<FlowConfig>, RegExp][] = [
    [
      'a developBranch of ..',
      { developBranch: '..' },
      /^The setting envflow\.developBranch is not usable: .*'\.\.'.*local-only mode\.$/,
    ],
    ['a productionBranch climbing out of its path', { productionBranch: 'main/../../x' }, /envflow\.productionBranch/],
    [
      'a productionBranch that is an option',
      { productionBranch: '--upload-pack=touch /tmp/x' },
      /envflow\.productionBranch.*option/,
    ],
    ['a branch prefix with ..', { branchPrefixes: ['feature', '../x'] }, /envflow\.branchPrefixes/],
    ['a non-string branch prefix', { branchPrefixes: [42 as unknown as string] }, /envflow\.branchPrefixes.*string/],
    ['an environment of ..', { developmentEnvironment: '..' }, /envflow\.environments\.development/],
    [
      'an environment with a newline',
      { productionEnvironment: 'prod\nenv: x' },
      /envflow\.environments\.production.*control character/,
    ],
  ];
  for (const [title, values, expected] of hostile) {
    it(`refuses ${title} with one sentence naming the setting`, () => {
      assert.match(checkFlowConfig(withSetting(values)) ?? '', expected);
    });
  }

  it('bounds environment names as GitHub does', () => {
    assert.equal(checkEnvironmentName('x'.repeat(255)), undefined);
    assert.match(checkEnvironmentName('x'.repeat(256)) ?? '', /255/);
    assert.match(checkEnvironmentName(' ') ?? '', /empty/);
    assert.match(checkEnvironmentName(' prod') ?? '', /space/);
  });
});
