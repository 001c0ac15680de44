/**
 * Text from GitHub or git (PR titles, branch names, check names and descriptions,
 * deployment descriptions) reaches tooltips as Markdown. Whatever it holds, it renders
 * literally: no link (so no `command:` link), no image, no HTML.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CheckSummary, DeploymentInfo, PullRequestInfo } from '../../../src/core/model/snapshot';
import { escapeMarkdown } from '../../../src/ui/format';
import { checksTooltip, deploymentNode, pullRequestNode } from '../../../src/ui/views/treeNodes';

const HOSTILE = [
  '[run](command:workbench.action.terminal.new)',
  '<img src=x onerror=alert(1)>',
  '![pixel](https://evil.example/track.png)',
  '<script>alert(1)</script>',
  '[x][1]\n\n[1]: command:evil',
  '<https://evil.example>',
  '\\[x](command:y)',
  'line one\r\n# heading\rline\n[x](command:z)',
  '&lt;img src=x&gt; &#x3C;b&#x3E;',
  `${'x'.repeat(499)}[`,
  '😀'.repeat(300),
];

/** Markdown that could make a link, image, HTML or entity when not escaped; a lone backslash escapes what follows. */
const ACTIVE = /[[\]()<>!&`\\]/;

/** What is left once every backslash escape is removed: it must hold no active character. */
function unescaped(markdown: string): string {
  return markdown.replace(/\\[\s\S]/g, '');
}

function pullRequest(text: string): PullRequestInfo {
  return {
    number: 7,
    title: text,
    url: 'https://github.com/o/r/pull/7',
    headRef: text,
    baseRef: 'develop',
    author: text,
    draft: false,
  } as PullRequestInfo;
}

describe('tooltips built from hostile API text', () => {
  it('escapeMarkdown leaves no active Markdown character and no line break, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 700 }), (text) => {
        const escaped = escapeMarkdown(text);
        assert.doesNotMatch(unescaped(escaped), ACTIVE);
        assert.doesNotMatch(escaped, /[\r\n]/);
      }),
      { numRuns: 2000 },
    );
  });

  for (const text of HOSTILE) {
    it(`renders ${JSON.stringify(text.slice(0, 40))} literally in pull request, check and deployment tooltips`, () => {
      const checks = {
        state: 'failing',
        passed: 0,
        failed: 1,
        pending: 0,
        total: 1,
        failing: [text],
        items: [{ name: text, state: 'failure', url: `https://ci.example/${text}`, description: text }],
      } as unknown as CheckSummary;
      const deployment = {
        id: 3,
        sha: 'a'.repeat(40),
        ref: text,
        environment: text,
        state: 'failure',
        description: text,
        creator: text,
        createdAt: '2026-11-28T12:00:00Z',
        updatedAt: '2026-11-28T12:00:00Z',
        environmentUrl: `javascript:${text}`,
        logUrl: `command:${text}`,
      } as unknown as DeploymentInfo;
      const tooltips = [
        pullRequestNode(pullRequest(text), 'pr').tooltip ?? '',
        checksTooltip(checks),
        deploymentNode('d', 'main', deployment, Date.now()).tooltip ?? '',
      ];
      for (const tooltip of tooltips) {
        // The only links are EnvFlow's own: `[label](https://…)` with an escaped label.
        const links = [...tooltip.matchAll(/(?<!\\)\[((?:\\.|[^\]\\])*)\]\(([^)]*)\)/g)];
        for (const [, label, target] of links) {
          assert.match(target!, /^https:\/\/(github\.com|ci\.example)\//, 'a link target from API text');
          assert.doesNotMatch(unescaped(label!), ACTIVE);
        }
        const outsideLinks = links.reduce((rest, [whole]) => rest.replace(whole, ''), tooltip);
        assert.doesNotMatch(unescaped(outsideLinks), /[[\]<>!&`\\]/);
        assert.doesNotMatch(outsideLinks, /command:|javascript:/i, 'an unescaped scheme');
      }
    });
  }
});
