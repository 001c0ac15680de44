import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { CommandServices } from './services';
import { takeBackup } from '../../core/release/backup';
import { readFlowConfig } from '../config';
import { requireRepository } from './common';
import type { CommandContext, CommandSpec } from './registry';

/** `envflow.backupProduction`: tag origin's production commit and push the tag; returns the tag name. */
export function backupProductionCommand(c: CommandServices): CommandSpec {
  return { id: Commands.backupProduction, mutates: true, progressTitle: 'Backing up production', run: (ctx) => backupProduction(c, ctx) };
}

async function backupProduction(c: CommandServices, ctx: CommandContext): Promise<string> {
  const model = requireRepository(c);
  const config = readFlowConfig(vscode.Uri.file(model.root));
  const backup = await takeBackup(c.gitOf(model), {
    productionBranch: config.productionBranch,
    onProgress: (message) => ctx.progress.report({ message }),
  });
  // Tags are local refs: a local refresh is enough for the Production section to show it.
  await c.repositories.refresh(model, 'local');
  const what = `${config.productionBranch} at ${backup.sha.slice(0, 7)}`;
  void vscode.window.showInformationMessage(
    backup.reused
      ? `Production (${what}) is backed up as ${backup.tag}, the tag an earlier attempt created moments ago; it is on origin now.`
      : `Backed up production (${what}) as ${backup.tag}, pushed to origin.`,
  );
  return backup.tag;
}
