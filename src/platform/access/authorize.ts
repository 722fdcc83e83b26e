import type { Actor } from "../audit/audit.ts";
import { ForbiddenError, UnauthorizedError } from "../http/errors.ts";

/**
 * The single authorisation function every write goes through. Each module declares its actions
 * in its policy.ts; a rule gets the actor and, where it matters, the record acted on.
 */
export type Rule = (actor: Actor, resource?: unknown) => boolean;
export type Policies = Record<string, Rule>;

const rules = new Map<string, Rule>();

export function registerPolicies(policies: Policies): void {
  for (const [action, rule] of Object.entries(policies)) {
    if (rules.has(action) && rules.get(action) !== rule) throw new Error(`Policy ${action} is declared twice`);
    rules.set(action, rule);
  }
}

export function can(actor: Actor | null, action: string, resource?: unknown): boolean {
  const rule = rules.get(action);
  if (!rule) throw new Error(`Unknown action ${action}: declare it in a module's policy.ts`);
  return actor !== null && rule(actor, resource);
}

/** Throws 401 for an anonymous visitor and 403 for a signed-in user without the right. */
export function authorize(actor: Actor | null, action: string, resource?: unknown): asserts actor is Actor {
  if (can(actor, action, resource)) return;
  throw actor ? new ForbiddenError() : new UnauthorizedError();
}

/** Until the role model arrives, the administrator may do everything an action names. */
export const adminOnly: Rule = (actor) => actor.isAdmin;
