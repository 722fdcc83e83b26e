import { ForbiddenError, UnauthorizedError } from "../http/errors.ts";
import type { MessageKey } from "../i18n/i18n.ts";
import type { Actor, PlatformRole } from "./actor.ts";

/**
 * The single authorisation function every write goes through. Each module declares its actions
 * in its policy.ts; a rule gets the actor and, where it matters, the record acted on.
 */
export type Rule = (actor: Actor, resource?: unknown) => boolean;
export type Policies = Record<string, Rule>;

/**
 * What an account may do in one network: its role there (granted by the secretariat), the
 * organisations it represents, and the bodies its person record holds a seat in today.
 */
export interface NetworkGrant {
  role: "member" | "secretariat";
  organisationIds: readonly number[];
  bodies: readonly { id: number; kind: string; role: string }[];
}

const rules = new Map<string, Rule>();

export function registerPolicies(policies: Policies): void {
  for (const [action, rule] of Object.entries(policies)) {
    if (rules.has(action) && rules.get(action) !== rule) throw new Error(`Policy ${action} is declared twice`);
    rules.set(action, rule);
  }
}

/** Rules that decide from the actor alone; see withoutRecord. */
const recordless = new WeakSet<Rule>();

/**
 * A rule that decides from the actor alone (anyone signed in, an administrator, a platform role):
 * it is never given a record, so a page route with it need not load one. Every other rule is
 * checked against the record the route declares, or the app does not start.
 */
export function withoutRecord(rule: (actor: Actor) => boolean): Rule {
  const wrapped: Rule = (actor) => rule(actor);
  recordless.add(wrapped);
  return wrapped;
}

/** Whether the action's rule reads the record acted on; undefined for an action no module declares. */
export function takesRecord(action: string): boolean | undefined {
  const rule = rules.get(action);
  return rule && !recordless.has(rule);
}

export function can(actor: Actor | null, action: string, resource?: unknown): boolean {
  const rule = rules.get(action);
  if (!rule) throw new Error(`Unknown action ${action}: declare it in a module's policy.ts`);
  return actor !== null && rule(actor, resource);
}

/**
 * Throws 401 for an anonymous visitor and 403 for a signed-in user without the right; `refusal`
 * says why in the user's language where the generic message would leave them guessing.
 */
export function authorize(actor: Actor | null, action: string, resource?: unknown, refusal?: MessageKey): asserts actor is Actor {
  if (can(actor, action, resource)) return;
  throw actor ? new ForbiddenError(refusal) : new UnauthorizedError();
}

/** The platform administrator's actions: installation-wide settings, the audit trail, the outbox. */
export const adminOnly: Rule = withoutRecord((actor) => actor.isAdmin);

/** Holds an installation-wide role; administrators hold every role. */
export const hasRole = (actor: Actor | null, role: PlatformRole): boolean =>
  !!actor && (actor.isAdmin || (actor.roles ?? []).includes(role));

/** The actor's grant in a network, if any. Administrators act everywhere without one. */
export const grantIn = (actor: Actor | null, networkId: number | null | undefined): NetworkGrant | undefined =>
  networkId == null ? undefined : actor?.networks?.[networkId];

/** Runs the network: its members, bodies, people, invitations. */
export const isSecretariat = (actor: Actor | null, networkId: number | null | undefined): boolean =>
  !!actor && (actor.isAdmin || grantIn(actor, networkId)?.role === "secretariat");

/** Reads what the network keeps to its members. */
export const isNetworkMember = (actor: Actor | null, networkId: number | null | undefined): boolean =>
  !!actor && (actor.isAdmin || grantIn(actor, networkId) !== undefined);

/** Holds a seat in the body today. */
export const sitsIn = (actor: Actor | null, networkId: number | null | undefined, bodyId: number): boolean =>
  grantIn(actor, networkId)?.bodies.some((b) => b.id === bodyId) ?? false;

/** Networks where the actor is secretariat: for rules about records shared between networks. */
export const secretariatNetworks = (actor: Actor | null): number[] =>
  Object.entries(actor?.networks ?? {})
    .filter(([, g]) => g.role === "secretariat")
    .map(([id]) => Number(id));

/** An organisation as the rules see it: the organisation and the networks it is a member of. */
export interface OrganisationResource {
  organisationId: number;
  networkIds: readonly number[];
}

/** Acts for the organisation: represents it in some network, or runs a network it is a member of. */
export const actsForOrganisation = (actor: Actor | null, resource: OrganisationResource): boolean => {
  if (!actor) return false;
  if (actor.isAdmin || resource.networkIds.some((id) => isSecretariat(actor, id))) return true;
  return Object.values(actor.networks ?? {}).some((g) => g.organisationIds.includes(resource.organisationId));
};

/** Acts for some organisation: represents one, or runs a network. */
export const actsForSomeOrganisation = (actor: Actor | null): boolean =>
  !!actor &&
  (actor.isAdmin || Object.values(actor.networks ?? {}).some((g) => g.role === "secretariat" || g.organisationIds.length > 0));
