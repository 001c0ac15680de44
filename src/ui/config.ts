import * as vscode from 'vscode';
import { Settings } from '../constants';
import { defaultFlowConfig, type FlowConfig } from '../core/model/flowConfig';
import { alertThresholdOf } from '../core/flow/alertGate';

/**
 * Reads `envflow.*` for a folder. In an untrusted workspace VS Code itself ignores
 * workspace values of the restricted settings (`testCommand`, `github.apiUrl`,
 * declared in package.json `capabilities`), so a repository cannot redirect the token
 * or run a command through its own `.vscode/settings.json`.
 */
export function readFlowConfig(scope?: vscode.Uri): FlowConfig {
  const c = vscode.workspace.getConfiguration(Settings.section, scope);
  const d = defaultFlowConfig;
  return {
    developBranch: c.get<string>(Settings.developBranch, d.developBranch).trim() || d.developBranch,
    productionBranch: c.get<string>(Settings.productionBranch, d.productionBranch).trim() || d.productionBranch,
    branchPrefixes: c.get<string[]>(Settings.branchPrefixes, [...d.branchPrefixes]),
    developmentEnvironment: c.get<string>(Settings.developmentEnvironment, d.developmentEnvironment),
    productionEnvironment: c.get<string>(Settings.productionEnvironment, d.productionEnvironment),
    testCommand: c.get<string>(Settings.testCommand, d.testCommand),
    requireLocalTests: c.get<boolean>(Settings.requireLocalTests, d.requireLocalTests),
    requireCleanTree: c.get<boolean>(Settings.requireCleanTree, d.requireCleanTree),
    publishStatus: c.get<boolean>(Settings.publishStatus, d.publishStatus),
    blockOnAlerts: alertThresholdOf(c.get<string>(Settings.blockOnAlerts, d.blockOnAlerts)),
    publishTestCommand: c.get<boolean>(Settings.publishTestCommand, d.publishTestCommand),
    apiUrl: c.get<string>(Settings.apiUrl, d.apiUrl).trim() || d.apiUrl,
    pollInterval: Math.max(10, c.get<number>(Settings.pollInterval, d.pollInterval)),
    autoFetch: autoFetchOf(c.get<AutoFetchSetting>(Settings.autoFetch, 'followGit'), scope),
  };
}

type AutoFetchSetting = 'followGit' | 'on' | 'off';

/**
 * `followGit` does what VS Code's own `git.autofetch` does for the folder, so a user who
 * turned fetching off there never gets it back from EnvFlow.
 */
function autoFetchOf(setting: AutoFetchSetting, scope: vscode.Uri | undefined): boolean {
  if (setting === 'on' || setting === 'off') {
    return setting === 'on';
  }
  const git = vscode.workspace.getConfiguration('git', scope).get<boolean | 'all'>('autofetch', false);
  return git === true || git === 'all';
}

/** True when a change event touches any EnvFlow setting. */
export function affectsFlowConfig(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(Settings.section);
}
