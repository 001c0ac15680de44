/**
 * Matches `METHOD /path` against route templates written like GitHub's docs:
 * `{name}` is one path segment, `{name+}` may span several (branch names and refs hold
 * slashes, and clients send them either raw or as %2F).
 */
import type { ServerContext } from './context';
import type { ApiRequest, ApiResponse } from './http';

export type RouteHandler = (request: ApiRequest, context: ServerContext) => Promise<ApiResponse> | ApiResponse;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path template from the root, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`. */
  readonly template: string;
  readonly handler: RouteHandler;
}

interface CompiledRoute extends Route {
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  /** Routes are tried in the order added: add `branches/{b+}/protection` before `branches/{b+}`. */
  add(routes: readonly Route[]): this {
    for (const route of routes) {
      const names: string[] = [];
      const source = route.template
        .replace(/[.*?^$()|[\]\\]/g, '\\$&')
        .replace(/\{(\w+)(\+?)\}/g, (_match, name: string, rest: string) => {
          names.push(name);
          return rest ? '(.+?)' : '([^/]+)';
        });
      this.routes.push({ ...route, names, pattern: new RegExp(`^${source}/?$`) });
    }
    return this;
  }

  /** The route for this method and raw (still percent-encoded) path, if any. */
  match(method: string, rawPath: string): RouteMatch | undefined {
    for (const route of this.routes) {
      if (route.method !== method) {
        continue;
      }
      const found = route.pattern.exec(rawPath);
      if (!found) {
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = safeDecode(found[index + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
