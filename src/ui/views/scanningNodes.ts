/**
 * Code scanning and secret scanning rows beside Dependabot's: open alerts by severity,
 * each opening GitHub's filtered list, or one plain sentence saying why there are none
 * to show and who can fix that. Pure.
 */
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import type {
  CodeScanningPart,
  ReadError,
  RepositorySnapshot,
  ScanningUnavailablePart,
  SecretScanningPart,
} from '../../core/model/snapshot';
import { plural } from '../format';
import { Colors, unreadNode, withReadError, type TreeNodeData } from './treeNodes';

export function scanningNodes(s: RepositorySnapshot, p: string): TreeNodeData[] {
  const code = readErrorFor(s.readErrors, rowReads.codeScanning);
  const secret = readErrorFor(s.readErrors, rowReads.secretScanning);
  return [
    row(`${p}production/codeScanning`, 'Code scanning', s.production.codeScanning, code, codeScanningNode),
    row(`${p}production/secretScanning`, 'Secret scanning', s.production.secretScanning, secret, secretScanningNode),
  ].filter((node): node is TreeNodeData => node !== undefined);
}

function row<T>(
  id: string,
  label: string,
  part: T | undefined,
  error: ReadError | undefined,
  build: (id: string, part: T) => TreeNodeData,
): TreeNodeData | undefined {
  if (part) {
    return withReadError(build(id, part), error);
  }
  return error ? unreadNode(id, `${label} alerts`, error) : undefined;
}

function codeScanningNode(id: string, part: CodeScanningPart): TreeNodeData {
  if (!part.available) {
    return unavailableNode(id, 'Code scanning', part);
  }
  const worst = part.bySeverity.critical || part.bySeverity.high ? Colors.failing : Colors.warning;
  return {
    id,
    label: part.total ? plural(part.total, 'code scanning alert') : 'No open code scanning alerts',
    description: part.rows.map((r) => `${r.count} ${r.severity}`).join(', ') || undefined,
    icon: { id: 'code', color: part.total ? worst : Colors.passing },
    url: part.url,
    contextValue: 'codeScanning hasUrl',
    children: part.rows.length
      ? part.rows.map((r) => ({
          id: `${id}/${r.severity}`,
          label: `${r.count} ${r.severity}`,
          icon: {
            id: 'code',
            color: r.severity === 'critical' || r.severity === 'high' ? Colors.failing : Colors.warning,
          },
          url: r.url,
          contextValue: 'securitySeverity hasUrl',
        }))
      : undefined,
  };
}

function secretScanningNode(id: string, part: SecretScanningPart): TreeNodeData {
  if (!part.available) {
    return unavailableNode(id, 'Secret scanning', part);
  }
  return {
    id,
    label: part.total ? plural(part.total, 'secret scanning alert') : 'No open secret scanning alerts',
    description: part.total ? 'leaked secrets: revoke them first' : undefined,
    icon: { id: 'key', color: part.total ? Colors.failing : Colors.passing },
    url: part.url,
    contextValue: 'secretScanning hasUrl',
  };
}

function unavailableNode(id: string, label: string, part: ScanningUnavailablePart): TreeNodeData {
  return {
    id,
    label: `${label} unavailable`,
    description: part.reason === 'notEnabled' ? 'not enabled' : 'no access',
    tooltip: part.sentence,
    icon: { id: 'shield', color: Colors.stale },
  };
}
