import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { CommandServices } from './services';
import type { PullRequestInfo } from '../../core/model/snapshot';
import { syncDevelop } from '../../core/release/sync';
import { readFlowConfig } from '../config';
import { announce, requireRepository } from './common';
import type { CommandContext, CommandSpec } from './registry';

/** `envflow.syncDevelop`: show or open the pull request production → develop (after a hotfix). */
export function syncDevelopCommand(c: CommandServices): CommandSpec {
  return { id: Commands.syncDevelop, mutates: true, progressTitle: 'Syncing develop', run: (ctx) => sync(c, ctx) };
}

async function sync(c: CommandServices, ctx: CommandContext): Promise<PullRequestInfo | undefined> {
  const model = requireRepository(c);
  const config = readFlowConfig(vscode.Uri.file(model.root));
  const { developBranch: develop, productionBranch: production } = config;
  const github = await c.githubFor(model);
  if ('reason' in github) {
    throw new Error(github.reason);
  }
  const outcome = await syncDevelop({
    git: c.gitOf(model),
    client: github.client,
    config,
    onProgress: (message) => ctx.progress.report({ message }),
  });
  await c.repositories.refresh(model, 'full');
  if (outcome.kind === 'inSync') {
    void vscode.window.showInformationMessage(`${develop} already has everything in ${production}.`);
    return undefined;
  }
  const pr = outcome.pullRequest;
  const count = `${outcome.missing.length} ${outcome.missing.length === 1 ? 'commit' : 'commits'}`;
  announce(
    outcome.kind === 'opened'
      ? `Opened pull request #${pr.number} (${production} → ${develop}) with the ${count} ${develop} lacks.`
      : `Pull request #${pr.number} (${production} → ${develop}) is already open; ${develop} still lacks ${count}.`,
    pr.url,
  );
  return pr;
}
