import * as vscode from 'vscode';
import { apiOrigin, insecureApiUrlReason, isLoopbackUrl } from '../core/util/origin';
import { redact, type Logger } from '../core/log';
import { Disposable } from '../util/disposable';

const GITHUB_API_ORIGIN = 'https://api.github.com';
const SCOPES = ['repo'];
const KEY_PREFIX = 'envflow.token:';
// SecretStorage cannot list its keys: the origins holding a token are remembered here (origins only, never a token).
const ORIGINS_KEY = 'envflow.tokenOrigins';

/** Whence a token came: the VS Code auth provider, or one the user pasted (SecretStorage). */
export type TokenSource = 'github' | 'github-enterprise' | 'secretStorage' | 'sandbox';

export interface GitHubToken {
  readonly token: string;
  readonly source: TokenSource;
  /** The API origin (`scheme://host:port`) this token may be sent to, and no other. */
  readonly origin: string;
}

export interface GitHubAuthOptions {
  readonly secrets: vscode.SecretStorage;
  /** Where the list of origins holding a pasted token is kept. */
  readonly memento: vscode.Memento;
  readonly log: Logger;
  /**
   * Whether `signIn(apiUrl, token)` may store a token it was handed. Only EnvFlow's own
   * test runs (ExtensionMode.Test) may: any other extension could call the command.
   */
  readonly acceptTokenArgument: boolean;
}

/**
 * GitHub sign-in through VS Code's `github` (github.com) or `github-enterprise`
 * (GitHub Enterprise Server) authentication provider, with a pasted token in
 * SecretStorage as the fallback for hosts no provider serves. Tokens are keyed by
 * API origin (scheme, host and port), so a token is only ever handed out for the
 * origin it was issued for, and never for a plain-http origin off this machine.
 */
