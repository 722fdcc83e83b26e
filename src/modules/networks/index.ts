/** The networks module's public face: what other modules may use. Nothing else of it is imported from outside. */

import type { AccessService } from "./access/access.service.ts";
import type { InvitationService } from "./access/invitations.service.ts";
import type { NetworkService } from "./networks.service.ts";

export type { AccessGrant, AccessService } from "./access/access.service.ts";
export { INVITATION_DAYS } from "./access/invitations.service.ts";
export { type InvitationRow, InvitationTable } from "./access/invitations.views.tsx";
export type { Network, NetworkRepo } from "./networks.repo.ts";
export { type NetworkService, slugify } from "./networks.service.ts";
export { NetworkCards } from "./networks.views.tsx";
export { networkBySlug, slugParam } from "./params.ts";
export type { AccessRole } from "./schema.ts";
export {
  ACCESS_ROLES,
  bodies,
  bodyMembers,
  MEMBERSHIP_LEVELS,
  type MembershipLevel,
  memberships,
  networkAccess,
  networkCounties,
  networks,
  representations,
} from "./schema.ts";
export { networkInCounty } from "./search.ts";

declare module "../../platform/module.ts" {
  interface PageSlots {
    /** A network's page: other modules add what the network holds (its coming gatherings). */
    networkPage: { network: { id: number; slug: string; name: string } };
    /** The list of networks: other modules add what spans them (the subject networks). */
    networksPage: Record<string, never>;
  }
  interface ModuleServices {
    networks: NetworkService;
    access: AccessService;
    invitations: InvitationService;
  }
}
