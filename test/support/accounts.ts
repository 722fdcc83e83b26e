import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { PeopleRepo } from "../../src/modules/directory/people/people.repo.ts";
import { UserService } from "../../src/platform/auth/users.ts";
import type { Db } from "../../src/platform/db/client.ts";
import { users } from "../../src/platform/schema.ts";

export const PASSWORD = "a representative's long password";

export interface TestGrant {
  networkId: number;
  role: "member" | "secretariat";
  organisationIds?: number[];
  /** Seats in the network's bodies, through a person record linked to the account. */
  seats?: { bodyId: number; role: "leader" | "deputy" | "member" | "secretary" }[];
}

/** A person for a test: an account (not an administrator) with the access, representations and seats given. */
export async function testAccount(app: FastifyInstance, db: Db, email: string, grant: TestGrant): Promise<number> {
  await new UserService(db).createAdmin({ email, password: PASSWORD, name: email.split("@")[0]! });
  const [row] = await db.update(users).set({ isAdmin: false }).where(eq(users.email, email)).returning();
  const { access, networks } = app.services;
  await access.repo.setAccess(grant.networkId, row!.id, grant.role, grant.organisationIds ?? []);
  if (grant.seats?.length) {
    const person = await new PeopleRepo(db).insert({ name: email.split("@")[0]!, email });
    await networks.repo.insertBodyMembers(grant.seats.map((s) => ({ bodyId: s.bodyId, personId: person.id, role: s.role })));
    // Linked by the network's secretariat: the seats count in that network (decision 0018).
    await access.repo.linkPerson(row!.id, person.id, { networkId: grant.networkId });
  }
  return row!.id;
}
