/**
 * Code scanning and secret scanning rows beside Dependabot's: open alerts by severity,
 * each opening GitHub's filtered list, or one plain sentence saying why there are none
 * to show and who can fix that. Pure.
 */
import * as l10n from '@vscode/l10n';
import { readErrorFor, rowReads } from '../../core/model/readErrors';
import type {
  CodeScanningPart,
  ReadError,
  RepositorySnapshot,
  ScanningUnavailablePart,
  SecretScanningPart,
} from '../../core/model/snapshot';
import { Colors, severityCount, unreadNode, withReadError, type TreeNodeData } from './treeNodes';

export function scanningNodes(s: RepositorySnapshot, p: string): TreeNodeData[] {
  const code = readErrorFor(s.readErrors, rowReads.codeScanning);
  const secret = readErrorFor(s.readErrors, rowReads.secretScanning);
  return [
    row(
      `${p}production/codeScanning`,
      l10n.t('Code scanning alerts unknown'),
      s.production.codeScanning,
      code,
      codeScanningNode,
    ),
    row(
      `${p}production/secretScanning`,
      l10n.t('Secret scanning alerts unknown'),
      s.production.secretScanning,
      secret,
      secretScanningNode,
    ),
  ].filter((node): node is TreeNodeData => node !== undefined);
}

function row<T>(
  id: string,
  unknownLabel: string,
  part: T | undefined,
  error: ReadError | undefined,
  build: (id: string, part: T) => TreeNodeData,
): TreeNodeData | undefined {
  if (part) {
    return withReadError(build(id, part), error);
  }
  return error ? unreadNode(id, unknownLabel, error) : undefined;
}

function codeScanningNode(id: string, part: CodeScanningPart): TreeNodeData {
  if (!part.available) {
    return unavailableNode(id, l10n.t('Code scanning unavailable'), part);
  }
  const worst = part.bySeverity.critical || part.bySeverity.high ? Colors.failing : Colors.warning;
  return {
    id,
    label:
      part.total === 0
        ? l10n.t('No open code scanning alerts')
        : part.total === 1
          ? l10n.t('1 code scanning alert')
          : l10n.t('{0} code scanning alerts', part.total),
    description: part.rows.map((r) => severityCount(r.count, r.severity)).join(', ') || undefined,
    icon: { id: 'code', color: part.total ? worst : Colors.passing },
    url: part.url,
    contextValue: 'codeScanning hasUrl',
    children: part.rows.length
      ? part.rows.map((r) => ({
          id: `${id}/${r.severity}`,
          label: severityCount(r.count, r.severity),
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
    return unavailableNode(id, l10n.t('Secret scanning unavailable'), part);
  }
  return {
    id,
    label:
      part.total === 0
        ? l10n.t('No open secret scanning alerts')
        : part.total === 1
          ? l10n.t('1 secret scanning alert')
          : l10n.t('{0} secret scanning alerts', part.total),
    description: part.total ? l10n.t('leaked secrets: revoke them first') : undefined,
    icon: { id: 'key', color: part.total ? Colors.failing : Colors.passing },
    url: part.url,
    contextValue: 'secretScanning hasUrl',
  };
}

function unavailableNode(id: string, label: string, part: ScanningUnavailablePart): TreeNodeData {
  return {
    id,
    label,
    description: part.reason === 'notEnabled' ? l10n.t('not enabled') : l10n.t('no access'),
    tooltip: part.sentence,
    icon: { id: 'shield', color: Colors.stale },
  };
}
