import { and, asc, eq, inArray, isNull, ne, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Actor } from "../../platform/access/actor.ts";
import { visibleWhere } from "../../platform/access/visibility.ts";
import { Repository } from "../../platform/db/repository.ts";
import { consultationInputs, consultations } from "../consultations/index.ts";
import { organisations, people } from "../directory/index.ts";
import { gatheringRegistrations, gatherings } from "../gatherings/index.ts";
import { needSupporters, needs } from "../needs/index.ts";
import { bodies, bodyMembers, memberships, networks } from "../networks/index.ts";
import { benefitMeasurements, benefits, projectParticipants, projects } from "../projects/index.ts";
import { adoptions, nationalSolutions } from "../roadmap/index.ts";
import { solutionProjects, solutions, solutionUsers } from "../solutions/index.ts";

/** A report's period: a calendar year, or the network's lifetime (both ends open). Dates are yyyy-mm-dd. */
export interface Period {
  year: number | null;
  from: string | null;
  to: string | null;
}

/**
 * The member reports' SQL: every figure is one query over all the network's members at once,
 * grouped by organisation, and each list of the one member's records is one query more, so a report
 * and the comparison cost the same number of queries whatever the number of members and years
 * (decision 0031). Every query reads other modules' published tables and passes the access kernel's
 * rule for the viewer (visibleWhere), so nothing restricted is counted for a viewer who may not see it.
 */
export class ReportsRepo extends Repository {
  /** The networks an organisation is a member of (any level, at any time), for the links to its reports. */
  networksOf(organisationId: number) {
    return this.db
      .select({ slug: networks.slug, name: networks.name })
      .from(memberships)
      .innerJoin(networks, eq(networks.id, memberships.networkId))
      .where(eq(memberships.organisationId, organisationId))
      .orderBy(asc(networks.name));
  }

