/**
 * The refresh's reads of code scanning and secret scanning alerts. Alerts change
 * slowly (an analysis after a push, a leaked secret found), so like Dependabot's they are
 * read on the first refresh and then now and then, each on its own: one that fails keeps
 * its last good answer and is asked again next refresh.
 */
import type { CodeScanningAlerts, SecretScanningAlerts, SecurityScanning } from '../github/securityScanning';
import type { Fetched } from '../github/types';
import type { GitHubRead } from '../model/snapshot';
import { settle, type ReadFailures } from './readFailures';

export interface ScanningPort {
  readonly securityScanning: Pick<SecurityScanning, 'listCodeScanningAlerts' | 'listSecretScanningAlerts'>;
}

type Get = <T>(request: () => Promise<Fetched<T>>) => Promise<Fetched<T>>;

interface Memo<T> {
  readonly value: T;
  readonly tick: number;
  readonly retry: boolean;
}

export interface ScanningAnswers {
  readonly codeScanning?: CodeScanningAlerts;
  readonly secretScanning?: SecretScanningAlerts;
}

export class ScanningReads {
  private code?: Memo<CodeScanningAlerts>;
  private secret?: Memo<SecretScanningAlerts>;

  constructor(
    private readonly port: ScanningPort,
    private readonly recheckAfter: number,
  ) {}

  async read(tick: number, get: Get, failures: ReadFailures): Promise<ScanningAnswers> {
    const scanning = this.port.securityScanning;
    const [code, secret] = await Promise.all([
      this.readOne('codeScanning', this.code, tick, get, failures, () => scanning.listCodeScanningAlerts()),
      this.readOne('secretScanning', this.secret, tick, get, failures, () => scanning.listSecretScanningAlerts()),
    ]);
    this.code = code;
    this.secret = secret;
    return { codeScanning: code?.value, secretScanning: secret?.value };
  }

  private async readOne<T>(
    read: GitHubRead,
    memo: Memo<T> | undefined,
    tick: number,
    get: Get,
    failures: ReadFailures,
    request: () => Promise<Fetched<T>>,
  ): Promise<Memo<T> | undefined> {
    if (memo && !memo.retry && tick - memo.tick < this.recheckAfter) {
      return memo;
    }
    const answer = await settle(get(request));
    if (answer.ok) {
      return { value: answer.value.data, tick, retry: false };
    }
    failures.add(read, answer.error);
    return memo && { ...memo, retry: true };
  }
}
