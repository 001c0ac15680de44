import * as vscode from 'vscode';
import { redact, type Logger } from '../core/log';
import { Disposable } from '../util/disposable';

const GITHUB_API_HOST = 'api.github.com';
const SCOPES = ['repo'];

/** Whence a token came: the VS Code auth provider, or one the user pasted (SecretStorage). */
export type TokenSource = 'github' | 'github-enterprise' | 'secretStorage' | 'sandbox';

export interface GitHubToken {
  readonly token: string;
  readonly source: TokenSource;
  /** The API host this token may be sent to, and no other. */
  readonly host: string;
}

/**
 * GitHub sign-in through VS Code's `github` (github.com) or `github-enterprise`
 * (GitHub Enterprise Server) authentication provider, with a pasted token in
 * SecretStorage as the fallback for hosts no provider serves. Tokens are keyed by
 * API host, so a token is only ever handed out for the host it was issued for.
 */
export class GitHubAuth extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Logger,
  ) {
    super();
    this._register(vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === 'github' || e.provider.id === 'github-enterprise') {
        this._onDidChange.fire();
      }
    }));
    this._register(this.secrets.onDidChange((e) => {
      if (e.key.startsWith('envflow.token:')) {
        this._onDidChange.fire();
      }
    }));
  }

  /** The token for `apiUrl` without any prompt; undefined when signed out. */
  async getToken(apiUrl: string): Promise<GitHubToken | undefined> {
    const host = apiHost(apiUrl);
    const stored = await this.secrets.get(secretKey(host));
    if (stored) {
      return { token: stored, source: 'secretStorage', host };
    }
    const sandbox = sandboxToken(apiUrl);
    if (sandbox) {
      return { token: sandbox, source: 'sandbox', host };
    }
    const provider = providerFor(apiUrl);
    if (!provider) {
      return undefined;
    }
    try {
      const session = await vscode.authentication.getSession(provider, SCOPES, { silent: true });
      return session ? { token: session.accessToken, source: provider, host } : undefined;
    } catch (error) {
      this.log.debug(`no silent ${provider} session: ${redact(String(error))}`);
      return undefined;
    }
  }

  /**
   * Interactive sign-in. With `token` (automation: tests, scripts) it is stored like a
   * pasted one; otherwise the provider's sign-in runs, and a pasted token is the fallback.
   */
  async signIn(apiUrl: string, token?: string): Promise<GitHubToken | undefined> {
    const host = apiHost(apiUrl);
    if (token) {
      await this.storeToken(host, token);
      return { token, source: 'secretStorage', host };
    }
    const provider = providerFor(apiUrl);
    if (provider) {
      const choice = await vscode.window.showQuickPick(
        [
          { label: `$(github) Sign in with ${provider === 'github' ? 'GitHub' : 'GitHub Enterprise'}`, id: 'provider' },
          { label: '$(key) Enter a personal access token…', id: 'token' },
        ],
        { title: `Sign in to ${host}`, placeHolder: 'How should EnvFlow sign in?' },
      );
      if (!choice) {
        return undefined;
      }
      if (choice.id === 'provider') {
        const session = await vscode.authentication.getSession(provider, SCOPES, { createIfNone: true });
        this._onDidChange.fire();
        return { token: session.accessToken, source: provider, host };
      }
    }
    const pasted = await vscode.window.showInputBox({
      title: `GitHub token for ${host}`,
      prompt: 'A token with the "repo" scope. EnvFlow keeps it in VS Code\'s SecretStorage and sends it only to this host.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (/^\S{10,}$/.test(value.trim()) ? undefined : 'Paste the whole token, without spaces.'),
    });
    if (!pasted) {
      return undefined;
    }
    await this.storeToken(host, pasted.trim());
    return { token: pasted.trim(), source: 'secretStorage', host };
  }

  /** Forgets a pasted token; provider sessions are managed in VS Code's Accounts menu. */
  async signOut(apiUrl: string): Promise<boolean> {
    const key = secretKey(apiHost(apiUrl));
    const had = (await this.secrets.get(key)) !== undefined;
    await this.secrets.delete(key);
    return had;
  }

  private async storeToken(host: string, token: string): Promise<void> {
    await this.secrets.store(secretKey(host), token);
    this.log.info(`token stored for ${host}`);
  }
}

export function apiHost(apiUrl: string): string {
  try {
    return new URL(apiUrl).host.toLowerCase();
  } catch {
    return apiUrl;
  }
}

function secretKey(host: string): string {
  return `envflow.token:${host}`;
}

function providerFor(apiUrl: string): 'github' | 'github-enterprise' | undefined {
  const host = apiHost(apiUrl);
  if (host === GITHUB_API_HOST) {
    return 'github';
  }
  if (isLoopback(host)) {
    return undefined;
  }
  // The github-enterprise provider serves the host set in `github-enterprise.uri`.
  const enterpriseUri = vscode.workspace.getConfiguration('github-enterprise').get<string>('uri');
  return enterpriseUri && apiHost(enterpriseUri) === host.replace(/^api\./, '') ? 'github-enterprise' : undefined;
}

function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\./.test(name);
}

/**
 * The sandbox (`npm start`) signs in to its local GitHub API server through
 * ENVFLOW_SANDBOX_TOKEN. Honoured only for a loopback API URL, so it can never carry
 * a token to a real GitHub host.
 */
function sandboxToken(apiUrl: string): string | undefined {
  const token = process.env.ENVFLOW_SANDBOX_TOKEN;
  return token && isLoopback(apiHost(apiUrl)) ? token : undefined;
}
