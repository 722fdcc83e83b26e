import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { canSee } from "../../platform/access/visibility.ts";
import { audited, createAudited, updateAudited } from "../../platform/audit/audited.ts";
import { type Db, isUniqueViolation } from "../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import {
  emptyToNull,
  optionalId,
  requiredDate,
  requiredId,
  requiredText,
  toFieldErrors,
  wholeNumber,
} from "../../platform/http/validation.ts";
import { osloToday } from "../../platform/i18n/i18n.ts";
import type { AnnualKind, AnnualTable } from "../../platform/module.ts";
import type { MeetingService } from "../decisions/index.ts";
import type { SurveyService } from "../surveys/index.ts";
import { type AnnualDocument, AnnualRepo } from "./annual.repo.ts";
import { ANNUAL_KINDS, type AnnualSection } from "./schema.ts";

/**
 * A document's tables as a viewer may see them, drawn now (`draw`) or frozen and checked again
 * (`recheck`: rows about records the viewer may no longer see are left out). The routes give it: it spans
 * every module.
 */
export interface AnnualDrawing {
  draw(viewer: Actor | null): Promise<AnnualTable[]>;
  recheck(tables: readonly AnnualTable[], viewer: Actor | null): Promise<AnnualTable[]>;
}

/** The tables of an adopted document, frozen as they were drawn for the network's people and for the public. */
export interface AnnualSnapshot {
  takenAt: string;
  network: AnnualTable[];
  public: AnnualTable[];
}

/** Sections a document may hold, and how long each part may be. */
export const MAX_SECTIONS = 30;
const sectionInput = z
  .object({ heading: z.string().trim().max(200, "errors.tooLong"), body: z.string().trim().max(20_000, "errors.tooLong") })
  .refine((s) => s.heading !== "" || s.body === "", { path: ["heading"], message: "errors.required" });

export const newDocumentInput = z.object({
  kind: z.enum(ANNUAL_KINDS, "errors.choice"),
  year: z.preprocess(emptyToNull, wholeNumber(2000, 2200).nullable()).refine((y) => y !== null, "errors.required"),
});

export const documentInput = z.object({ title: requiredText(200), surveyId: optionalId });

export const adoptionInput = z.object({ decisionId: requiredId, adoptedOn: requiredDate });

/**
 * The form's numbered section fields (sections.0.heading, sections.0.body, …) in their order, each
 * with its number on the form (so that an error stands at the field it is about); empty pairs are dropped.
 */
export function sectionsFromForm(body: Record<string, unknown>): { at: number; heading: unknown; body: unknown }[] {
  const numbers = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = /^sections\.(\d{1,4})\.(heading|body)$/.exec(key);
    if (match) numbers.add(Number(match[1]));
  }
  return [...numbers]
    .sort((a, b) => a - b)
    .map((at) => ({ at, heading: body[`sections.${at}.heading`] ?? "", body: body[`sections.${at}.body`] ?? "" }))
    .filter((section) => String(section.heading).trim() !== "" || String(section.body).trim() !== "");
}

/** The sections as written, or the errors at the form's fields. */
function parseSections(body: Record<string, unknown>): Result<AnnualSection[]> {
  const given = sectionsFromForm(body);
  if (given.length > MAX_SECTIONS) return invalid([{ field: "_", key: "errors.tooManySections", params: { max: MAX_SECTIONS } }]);
  const sections: AnnualSection[] = [];
  const errors: FieldError[] = [];
  for (const { at, ...section } of given) {
    const parsed = sectionInput.safeParse(section);
    if (parsed.success) sections.push(parsed.data);
    else errors.push(...toFieldErrors(parsed.error).map((e) => ({ ...e, field: `sections.${at}.${e.field}` })));
  }
  return errors.length ? invalid(errors) : ok(sections);
}

/** The viewer the network's frozen tables are drawn for: one of its people, with no seat and no secretariat role. */
export const networkReader = (networkId: number): Actor => ({
  userId: null,
  label: "annual document",
  isAdmin: false,
  networks: { [networkId]: { role: "member", organisationIds: [], bodies: [] } },
});

/**
 * The annual plan and annual report: written by the network's secretariat as a draft (read by the
 * network's people), adopted by the steering group with a decision (its tables frozen), then published.
 */
export class AnnualService {
  private readonly repo: AnnualRepo;

  constructor(
    private readonly db: Db,
    private readonly meetings: MeetingService,
    private readonly surveys: SurveyService,
  ) {
    this.repo = new AnnualRepo(db);
  }

  list(networkId: number, viewer: Actor | null) {
    return this.repo.list(networkId, viewer);
  }

  /** The document as the viewer may read it; 404 when there is none or they may not. */
  async get(networkId: number, kind: AnnualKind, year: number, viewer: Actor | null): Promise<AnnualDocument> {
    const doc = await this.repo.find(networkId, kind, year);
    if (!doc || !canSee(viewer, { networkId, visibility: doc.visibility })) throw new NotFoundError();
    return doc;
  }

  /**
   * The document for the rules (who may manage it), whoever asks, or none: the routes answer 404 for a
   * missing one only after the rule, so that another network cannot tell which documents exist.
   */
  find(networkId: number, kind: AnnualKind, year: number): Promise<AnnualDocument | undefined> {
    return this.repo.find(networkId, kind, year);
  }