  /** The network's member organisations (any level) whose membership overlaps the period. */
  members(networkId: number, period: Period) {
    return this.db
      .select({
        organisationId: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        population: organisations.population,
        level: memberships.level,
        fromDate: memberships.fromDate,
        toDate: memberships.toDate,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(this.membershipIn(networkId, period))
      .orderBy(asc(organisations.nameNorwegian), asc(organisations.id));
  }

  /** Joint projects per member: taken part in (lead or participant) and led, among the network's projects the viewer may see that ran in the period. */
  async projectCounts(networkId: number, period: Period, viewer: Actor | null) {
    const rows = await this.db
      .select({
        organisationId: projectParticipants.organisationId,
        projects: sql<number>`count(*) filter (where ${projectParticipants.role} in ('lead', 'participant'))`.mapWith(Number),
        led: sql<number>`count(*) filter (where ${projectParticipants.role} = 'lead')`.mapWith(Number),
      })
      .from(projectParticipants)
      .innerJoin(projects, eq(projects.id, projectParticipants.projectId))
      .where(this.projectsInScope(networkId, period, viewer))
      .groupBy(projectParticipants.organisationId);
    return rows;
  }

  /** One member's projects in the network (every role), as the viewer may see them. */
  projectList(networkId: number, organisationId: number, period: Period, viewer: Actor | null) {
    return this.db
      .select({
        id: projects.id,
        title: projects.title,
        phase: projects.phase,
        kind: projects.kind,
        startDate: projects.startDate,
        endDate: projects.endDate,
        role: projectParticipants.role,
      })
      .from(projectParticipants)
      .innerJoin(projects, eq(projects.id, projectParticipants.projectId))
      .where(and(eq(projectParticipants.organisationId, organisationId), this.projectsInScope(networkId, period, viewer)))
      .orderBy(asc(projects.title), asc(projects.id));
  }

  /** Benefits with their own measurements in the period: per member, how many of its projects' benefits it has measured for itself. */
  benefitCounts(networkId: number, period: Period, viewer: Actor | null) {
    return this.db
      .select({
        organisationId: sql<number>`${benefitMeasurements.organisationId}`.mapWith(Number),
        benefits: sql<number>`count(distinct ${benefitMeasurements.benefitId})`.mapWith(Number),
      })
      .from(benefitMeasurements)
      .innerJoin(benefits, eq(benefits.id, benefitMeasurements.benefitId))
      .innerJoin(projects, eq(projects.id, benefits.projectId))
      .where(
        and(
          eq(projects.networkId, networkId),
          visibleWhere(viewer, projects),
          sql`${benefitMeasurements.organisationId} is not null`,
          this.dateIn(benefitMeasurements.measuredOn, period),
        ),
      )
      .groupBy(benefitMeasurements.organisationId);
  }

  /**
   * The benefits of these projects with the measurements that matter to one member: its own and the
   * project's as a whole, up to the period's end, in the order taken (the last is the latest).
   */
  benefitMeasurementsOf(projectIds: number[], organisationId: number, period: Period) {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.db
      .select({
        benefitId: benefits.id,
        projectId: benefits.projectId,
        title: benefits.title,
        unit: benefits.unit,
        baseline: benefits.baseline,
        target: benefits.target,
        organisationId: benefitMeasurements.organisationId,
        measuredOn: benefitMeasurements.measuredOn,
        value: benefitMeasurements.value,
      })
      .from(benefits)
      .leftJoin(
        benefitMeasurements,
        and(
          eq(benefitMeasurements.benefitId, benefits.id),
          or(isNull(benefitMeasurements.organisationId), eq(benefitMeasurements.organisationId, organisationId)),
          period.to ? sql`${benefitMeasurements.measuredOn} <= ${period.to}` : undefined,
        ),
      )
      .where(inArray(benefits.projectId, projectIds))
      .orderBy(asc(benefits.id), asc(benefitMeasurements.measuredOn), asc(benefitMeasurements.id));
  }

  /**
   * Solutions each member started using through the network: those its catalogue entry says it uses
   * since a date in the period (any date, or none, over the lifetime) that one of the network's projects
   * the viewer may see introduced.
   */
  solutionRows(networkId: number, period: Period, viewer: Actor | null) {
    const introduced = this.db
      .select({ solutionId: solutionProjects.solutionId })
      .from(solutionProjects)
      .innerJoin(projects, eq(projects.id, solutionProjects.projectId))
      .where(and(eq(projects.networkId, networkId), visibleWhere(viewer, projects)));
    return this.db
      .select({
        organisationId: solutionUsers.organisationId,
        solutionId: solutions.id,
        name: solutions.name,
        since: solutionUsers.since,
      })
      .from(solutionUsers)
      .innerJoin(solutions, eq(solutions.id, solutionUsers.solutionId))
      .innerJoin(
        memberships,
        and(eq(memberships.organisationId, solutionUsers.organisationId), eq(memberships.networkId, networkId)),
      )
      .where(
        and(
          inArray(solutionUsers.solutionId, introduced),
          period.year === null ? undefined : this.dateIn(solutionUsers.since, period),
        ),
      )
      .orderBy(asc(solutions.name));
  }

  /** The national catalogue's solutions (a network's own initiatives are not national). */
  nationalCatalogue() {
    return this.db
      .select({ id: nationalSolutions.id, name: nationalSolutions.name })
      .from(nationalSolutions)
      .where(isNull(nationalSolutions.networkId))
      .orderBy(asc(nationalSolutions.name));
  }

  /**
   * Every member's status for each national solution it has reported on (adoption is public), for the
   * members of the period only: the same set as members(), so a share of them never exceeds 1.
   */
  adoptionRows(networkId: number, period: Period) {
    return this.db
      .select({
        organisationId: adoptions.organisationId,
        solutionId: adoptions.solutionId,
        status: adoptions.status,
        sinceDate: adoptions.sinceDate,
      })
      .from(adoptions)
      .innerJoin(nationalSolutions, eq(nationalSolutions.id, adoptions.solutionId))
      .innerJoin(memberships, eq(memberships.organisationId, adoptions.organisationId))
      .where(and(isNull(nationalSolutions.networkId), this.membershipIn(networkId, period)));
  }

  /** Needs of the network the viewer may see, raised in the period, per member: raised by it, supported by it. */
  async needCounts(networkId: number, period: Period, viewer: Actor | null) {
    const inScope = and(eq(needs.networkId, networkId), visibleWhere(viewer, needs), this.instantIn(needs.createdAt, period));
    const raised = this.db
      .select({
        organisationId: needs.organisationId,
        raised: sql<number>`1`.as("raised"),
        supported: sql<number>`0`.as("supported"),
      })
      .from(needs)
      .where(inScope);
    const supported = this.db
      .select({ organisationId: needSupporters.organisationId, raised: sql<number>`0`, supported: sql<number>`1` })
      .from(needSupporters)
      .innerJoin(needs, eq(needs.id, needSupporters.needId))
      // The organisation that raised a need is not its supporter too.
      .where(and(inScope, ne(needSupporters.organisationId, needs.organisationId)));
    const both = raised.unionAll(supported).as("n");
    return this.db
      .select({
        organisationId: both.organisationId,
        raised: sql<number>`sum(${both.raised})`.mapWith(Number),
        supported: sql<number>`sum(${both.supported})`.mapWith(Number),
      })
      .from(both)
      .groupBy(both.organisationId);
  }

  /** One member's needs in the network: raised or supported, with what became of each. */
  needList(networkId: number, organisationId: number, period: Period, viewer: Actor | null) {
    return this.db
      .select({
        id: needs.id,
        title: needs.title,
        state: needs.state,
        projectId: needs.projectId,
        raised: sql<boolean>`${needs.organisationId} = ${organisationId}`,
        createdAt: needs.createdAt,
      })
      .from(needs)
      .where(
        and(
          eq(needs.networkId, networkId),
          visibleWhere(viewer, needs),
          this.instantIn(needs.createdAt, period),
          or(
            eq(needs.organisationId, organisationId),
            sql`exists (select 1 from ${needSupporters} s where s.need_id = ${needs.id} and s.organisation_id = ${organisationId})`,
          ),
        ),
      )
      .orderBy(asc(needs.createdAt), asc(needs.id));
  }

  /**
   * Inputs to the network's consultations given in a member's name (the organisation the sender
   * wrote, matched to an organisation when it was stored, so it counts after the name is cleared),
   * received or handled: spam and duplicates merged into another are not inputs of their own. An input
   * counts for a viewer who may read it: the
   * consultation publishes its inputs, or the viewer is one of the network's people (the consultations
   * module's summary rule).
   */
  inputRows(networkId: number, period: Period, viewer: Actor | null) {
    return this.db
      .select({
        organisationId: memberships.organisationId,
        inputId: consultationInputs.id,
        reference: consultationInputs.reference,
        consultationId: consultations.id,
        consultationTitle: consultations.title,
        published: consultations.publishInputs,
        submittedAt: consultationInputs.submittedAt,
      })
      .from(consultationInputs)
      .innerJoin(consultations, eq(consultations.id, consultationInputs.consultationId))
      .innerJoin(
        memberships,
        and(
          eq(memberships.networkId, consultations.networkId),
          eq(memberships.organisationId, consultationInputs.organisationId),
        ),
      )
      .where(
        and(
          eq(consultations.networkId, networkId),
          inArray(consultationInputs.status, ["received", "handled"]),
          visibleWhere(viewer, {
            networkId: consultations.networkId,
            visibility: sql`case when ${consultations.publishInputs} then 'public' else 'network' end`,
            bodyId: sql`null`,
          }),
          this.instantIn(consultationInputs.submittedAt, period),
        ),
      )
      .orderBy(asc(consultationInputs.submittedAt), asc(consultationInputs.id));
  }

  /** Registrations of members' people for the network's gatherings in the period that the viewer may see: confirmed, and marked as attended. */
  registrationRows(networkId: number, period: Period, viewer: Actor | null) {
    return this.db
      .select({
        organisationId: sql<number>`${gatheringRegistrations.organisationId}`.mapWith(Number),
        gatheringId: gatherings.id,
        title: gatherings.title,
        startsAt: gatherings.startsAt,
        confirmed: sql<number>`count(*)`.mapWith(Number),
        attended: sql<number>`count(*) filter (where ${gatheringRegistrations.attended})`.mapWith(Number),
      })
      .from(gatheringRegistrations)
      .innerJoin(gatherings, eq(gatherings.id, gatheringRegistrations.gatheringId))
      .where(
        and(
          eq(gatherings.networkId, networkId),
          eq(gatheringRegistrations.status, "confirmed"),
          sql`${gatheringRegistrations.organisationId} is not null`,
          visibleWhere(viewer, { networkId: gatherings.networkId, visibility: gatherings.visibility, bodyId: sql`null` }),
          this.instantIn(gatherings.startsAt, period),
        ),
      )
      .groupBy(gatheringRegistrations.organisationId, gatherings.id)
      .orderBy(asc(gatherings.startsAt), asc(gatherings.id));
  }

  /** Seats in the network's bodies the viewer may see, held in the period for a member (the organisation the seat names, else the person's own). */
  seatRows(networkId: number, period: Period, viewer: Actor | null) {
    const organisationId = sql<number>`coalesce(${bodyMembers.organisationId}, ${people.organisationId})`.mapWith(Number);
    return this.db
      .select({
        organisationId,
        bodyId: bodies.id,
        bodyName: bodies.name,
        bodyKind: bodies.kind,
        role: bodyMembers.role,
        personName: people.name,
      })
      .from(bodyMembers)
      .innerJoin(bodies, eq(bodies.id, bodyMembers.bodyId))
      .innerJoin(people, eq(people.id, bodyMembers.personId))
      .where(
        and(
          eq(bodies.networkId, networkId),
          sql`${organisationId} is not null`,
          visibleWhere(viewer, { networkId: bodies.networkId, visibility: bodies.visibility, bodyId: bodies.id }),
          period.to ? sql`(${bodyMembers.fromDate} is null or ${bodyMembers.fromDate} <= ${period.to})` : undefined,
          period.from ? sql`(${bodyMembers.toDate} is null or ${bodyMembers.toDate} >= ${period.from})` : undefined,
        ),
      )
      .orderBy(asc(bodies.name), asc(people.name));
  }

  /** A membership of the network that overlaps the period (open ends count). */
  private membershipIn(networkId: number, period: Period): SQL | undefined {
    return and(
      eq(memberships.networkId, networkId),
      period.to ? sql`(${memberships.fromDate} is null or ${memberships.fromDate} <= ${period.to})` : undefined,
      period.from ? sql`(${memberships.toDate} is null or ${memberships.toDate} >= ${period.from})` : undefined,
    );
  }

  /** The network's projects the viewer may see that ran in the period (dates unknown count as running). */
  private projectsInScope(networkId: number, period: Period, viewer: Actor | null): SQL | undefined {
    return and(
      eq(projects.networkId, networkId),
      visibleWhere(viewer, projects),
      period.to ? sql`(${projects.startDate} is null or ${projects.startDate} <= ${period.to})` : undefined,
      period.from ? sql`(${projects.endDate} is null or ${projects.endDate} >= ${period.from})` : undefined,
    );
  }

  /** A date column inside the period. */
  private dateIn(column: SQLWrapper, period: Period): SQL | undefined {
    if (period.from === null || period.to === null) return undefined;
    return sql`${column} between ${period.from} and ${period.to}`;
  }

  /** An instant inside the period, counted in Norway's calendar. */
  private instantIn(column: SQLWrapper, period: Period): SQL | undefined {
    if (period.from === null || period.to === null) return undefined;
    return sql`(${column} at time zone 'Europe/Oslo')::date between ${period.from} and ${period.to}`;
  }
}
