import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { readableByAll, type Visibility } from "../../../platform/access/visibility.ts";
import { publishEvent } from "../../../platform/activity/activity.ts";
import type { RecordRef } from "../../../platform/activity/followables.ts";
import { audited, createAudited } from "../../../platform/audit/audited.ts";
import type { Db, DbOrTx } from "../../../platform/db/client.ts";
import { checkUpload, saveFile } from "../../../platform/files/files.ts";
import { type FieldError, invalid, ok, type Result } from "../../../platform/http/errors.ts";
import {
  optionalId,
  optionalText,
  requiredDate,
  requiredText,
  toFieldErrors,
  wholeNumber,
} from "../../../platform/http/validation.ts";
import { osloInstant, type Translate } from "../../../platform/i18n/i18n.ts";
import type { StrategyService } from "../../strategies/index.ts";
import type { Consultation, ConsultationRepo } from "../consultations.repo.ts";
import { checkbox, timeOfDay } from "../fields.ts";
import { readersOf } from "../policy.ts";
import { AUDIENCES } from "../schema.ts";

export const consultationInput = z
  .object({
    title: requiredText(200),
    intro: optionalText(5000),
    opensDate: requiredDate,
    opensTime: timeOfDay,
    closesDate: requiredDate,
    closesTime: timeOfDay,
    audience: z.enum(AUDIENCES, "errors.choice").default("anyone"),
    publishInputs: checkbox.default(false),
    personalDataDays: wholeNumber(1, 3650).default(90),
  })
  .transform((c) => ({ ...c, opensAt: osloInstant(c.opensDate, c.opensTime), closesAt: osloInstant(c.closesDate, c.closesTime) }))
  .refine((c) => c.closesAt > c.opensAt, { path: ["closesDate"], message: "errors.closesBeforeOpens" });

export const SUBJECTS = ["project", "document"] as const;
export const subjectInput = z.object({ subject: z.enum(SUBJECTS, "errors.choice"), projectId: optionalId });

/** A project as opening a consultation on it, and showing the text copied from it, reads it. */
export interface ProjectOfConsultation {
  networkId: number;
  visibility: Visibility;
  bodyId: number | null;
  summary: string;
  problem: string;
  description: string;
}

/** The projects a consultation can be about, by id (the projects module's service). */
export interface ProjectsOfConsultations {
  byId(id: number): Promise<ProjectOfConsultation | undefined>;
}

/** A consultation's columns from its form: the opening and closing instants, without the day and time fields. */
const columnsOf = ({
  opensDate: _od,
  opensTime: _ot,
  closesDate: _cd,
  closesTime: _ct,
  ...values
}: z.infer<typeof consultationInput>) => values;

/** A strategy's text as sections input can point at: the vision, the goals, and each focus area with its measures. */
export function strategySections(d: Awaited<ReturnType<StrategyService["detail"]>>, t: Translate) {
  return [
    ...(d.strategy.vision ? [{ heading: t("strategy.vision"), body: d.strategy.vision }] : []),
    ...(d.goals.length
      ? [
          {
            heading: t("strategy.goals"),
            body: d.goals.map((g, i) => `${i + 1}. ${g.title}${g.description ? ` – ${g.description}` : ""}`).join("\n"),
          },
        ]
      : []),
    ...d.focusAreas.map((a) => ({
      heading: a.title,
      body: [
        a.why ? `${t("strategy.why")}: ${a.why}` : "",
        a.what ? `${t("strategy.what")}: ${a.what}` : "",
        ...d.measures.filter((m) => m.focusAreaId === a.id).map((m) => `– ${m.description}`),
      ]
        .filter(Boolean)
        .join("\n\n"),
    })),
  ];
}

/** Opening a consultation: on a network's strategy draft, or from the network on a project or an uploaded document. */
/**
 * Tells of a new consultation under its network and under the record it is about; each reader must
 * be able to read the consultation too (an internal review round stays with the network's people).
 */
async function announce(tx: DbOrTx, actor: Actor, consultation: Consultation, on: RecordRef | null) {
  const told = { type: "consultation_opened", about: { kind: "consultation", id: consultation.id }, actorUserId: actor.userId };
  await publishEvent(tx, { kind: "network", id: consultation.networkId, ...told });
  if (on) await publishEvent(tx, { ...on, ...told });
}

