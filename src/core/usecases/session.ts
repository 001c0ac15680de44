/** Refresh, Sign In and Sign Out: the commands about the whole workspace rather than one repository. */
import * as l10n from '@vscode/l10n';
import { done, type Outcome } from './outcome';
import type { WorkspaceInput } from './services';

export interface WorkspaceServices {
  /** Discovery and the first refresh, when they have not run yet. */
  start(): Promise<void>;
  /** `after` names the sign-in change that asked for it (the trust gate checks each such door). */
  refreshAll(kind: 'local' | 'full', after?: 'signIn' | 'signOut'): Promise<void>;
  /** True when a token for the configured GitHub is now available. */
  signIn(token: string | undefined): Promise<boolean>;
  /** True when EnvFlow held a token of its own and removed it. */
  signOut(): Promise<boolean>;
  /** Every repository asks for its GitHub client again (after the account changed). */
  forgetConnections(): void;
}

export function refreshAll(workspace: WorkspaceServices) {
  return async (): Promise<Outcome> => {
    await workspace.start();
    await workspace.refreshAll('full');
    return done();
  };
}

/** Signs in (with a token for automation, else VS Code's GitHub account); done with true once signed in. */
export function signIn(workspace: WorkspaceServices) {
  return async ({ args }: WorkspaceInput): Promise<Outcome<boolean>> => {
    const token =
      typeof args === 'object' && args !== null && typeof (args as { token?: unknown }).token === 'string'
        ? (args as { token: string }).token
        : undefined;
    if (!(await workspace.signIn(token))) {
      return { kind: 'cancelled' };
    }
    workspace.forgetConnections();
    await workspace.refreshAll('full', 'signIn');
    return done(true);
  };
}

export function signOut(workspace: WorkspaceServices) {
  return async ({ port }: WorkspaceInput): Promise<Outcome> => {
    const hadToken = await workspace.signOut();
    workspace.forgetConnections();
    await workspace.refreshAll('full', 'signOut');
    if (hadToken) {
      return done();
    }
    const sentence = l10n.t('EnvFlow uses your VS Code GitHub account: sign out of it from the Accounts menu.');
    port.notify({ severity: 'info', message: sentence });
    return done(undefined, sentence);
  };
}