  /** The tables the viewer sees: frozen as adopted (the network's version for its people), else drawn now. */
  async tables(doc: AnnualDocument, viewer: Actor | null, drawing: AnnualDrawing): Promise<AnnualTable[]> {
    const snapshot = doc.snapshot as AnnualSnapshot | null;
    if (!snapshot) return drawing.draw(viewer);
    const frozen = canSee(viewer, { networkId: doc.networkId, visibility: "network" }) ? snapshot.network : snapshot.public;
    return drawing.recheck(frozen, viewer);
  }

  async create(
    actor: Actor,
    networkId: number,
    body: unknown,
    defaults: (kind: AnnualKind, year: number) => { title: string; sections: AnnualSection[] },
  ): Promise<Result<AnnualDocument>> {
    const parsed = newDocumentInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const { kind, year } = parsed.data;
    try {
      return ok(
        await createAudited(this.db, actor, "annual_document", (tx) =>
          this.repo.with(tx).insert({ networkId, kind, year, ...defaults(kind, year), updatedById: actor.userId }),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error, "annual_documents_network_year_kind_uq"))
        return invalid([{ field: "year", key: "errors.annualExists" }]);
      throw error;
    }
  }

  /** The surveys a document may show: the network's, of the year and the year before, that the secretariat sees. */
  surveyChoices(actor: Actor | null, doc: Pick<AnnualDocument, "networkId" | "year">) {
    return this.surveys.visibleSurveys(doc.networkId, { from: doc.year - 1, to: doc.year }, actor);
  }

  /** The steering group's decisions the document can be adopted by, newest first. */
  async decisionChoices(viewer: Actor | null, networkId: number) {
    const register = await this.meetings.register(networkId, viewer);
    return register.filter((r) => r.bodyKind === "steering_group");
  }

  async update(actor: Actor, doc: AnnualDocument, body: Record<string, unknown>): Promise<Result<AnnualDocument>> {
    if (doc.status !== "draft") return invalid([{ field: "_", key: "errors.annualFrozen" }]);
    const parsed = documentInput.safeParse(body);
    const sections = parseSections(body);
    const errors = [...(parsed.success ? [] : toFieldErrors(parsed.error)), ...(sections.ok ? [] : sections.errors)];
    if (!parsed.success || !sections.ok) return invalid(errors);
    const { surveyId } = parsed.data;
    if (surveyId !== null && surveyId !== doc.surveyId) {
      const choices = await this.surveyChoices(actor, doc);
      if (!choices.some((s) => s.id === surveyId)) return invalid([{ field: "surveyId", key: "errors.choice" }]);
    }
    const changes = { title: parsed.data.title, sections: sections.value, surveyId, updatedById: actor.userId };
    return ok(
      await updateAudited(this.db, actor, "annual_document", doc, changes, (tx) => this.repo.with(tx).update(doc.id, changes)),
    );
  }

  /**
   * The steering group adopted it: the decision is recorded and the tables are frozen as they stand,
   * drawn for the network's people and for the public, so that neither later changes of the data nor
   * publishing it can change or widen what it shows. The date adopted is no later than today in Norway
   * and no earlier than the decision's meeting.
   */
  async adopt(actor: Actor, doc: AnnualDocument, body: unknown, { draw }: AnnualDrawing): Promise<Result<AnnualDocument>> {
    const parsed = adoptionInput.safeParse(body);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    if (doc.status !== "draft") return invalid([{ field: "_", key: "errors.annualFrozen" }]);
    const choices = await this.decisionChoices(actor, doc.networkId);
    const chosen = choices.find((c) => c.decision.id === parsed.data.decisionId);
    if (!chosen) return invalid([{ field: "decisionId", key: "errors.choice" }]);
    // Adopted on a day that has come (in Norway), and not before the meeting that made the decision.
    const { adoptedOn } = parsed.data;
    const today = osloToday();
    if (adoptedOn > today) return invalid([{ field: "adoptedOn", key: "errors.annualAdoptedInFuture", params: { date: today } }]);
    if (adoptedOn < chosen.meetingDate)
      return invalid([{ field: "adoptedOn", key: "errors.annualAdoptedBeforeMeeting", params: { date: chosen.meetingDate } }]);
    const [network, everyone] = await Promise.all([draw(networkReader(doc.networkId)), draw(null)]);
    const snapshot: AnnualSnapshot = { takenAt: new Date().toISOString(), network, public: everyone };
    const adopted = await audited(this.db, actor, async (tx, audit) => {
      const repo = this.repo.with(tx);
      const current = await repo.lock(doc.id);
      if (current?.status !== "draft") return null;
      const saved = await repo.update(doc.id, {
        status: "adopted",
        decisionId: parsed.data.decisionId,
        adoptedOn,
        snapshot,
        updatedById: actor.userId,
      });
      await audit({
        action: "update",
        entity: "annual_document",
        entityId: doc.id,
        before: { status: "draft" },
        after: { status: "adopted", decisionId: saved.decisionId, adoptedOn: saved.adoptedOn },
      });
      return saved;
    });
    return adopted ? ok(adopted) : invalid([{ field: "_", key: "errors.annualFrozen" }]);
  }

  /** Makes an adopted document public (what anyone then reads is its public frozen tables). */
  async publish(actor: Actor, doc: AnnualDocument): Promise<Result<AnnualDocument>> {
    if (doc.status !== "adopted") return invalid([{ field: "_", key: "errors.annualNotAdopted" }]);
    const changes = {
      status: "published" as const,
      visibility: "public" as const,
      publishedAt: new Date(),
      updatedById: actor.userId,
    };
    return ok(
      await updateAudited(this.db, actor, "annual_document", doc, changes, (tx) => this.repo.with(tx).update(doc.id, changes)),
    );
  }
}