export class OpeningService {
  constructor(
    private readonly db: Db,
    private readonly repo: ConsultationRepo,
    private readonly strategies: StrategyService,
    private readonly projects: ProjectsOfConsultations,
  ) {}

  /**
   * Opens a consultation on a network's strategy draft: its vision, goals and focus areas (with their
   * measures) become the sections, with headings in the language of the one who opens it. The draft
   * is marked as on consultation.
   */
  async openOnStrategy(actor: Actor, strategyId: number, input: unknown, t: Translate): Promise<Result<Consultation>> {
    const d = await this.strategies.detail(strategyId);
    if (d.strategy.networkId === null) return invalid([{ field: "_", key: "errors.consultationNetworkOnly" }]);
    if (d.strategy.status !== "draft" && d.strategy.status !== "consultation")
      return invalid([{ field: "_", key: "errors.consultationDraftOnly" }]);
    const parsed = consultationInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const sections = strategySections(d, t);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const repo = this.repo.with(tx);
        const consultation = await repo.insert({ ...columnsOf(parsed.data), networkId: d.strategy.networkId!, strategyId });
        await repo.insertSections(consultation.id, sections);
        await this.strategies.markInConsultation(tx, strategyId);
        await announce(tx, actor, consultation, { kind: "strategy", id: strategyId });
        await audit({
          action: "create",
          entity: "consultation",
          entityId: consultation.id,
          after: { ...consultation, sections: sections.length },
        });
        return consultation;
      }),
    );
  }

  /**
   * Opens a consultation on one of the network's projects (its summary, problem and description
   * become the sections) or on an uploaded document (the secretariat then writes its sections in).
   * Everything is checked before anything is saved. The project must be the network's own and
   * readable by everyone who may read the consultation (`readersOf`): its text is copied into the
   * sections, so a project kept to the network or to a body never goes into a public consultation,
   * whatever the form offered. The document is uploaded here for this consultation and read only
   * through it, so it carries no other record's restricted text; a strategy (openOnStrategy) is
   * public by design: strategies have no visibility of their own and their pages are public.
   */
  async openOnNetwork(
    actor: Actor,
    networkId: number,
    input: Record<string, unknown>,
    maxBytes: number,
    t: Translate,
  ): Promise<Result<Consultation>> {
    const parsed = consultationInput.safeParse(input);
    const subject = subjectInput.safeParse(input);
    const errors: FieldError[] = [
      ...(parsed.success ? [] : toFieldErrors(parsed.error)),
      ...(subject.success ? [] : toFieldErrors(subject.error)),
    ];
    let sections: { heading: string; body: string }[] = [];
    let upload: Awaited<ReturnType<typeof checkUpload>>["file"];
    if (subject.success && subject.data.subject === "project") {
      const project = subject.data.projectId === null ? undefined : await this.projects.byId(subject.data.projectId);
      // Unknown until the form parses; "anyone" is the most public audience, so the strictest check.
      const readers = readersOf({ networkId, audience: parsed.success ? parsed.data.audience : "anyone" });
      if (!project || project.networkId !== networkId) errors.push({ field: "projectId", key: "errors.choice" });
      else if (!readableByAll({ networkId: project.networkId, visibility: project.visibility, bodyId: project.bodyId }, readers))
        errors.push({ field: "projectId", key: "errors.projectNotOpenToReaders" });
      else
        sections = [
          { heading: t("project.summary"), body: project.summary },
          { heading: t("project.problem"), body: project.problem },
          { heading: t("project.description"), body: project.description },
        ].filter((s) => s.body.trim() !== "");
    }
    if (subject.success && subject.data.subject === "document") {
      const checked = await checkUpload("file", input.file, maxBytes);
      errors.push(...checked.errors);
      upload = checked.file;
    }
    if (!parsed.success || !subject.success || errors.length) return invalid(errors);
    const projectId = subject.data.subject === "project" ? subject.data.projectId : null;
    return ok(
      await createAudited(this.db, actor, "consultation", async (tx) => {
        const file = upload ? await saveFile(tx, upload, actor.userId) : undefined;
        const repo = this.repo.with(tx);
        const consultation = await repo.insert({
          ...columnsOf(parsed.data),
          networkId,
          projectId,
          documentFileId: file?.id ?? null,
        });
        await repo.insertSections(consultation.id, sections);
        await announce(tx, actor, consultation, projectId ? { kind: "project", id: projectId } : null);
        return consultation;
      }),
    );
  }
}
