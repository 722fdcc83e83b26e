import { sql } from "drizzle-orm";
import type { Followable } from "../../platform/activity/followables.ts";
import { networkAccess, networks } from "./schema.ts";

/** Networks can be followed (decision 0035), and are by those who take part in them (their access). */
export const networkFollowables: Followable[] = [
  {
    kind: "network",
    label: "search.kind.networks",
    from: sql`${networks}`,
    id: networks.id,
    title: networks.name,
    href: sql`'/n/' || ${networks.slug}`,
    network: { slug: networks.slug, name: networks.name },
    visible: () => sql`true`,
    automatic: sql`select ${networkAccess.userId} as user_id, ${networkAccess.networkId} as record_id from ${networkAccess}`,
  },
];
