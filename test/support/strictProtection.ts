import type { ProtectionBody } from '../../tools/githubServer/state';

/** A main protected more strictly than EnvFlow asks: setup may add to it, never weaken it. */
export function stricterMainProtection(): ProtectionBody {
  return {
    required_status_checks: { strict: true, contexts: ['lint'] },
    enforce_admins: true,
    required_pull_request_reviews: { required_approving_review_count: 2, require_code_owner_reviews: true },
    restrictions: null,
    allow_force_pushes: false,
    allow_deletions: false,
  };
}
