import type { Logger } from '../../core/log';
import type { JobLogDocuments } from '../jobLogDocuments';
import type { ProposalDocuments } from '../proposals';
import type { TestRunner } from '../testing/testRunner';
import { backupProductionCommand } from './backupProduction';
import { openPullRequestCommand } from './openPullRequest';
import { promoteCommand } from './promote';
import type { CommandSpec } from './registry';
import { rollbackProductionCommand } from './rollbackProduction';
import { reviewDeploymentCommands } from './reviewDeployment';
import { runCommands } from './runCommands';
import { runTestsCommand } from './runTests';
import { setupRepositoryCommand } from './setupRepository';
import { startBranchCommands } from './startBranch';
import { syncDevelopCommand } from './syncDevelop';
import { viewCommands, type ViewServices } from './viewCommands';

/** Every command EnvFlow registers, declared once; the widgets they need are passed in, not the container. */
export function allCommands(parts: {
  view: ViewServices;
  runner: TestRunner;
  proposals: ProposalDocuments;
  jobLogs: JobLogDocuments;
  logger: Logger;
}): CommandSpec[] {
  return [
    ...viewCommands(parts.view),
    ...startBranchCommands,
    runTestsCommand(parts.runner, parts.logger),
    openPullRequestCommand,
    promoteCommand,
    backupProductionCommand,
    rollbackProductionCommand,
    syncDevelopCommand,
    setupRepositoryCommand(parts.proposals),
    ...runCommands(parts.jobLogs),
    ...reviewDeploymentCommands,
  ];
}
