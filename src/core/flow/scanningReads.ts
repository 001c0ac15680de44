/**
 * The refresh's reads of code scanning and secret scanning alerts. Alerts change
 * slowly (an analysis after a push, a leaked secret found), so like Dependabot's they are
 * read on the first refresh and then now and then (when the reader's one re-check of a
 * refresh is free), each on its own: one that fails keeps
 * its last good answer and is asked again next refresh.
 */
import type { CodeScanningAlerts, SecretScanningAlerts, SecurityScanning } from '../github/securityScanning';
import type { Fetched } from '../github/types';
import type { CodeScanningPart, SecretScanningPart } from '../model/snapshot';
import { settle, type ReadFailures } from './readFailures';
import { codeScanningPart, secretScanningPart } from './scanning';

export interface ScanningPort {
  readonly securityScanning: Pick<SecurityScanning, 'listCodeScanningAlerts' | 'listSecretScanningAlerts'>;
  /** The repository's web page: the rows link into its security tab. */
  readonly webUrl: string;
}

type Get = <T>(request: () => Promise<Fetched<T>>) => Promise<Fetched<T>>;

interface Memo<T> {
  readonly value: T;
  readonly tick: number;
  readonly retry: boolean;
}

export interface ScanningAnswers {
  readonly codeScanning?: CodeScanningPart;
  readonly secretScanning?: SecretScanningPart;
}

export class ScanningReads {
  private code?: Memo<CodeScanningAlerts>;
  private secret?: Memo<SecretScanningAlerts>;

  constructor(private readonly port: ScanningPort) {}

  /** `recheck(lastTick)`: whether an answer of that refresh is read again now (spends the refresh's re-check). */
  async read(
    tick: number,
    get: Get,
    failures: ReadFailures,
    recheck: (lastTick: number) => boolean,
  ): Promise<ScanningAnswers> {
    const scanning = this.port.securityScanning;
    const [code, secret] = await Promise.all([
      this.readOne('codeScanning', this.code, tick, get, failures, recheck, () => scanning.listCodeScanningAlerts()),
      this.readOne('secretScanning', this.secret, tick, get, failures, recheck, () =>
        scanning.listSecretScanningAlerts(),
      ),
    ]);
    this.code = code;
    this.secret = secret;
    const { webUrl } = this.port;
    return {
      codeScanning: code && codeScanningPart(code.value, webUrl),
      secretScanning: secret && secretScanningPart(secret.value, webUrl),
    };
  }

  private async readOne<T>(
    read: 'codeScanning' | 'secretScanning',
    memo: Memo<T> | undefined,
    tick: number,
    get: Get,
    failures: ReadFailures,
    recheck: (lastTick: number) => boolean,
    request: () => Promise<Fetched<T>>,
  ): Promise<Memo<T> | undefined> {
    if (memo && !memo.retry && !recheck(memo.tick)) {
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
