import { createHash } from "node:crypto";
import type { NetworkGrant } from "./authorize.ts";

/** Roles an administrator grants across the installation: a national editor keeps the national roadmap. */
export const PLATFORM_ROLES = ["national_editor"] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** Who acts: a signed-in user (or an API token's holder), or the system itself (reference import, demo data). */
export interface Actor {
  userId: number | null;
  label: string;
  isAdmin: boolean;
  /** Installation-wide roles the account holds; absent means none. */
  roles?: readonly PlatformRole[];
  /** The networks the actor has access to, by network id; absent for the CLI and the system. */
  networks?: Readonly<Record<number, NetworkGrant>>;
  /** Where a change came from, for the audit trail: set for requests, absent for the CLI and the system. */
  requestId?: string;
  ipHash?: string;
}

export const systemActor = (label = "system"): Actor => ({ userId: null, label, isAdmin: true });

/**
 * What an actor may see and do, as one key: the administrator flag, roles and each network's grant
 * (role, represented organisations, seats). Two actors with the same key are let in and shown the
 * same, but for who they are (decision 0043).
 */
export function rightsKey(actor: Actor): string {
  const roles = [...(actor.roles ?? [])].sort();
  const flags = `${actor.isAdmin} ${roles.join(" ")}`;
  // The grants object is kept per person until it changes (app.ts): its key is worked out once.
  const grants = actor.networks;
  const known = grants && rightsKeys.get(grants)?.get(flags);
  if (known) return known;
  const stable = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(stable)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
          )
        : value;
  const rights = JSON.stringify(stable([actor.isAdmin, roles, grants ?? {}]));
  const key = createHash("sha256").update(rights).digest("base64url").slice(0, 22);
  if (grants) {
    const byFlags = rightsKeys.get(grants) ?? new Map<string, string>();
    byFlags.set(flags, key);
    rightsKeys.set(grants, byFlags);
  }
  return key;
}

/** Rights keys by grants object and by administrator flag and roles; a grants object is never changed once made. */
const rightsKeys = new WeakMap<object, Map<string, string>>();
