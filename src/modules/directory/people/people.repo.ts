import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { norwegianOrder } from "../../../platform/db/client.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { organisations, people } from "../schema.ts";

export type Person = typeof people.$inferSelect;
export type NewPerson = typeof people.$inferInsert;

export interface PeopleFilter {
  q?: string | undefined;
  organisationId?: number | undefined;
  limit: number;
  offset: number;
}

export class PeopleRepo extends Repository {
  private where(f: PeopleFilter): SQL | undefined {
    const pattern = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    return and(
      pattern ? or(ilike(people.name, pattern), ilike(people.title, pattern)) : undefined,
      f.organisationId ? eq(people.organisationId, f.organisationId) : undefined,
    );
  }

  async list(f: PeopleFilter) {
    const where = this.where(f);
    const items = await this.db
      .select({
        id: people.id,
        name: people.name,
        title: people.title,
        organisationId: people.organisationId,
        organisationName: organisations.name,
        email: people.email,
        phone: people.phone,
        isDemo: people.isDemo,
      })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(where)
      .orderBy(norwegianOrder(people.name), asc(people.id))
      .limit(f.limit)
      .offset(f.offset);
    const [total] = await this.db.select({ n: count() }).from(people).where(where);
    return { items, total: total?.n ?? 0 };
  }

  async byId(id: number) {
    const [row] = await this.db
      .select({ person: people, organisationName: organisations.name })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .where(eq(people.id, id))
      .limit(1);
    return row ? { ...row.person, organisationName: row.organisationName } : undefined;
  }

  /** Directory entries that carry an e-mail address, for a person's own data. */
  async byEmail(email: string) {
    return this.db
      .select({ id: people.id, name: people.name, title: people.title, email: people.email, phone: people.phone })
      .from(people)
      .where(eq(sql`lower(${people.email})`, email.toLowerCase()));
  }

  async byIds(ids: number[]) {
    if (ids.length === 0) return [];
    return this.db.select().from(people).where(inArray(people.id, ids));
  }

  async options() {
    return this.db
      .select({ id: people.id, name: people.name, organisationName: organisations.name })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .orderBy(norwegianOrder(people.name));
  }

  async insert(values: NewPerson): Promise<Person> {
    return this.insertOne(people, values);
  }

  async update(id: number, values: Partial<NewPerson>): Promise<Person> {
    return this.updateStamped(people, id, values);
  }

  async delete(id: number): Promise<void> {
    await this.db.delete(people).where(eq(people.id, id));
  }
}