export class GitHubAuth extends Disposable {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly options: GitHubAuthOptions) {
    super();
    this._register(
      vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === 'github' || e.provider.id === 'github-enterprise') {
          this._onDidChange.fire();
        }
      }),
    );
    this._register(
      options.secrets.onDidChange((e) => {
        if (e.key.startsWith(KEY_PREFIX)) {
          this._onDidChange.fire();
        }
      }),
    );
  }

  /** The token for `apiUrl` without any prompt; undefined when signed out or when the URL is not safe for a token. */
  async getToken(apiUrl: string): Promise<GitHubToken | undefined> {
    const origin = apiOrigin(apiUrl);
    if (!origin || insecureApiUrlReason(apiUrl)) {
      return undefined;
    }
    const stored = (await this.options.secrets.get(secretKey(origin))) ?? (await this.migrateHostKey(origin));
    if (stored) {
      return { token: stored, source: 'secretStorage', origin };
    }
    const sandbox = sandboxToken(apiUrl);
    if (sandbox) {
      return { token: sandbox, source: 'sandbox', origin };
    }
    const provider = providerFor(origin);
    if (!provider) {
      return undefined;
    }
    try {
      const session = await vscode.authentication.getSession(provider, SCOPES, { silent: true });
      return session ? { token: session.accessToken, source: provider, origin } : undefined;
    } catch (error) {
      this.options.log.debug(`no silent ${provider} session: ${redact(String(error))}`);
      return undefined;
    }
  }

  /**
   * Interactive sign-in: the provider's sign-in, or a token the user pastes. A `token`
   * argument is stored only in EnvFlow's own test runs; from anyone else it is ignored
   * (and logged), so another extension cannot plant a token that outranks the user's session.
   */
  async signIn(apiUrl: string, token?: string): Promise<GitHubToken | undefined> {
    const origin = apiOrigin(apiUrl);
    const refused = insecureApiUrlReason(apiUrl);
    if (!origin || refused) {
      this.options.log.warn(`sign-in refused: ${refused ?? 'no API URL'}`);
      void vscode.window.showWarningMessage(
        refused ?? vscode.l10n.t('Set envflow.github.apiUrl to your GitHub API address first.'),
      );
      return undefined;
    }
    if (token && this.options.acceptTokenArgument) {
      await this.storeToken(origin, token);
      return { token, source: 'secretStorage', origin };
    }
    if (token) {
      this.options.log.warn(
        'Sign In was called with a token argument, which EnvFlow ignores: a token is stored only when you enter it yourself.',
      );
    }
    const provider = providerFor(origin);
    if (provider) {
      const choice = await vscode.window.showQuickPick(
        [
          {
            label: `$(github) ${vscode.l10n.t('Sign in with {0}', provider === 'github' ? 'GitHub' : 'GitHub Enterprise')}`,
            id: 'provider',
          },
          { label: `$(key) ${vscode.l10n.t('Enter a personal access token…')}`, id: 'token' },
        ],
        { title: vscode.l10n.t('Sign in to {0}', origin), placeHolder: vscode.l10n.t('How should EnvFlow sign in?') },
      );
      if (!choice) {
        return undefined;
      }
      if (choice.id === 'provider') {
        const session = await vscode.authentication.getSession(provider, SCOPES, { createIfNone: true });
        this._onDidChange.fire();
        return { token: session.accessToken, source: provider, origin };
      }
    }
    const pasted = await vscode.window.showInputBox({
      title: vscode.l10n.t('GitHub token for {0}', origin),
      prompt: vscode.l10n.t(
        'A token with the "repo" scope. EnvFlow keeps it in VS Code\'s SecretStorage and sends it only to this origin.',
      ),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) =>
        /^\S{10,}$/.test(value.trim()) ? undefined : vscode.l10n.t('Paste the whole token, without spaces.'),
    });
    if (!pasted) {
      return undefined;
    }
    await this.storeToken(origin, pasted.trim());
    return { token: pasted.trim(), source: 'secretStorage', origin };
  }

  /** Origins holding a pasted token. */
  storedOrigins(): string[] {
    return [...this.options.memento.get<string[]>(ORIGINS_KEY, [])];
  }

  /** Forgets the pasted tokens of `origins`; provider sessions are managed in VS Code's Accounts menu. Returns those that held one. */
  async forget(origins: readonly string[]): Promise<string[]> {
    const forgotten: string[] = [];
    for (const origin of origins) {
      const key = secretKey(origin);
      if ((await this.options.secrets.get(key)) !== undefined) {
        forgotten.push(origin);
      }
      await this.options.secrets.delete(key);
    }
    await this.options.memento.update(
      ORIGINS_KEY,
      this.storedOrigins().filter((o) => !origins.includes(o)),
    );
    forgotten.forEach((origin) => this.options.log.info(`token forgotten for ${origin}`));
    return forgotten;
  }

  private async storeToken(origin: string, token: string): Promise<void> {
    await this.options.secrets.store(secretKey(origin), token);
    const origins = this.storedOrigins();
    if (!origins.includes(origin)) {
      await this.options.memento.update(ORIGINS_KEY, [...origins, origin]);
    }
    this.options.log.info(`token stored for ${origin}`);
  }

  /**
   * Earlier versions keyed a pasted token by host (and port) alone. It moves to the
   * origin key of the same host and port only when that origin is one a token may
   * reach (https, or http on loopback); the old key is deleted either way.
   */
  private async migrateHostKey(origin: string): Promise<string | undefined> {
    const legacyKey = secretKey(new URL(origin).host);
    const legacy = await this.options.secrets.get(legacyKey);
    if (legacy === undefined) {
      return undefined;
    }
    await this.options.secrets.delete(legacyKey);
    await this.storeToken(origin, legacy);
    this.options.log.info(`the token stored for ${new URL(origin).host} is now kept for ${origin} only`);
    return legacy;
  }
}

function secretKey(originOrLegacyHost: string): string {
  return `${KEY_PREFIX}${originOrLegacyHost}`;
}

function providerFor(origin: string): 'github' | 'github-enterprise' | undefined {
  if (origin === GITHUB_API_ORIGIN) {
    return 'github';
  }
  if (!origin.startsWith('https://')) {
    return undefined;
  }
  // The github-enterprise provider serves the host set in `github-enterprise.uri`.
  const enterpriseUri = vscode.workspace.getConfiguration('github-enterprise').get<string>('uri');
  const enterprise = enterpriseUri ? apiOrigin(enterpriseUri) : undefined;
  return enterprise && enterprise === origin.replace(/^https:\/\/api\./, 'https://') ? 'github-enterprise' : undefined;
}

/**
 * The sandbox (`npm start`) signs in to its local GitHub API server through
 * ENVFLOW_SANDBOX_TOKEN. Honoured only for a loopback API URL (decided by parsing the
 * address), so it can never carry a token to a real GitHub host.
 */
function sandboxToken(apiUrl: string): string | undefined {
  const token = process.env.ENVFLOW_SANDBOX_TOKEN;
  return token && isLoopbackUrl(apiUrl) ? token : undefined;
}
