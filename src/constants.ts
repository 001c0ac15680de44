/**
 * Every public id, typed, so a misspelling fails to compile (the command, context-key
 * and setting ids live in core/model/ids.ts, since use cases name them too).
 * Command ids, view ids and setting keys are public API: keybindings, settings files and
 * other extensions name them, so they never change once released.
 */

export const EXTENSION_ID = 'envflow.envflow';
export const OUTPUT_CHANNEL_NAME = 'EnvFlow';

export { Commands, ContextKeys, Settings, type CommandId, type SettingKey } from './core/model/ids';

export const Views = {
  container: 'envflow',
  environments: 'envflow.environments',
} as const;

/** Values of the `envflow.state` context key; each has a `viewsWelcome` entry or a tree. */
export type ViewState = 'loading' | 'noRepository' | 'ready';

