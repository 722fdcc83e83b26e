import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "../db/client.ts";
import { invalid, ok, type Result } from "../http/errors.ts";
import { toFieldErrors } from "../http/validation.ts";
import { users } from "../schema.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { newPassword } from "./password-policy.ts";

const adminSchema = z.object({
  email: z
    .email("errors.email")
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().max(200).default(""),
  password: newPassword,
});

/** Accounts. Until invitations and roles arrive, the administrator is the only kind of user. */
export class UserService {
  constructor(private readonly db: Db) {}

  /** Creates the administrator, or makes an existing account one and sets its password. */
  async createAdmin(input: unknown): Promise<Result<{ id: number; created: boolean }>> {
    const parsed = adminSchema.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { email, name, password } = parsed.data;
    const passwordHash = await hashPassword(password);
    const [row] = await this.db
      .insert(users)
      .values({ email, name: name || email, passwordHash, isAdmin: true })
      .onConflictDoUpdate({ target: users.email, set: { passwordHash, isAdmin: true } })
      .returning({ id: users.id, created: sql<boolean>`(xmax = 0)` });
    return ok({ id: row!.id, created: Boolean(row!.created) });
  }

  async byEmail(email: string) {
    const [row] = await this.db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
      .limit(1);
    return row;
  }

  /** Sets a new password (already checked against the policy) inside the caller's transaction. */
  async setPassword(tx: DbOrTx, userId: number, password: string): Promise<void> {
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, userId));
  }

  /** The user id when the e-mail and password match; null otherwise, in the same time either way. */
  async authenticate(email: string, password: string): Promise<number | null> {
    const [row] = await this.db
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, email.trim().toLowerCase()))
      .limit(1);
    const matches = await verifyPassword(password, row?.passwordHash ?? null);
    return matches && row ? row.id : null;
  }
}
