/**
 * Readers for GitHub's JSON that fail loudly: a body that is not the documented
 * shape becomes a `malformed` GitHubError instead of `undefined` leaking into the view.
 */
import { malformedResponse } from './errors';

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformedResponse(what);
  }
  return value as JsonObject;
}

export function asArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw malformedResponse(what);
  }
  return value;
}

/** The array under `key` of a wrapper object such as `{ total_count, check_runs: [...] }`. */
export function arrayField(value: unknown, key: string, what: string): readonly unknown[] {
  return asArray(asObject(value, what)[key], `${what}.${key}`);
}

export function requiredString(object: JsonObject, key: string, what: string): string {
  const value = object[key];
  if (typeof value !== 'string') {
    throw malformedResponse(`${what}.${key}`);
  }
  return value;
}

export function requiredNumber(object: JsonObject, key: string, what: string): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw malformedResponse(`${what}.${key}`);
  }
  return value;
}

/** A string, or undefined for null, absent or empty (GitHub sends all three for "none"). */
export function optionalString(object: JsonObject | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function optionalObject(object: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = object?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** `user.login` style nested login, tolerating a deleted ("ghost") account. */
export function loginOf(object: JsonObject | undefined, key: string): string | undefined {
  return optionalString(optionalObject(object, key), 'login');
}
