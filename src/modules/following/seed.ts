import { and, asc, eq } from "drizzle-orm";
import { publishEvent } from "../../platform/activity/activity.ts";
import type { AppContext } from "../../platform/module.ts";
import { users } from "../../platform/schema.ts";
import { networks } from "../networks/index.ts";
import { projects } from "../projects/index.ts";

/**
 * The demo administrator follows three of Digi Rogaland's public projects, and something has happened
 * to each (a phase, a status report), so /following and /activity show what they are for.
 */
export async function seedDemoFollowing({ db, services }: AppContext): Promise<void> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, "demo@samverk.example"));
  const [rogaland] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, "digi-rogaland"));
  if (!admin || !rogaland) return;
  const followed = await db
    .select({ id: projects.id, phase: projects.phase })
    .from(projects)
    .where(and(eq(projects.networkId, rogaland.id), eq(projects.visibility, "public")))
    .orderBy(asc(projects.id))
    .limit(3);
  for (const [i, project] of followed.entries()) {
    await services.activity.follow(admin.id, { kind: "project", id: project.id });
    await publishEvent(
      db,
      i === 1
        ? { kind: "project", id: project.id, type: "status_reported", data: { overall: "yellow" } }
        : { kind: "project", id: project.id, type: "phase_changed", data: { phase: project.phase } },
    );
  }
}
