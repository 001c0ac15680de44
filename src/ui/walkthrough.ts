import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import type { RepositorySnapshot } from '../core/model/snapshot';

/**
 * The Getting Started walkthrough's steps complete on real events, not on running a
 * command: each context key turns true once the state shows the step happened
 * (`completionEvents: ["onContext:…"]` in package.json). Sign-in uses `envflow.signedIn`;
 * "set up" is set by Set Up Repository when nothing is missing.
 */
export function walkthroughProgress(): { update(snapshots: readonly RepositorySnapshot[]): void } {
  const reached = new Set<string>();
  const reach = (key: string, now: boolean) => {
    // Once reached it stays reached: switching back to develop does not undo a step.
    if (now && !reached.has(key)) {
      reached.add(key);
      void vscode.commands.executeCommand('setContext', key, true);
    }
  };
  return {
    update(snapshots) {
      for (const s of snapshots) {
        const branch = s.local.branch;
        reach(
          ContextKeys.walkthroughOnBranch,
          branch !== undefined && branch !== s.development.branch && branch !== s.production.branch,
        );
        reach(ContextKeys.walkthroughTestsPassed, s.local.tests.state === 'passed');
        reach(ContextKeys.walkthroughPrOpen, !!s.local.pullRequest);
        reach(ContextKeys.walkthroughPromoted, !!s.development.releasePullRequest);
      }
    },
  };
}
