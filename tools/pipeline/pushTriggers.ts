/**
 * Whether a push of `ref` starts a workflow, by its `on.push` filters as GitHub's docs
 * state them: a branch push needs `branches` to match (or `branches-ignore` not to);
 * a tag push likewise with `tags`; filters for only one kind leave the other kind out;
 * no filters at all take every push. Patterns support `*` (no slash), `**` and a
 * leading `!` that excludes what earlier patterns took; path filters are not read.
 */
export interface PushFilters {
  readonly branches?: readonly string[];
  readonly 'branches-ignore'?: readonly string[];
  readonly tags?: readonly string[];
  readonly 'tags-ignore'?: readonly string[];
}

export function pushTriggers(filters: PushFilters | undefined | null, ref: string): boolean {
  if (filters === undefined) {
    return false;
  }
  // `on: push` with nothing under it.
  const set: PushFilters = filters ?? {};
  const branch = /^refs\/heads\/(.+)$/.exec(ref)?.[1];
  const tag = /^refs\/tags\/(.+)$/.exec(ref)?.[1];
  const name = branch ?? tag;
  if (name === undefined) {
    return false;
  }
  const own = branch !== undefined ? set.branches : set.tags;
  const ownIgnore = branch !== undefined ? set['branches-ignore'] : set['tags-ignore'];
  const other = branch !== undefined ? set.tags : set.branches;
  const otherIgnore = branch !== undefined ? set['tags-ignore'] : set['branches-ignore'];
  if (own) {
    return matchesList(own, name);
  }
  if (ownIgnore) {
    return !matchesList(ownIgnore, name);
  }
  // Filters only for the other kind of ref: this kind never starts the workflow.
  return !other && !otherIgnore;
}

/** The last pattern that matches decides: a `!` pattern excludes, any other includes. */
function matchesList(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (globToRegExp(negated ? pattern.slice(1) : pattern).test(name)) {
      matched = !negated;
    }
  }
  return matched;
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index];
    if (char === '*' && pattern[index + 1] === '*') {
      source += '.*';
      index += 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
