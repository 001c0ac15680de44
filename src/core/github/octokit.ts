/**
 * Octokit and its plugins, the heaviest code EnvFlow ships. This module is the split
 * point: esbuild bundles it alone into dist/github.js, which the main bundle loads on
 * the first request to GitHub, so activation never parses Octokit.
 */
export { retry } from '@octokit/plugin-retry';
export { throttling } from '@octokit/plugin-throttling';
export { Octokit } from '@octokit/rest';
