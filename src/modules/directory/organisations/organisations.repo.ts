import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { norwegianOrder } from "../../../platform/db/client.ts";
import { Repository } from "../../../platform/db/repository.ts";
import { cooperationMembers, type OrganisationKind, organisations, populationCounts } from "../schema.ts";

export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;

export const ORGANISATION_SORTS = ["name", "-name", "code", "-code", "population", "-population", "county", "-county"] as const;
export type OrganisationSort = (typeof ORGANISATION_SORTS)[number];

export interface OrganisationFilter {
  kind?: OrganisationKind | undefined;
  county?: string | undefined;
  /** Only these organisations (a network's members, resolved through the networks service). */
  onlyIds?: number[] | undefined;
  q?: string | undefined;
  includeEnded?: boolean | undefined;
  sort: OrganisationSort;
  limit: number;
  offset: number;
}

const county = alias(organisations, "county");

/** The only place with SQL for organisations. */
export class OrganisationRepo extends Repository {
  private where(f: Omit<OrganisationFilter, "sort" | "limit" | "offset">): SQL | undefined {
    const conditions: (SQL | undefined)[] = [];
    if (f.kind) conditions.push(eq(organisations.kind, f.kind));
    if (f.county) conditions.push(eq(organisations.countyCode, f.county));
    if (!f.includeEnded) conditions.push(isNull(organisations.endedOn));
    if (f.q) {
      const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          ilike(organisations.name, pattern),
          ilike(organisations.nameNorwegian, pattern),
          eq(organisations.code, f.q),
          eq(organisations.orgNumber, f.q.replace(/\s/g, "")),
        ),
      );
    }
    if (f.onlyIds) conditions.push(f.onlyIds.length ? inArray(organisations.id, f.onlyIds) : sql`false`);
    return and(...conditions);
  }

  /** One page of organisations with their county's name, and the total; two queries whatever the size. */
  async list(f: OrganisationFilter) {
    const where = this.where(f);
    const column = f.sort.replace(/^-/, "");
    const direction = f.sort.startsWith("-") ? desc : asc;
    const order =
      column === "code"
        ? [direction(organisations.code), asc(organisations.nameNorwegian)]
        : column === "population"
          ? [direction(sql`coalesce(${organisations.population}, -1)`), asc(organisations.nameNorwegian)]
          : column === "county"
            ? [direction(county.nameNorwegian), asc(organisations.nameNorwegian)]
            : [direction(norwegianOrder(organisations.nameNorwegian)), asc(organisations.id)];
    const items = await this.db
      .select({
        id: organisations.id,
        kind: organisations.kind,
        name: organisations.name,
        nameNorwegian: organisations.nameNorwegian,
        code: organisations.code,
        countyCode: organisations.countyCode,
        countyName: county.nameNorwegian,
        orgNumber: organisations.orgNumber,
        malform: organisations.malform,
        population: organisations.population,
        areaKm2: organisations.areaKm2,
        website: organisations.website,
        endedOn: organisations.endedOn,
        isDemo: organisations.isDemo,
      })
      .from(organisations)
      .leftJoin(county, and(eq(county.kind, "county"), eq(county.code, organisations.countyCode)))
      .where(where)
      .orderBy(...order)
      .limit(f.limit)
      .offset(f.offset);
    const [total] = await this.db.select({ n: count() }).from(organisations).where(where);
    return { items, total: total?.n ?? 0 };
  }

  async byId(id: number): Promise<Organisation | undefined> {
    const [row] = await this.db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
    return row;
  }

  async byIds(ids: number[]) {
    if (ids.length === 0) return [];
    return this.db.select().from(organisations).where(inArray(organisations.id, ids));
  }

  /**
   * The reference population counts of these organisations, each with the date it was counted, oldest
   * first: the economy picks the latest on or before a budget's date (one query for any number).
   */
  async populationCounts(ids: number[]): Promise<{ organisationId: number; countedOn: string; population: number }[]> {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(populationCounts)
      .where(inArray(populationCounts.organisationId, ids))
      .orderBy(asc(populationCounts.organisationId), asc(populationCounts.countedOn));
  }

  async byKind(kind: OrganisationKind) {
    return this.db.select().from(organisations).where(eq(organisations.kind, kind)).orderBy(asc(organisations.code));
  }

  /** Short labels for pick lists: every organisation still in existence. */
  async options(kinds?: OrganisationKind[]) {
    return this.db
      .select({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        code: organisations.code,
        countyCode: organisations.countyCode,
      })
      .from(organisations)
      .where(and(isNull(organisations.endedOn), kinds ? inArray(organisations.kind, kinds) : undefined))
      .orderBy(norwegianOrder(organisations.nameNorwegian));
  }

  async byOrgNumber(orgNumber: string) {
    const [row] = await this.db.select().from(organisations).where(eq(organisations.orgNumber, orgNumber)).limit(1);
    return row;
  }

  async insert(values: NewOrganisation): Promise<Organisation> {
    return this.insertOne(organisations, values);
  }

  async update(id: number, values: Partial<NewOrganisation>): Promise<Organisation> {
    return this.updateStamped(organisations, id, values);
  }

  async cooperationMembersOf(cooperationId: number) {
    return this.db
      .select({ id: organisations.id, name: organisations.name, code: organisations.code })
      .from(cooperationMembers)
      .innerJoin(organisations, eq(organisations.id, cooperationMembers.memberId))
      .where(eq(cooperationMembers.cooperationId, cooperationId))
      .orderBy(asc(organisations.nameNorwegian));
  }

  async cooperationsOf(memberId: number) {
    return this.db
      .select({ id: organisations.id, name: organisations.name })
      .from(cooperationMembers)
      .innerJoin(organisations, eq(organisations.id, cooperationMembers.cooperationId))
      .where(eq(cooperationMembers.memberId, memberId))
      .orderBy(asc(organisations.nameNorwegian));
  }

  async setCooperationMembers(cooperationId: number, memberIds: number[]) {
    await this.db.delete(cooperationMembers).where(eq(cooperationMembers.cooperationId, cooperationId));
    if (memberIds.length > 0) {
      await this.db.insert(cooperationMembers).values(memberIds.map((memberId) => ({ cooperationId, memberId })));
    }
  }

  async counts() {
    return this.db
      .select({ kind: organisations.kind, n: count() })
      .from(organisations)
      .where(isNull(organisations.endedOn))
      .groupBy(organisations.kind);
  }
}
