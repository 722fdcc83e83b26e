import { z } from "zod";
import type { Actor } from "../../platform/access/actor.ts";
import { canSee } from "../../platform/access/visibility.ts";
import { createAudited } from "../../platform/audit/audited.ts";
import type { Db } from "../../platform/db/client.ts";
import { type Keeper, keepUntilChange } from "../../platform/db/data-version.ts";
import type { Page } from "../../platform/db/paging.ts";
import { readFile } from "../../platform/files/files.ts";
import { invalid, NotFoundError, ok, type Result } from "../../platform/http/errors.ts";
import { optionalText, requiredText, toFieldErrors } from "../../platform/http/validation.ts";
import type { MailDelivery } from "../../platform/mail/mail.ts";
import type { StrategyService } from "../strategies/index.ts";
import { type Consultation, ConsultationRepo } from "./consultations.repo.ts";
import { HandlingService } from "./handling/handling.service.ts";
import { InputService, newReference } from "./inputs/inputs.service.ts";
import { OpeningService, type ProjectsOfConsultations } from "./opening/opening.service.ts";
import { mayAnswer } from "./policy.ts";
import { QuestionService } from "./questions/questions.service.ts";
import { ReviewService } from "./reviews/reviews.service.ts";
import { SummaryService } from "./summary/summary.service.ts";

export const sectionInput = z.object({ heading: requiredText(300), body: optionalText(20_000) });

/** A network as the consultation pages show it. */
interface NetworkOfConsultation {
  id: number;
  slug: string;
  name: string;
}

/**
 * Consultations on drafts: the secretariat opens one on a strategy draft (whose text becomes its
 * sections), a project or a document; anyone (or members only) gives input, without an account, each
 * form stored exactly once; the secretariat handles and answers the inputs and summarises them. The
 * module's one service: the core record here, each sub-feature's commands in its folder's service,
 * offered here too so callers ask one service.
 */
export class ConsultationService {
  readonly repo: ConsultationRepo;
  readonly opening: OpeningService;
  readonly reviews: ReviewService;
  readonly questions: QuestionService;
  readonly inputs: InputService;
  readonly handling: HandlingService;
  readonly summaries: SummaryService;

  constructor(
    private readonly db: Db,
    strategies: StrategyService,
    private readonly networks: {
      bodiesOf(networkId: number): Promise<{ id: number; name: string; kind: string }[]>;
      byId(id: number): Promise<NetworkOfConsultation | undefined>;
    },
    private readonly projects: ProjectsOfConsultations,
    mail: { delivery: MailDelivery; baseUrl: string },
    loadSecret: () => Promise<string>,
    inputsPerTenMinutes = 10,
    /** A consultation's number of inputs, counted once until the data changes. */
    private readonly inputCounts: Keeper<number> = keepUntilChange(undefined),
  ) {
    this.repo = new ConsultationRepo(db);
    this.opening = new OpeningService(db, this.repo, strategies, projects);
    this.reviews = new ReviewService(db, this.repo, strategies, this);
    this.questions = new QuestionService(db, this.repo, this);
    this.inputs = new InputService(db, this.repo, this, mail, loadSecret, inputsPerTenMinutes);
    this.handling = new HandlingService(db, this.repo, this, mail);
    this.summaries = new SummaryService(this.repo, this);
  }

  /** How many inputs the consultation has, for its secretariat: exact at the next request after any. */
  async inputCount(id: number): Promise<number> {
    return this.inputCounts.get(String(id), () => this.repo.countInputs(id));
  }

  async get(id: number): Promise<Consultation> {
    const c = await this.repo.byId(id);
    if (!c) throw new NotFoundError();
    return c;
  }

  /** A consultation with its sections and questions. */
  async detail(id: number) {
    const consultation = await this.get(id);
    const [sections, questions] = await Promise.all([this.repo.sectionsOf(id), this.repo.questionsOf(id)]);
    return { consultation, sections, questions };
  }

  /**
   * Whether the reader may read the text a consultation copied from its project (its sections): true
   * when it is not on a project, else only when the reader may see the project now (`canSee`). The
   * project was open to every reader when the consultation was opened, but may have been kept to the
   * network or a body since; the copy must not outlive the rule. A project gone missing shows nothing.
   */
  async projectTextShown(c: Consultation, viewer: Actor | null): Promise<boolean> {
    if (c.projectId === null) return true;
    const project = await this.projects.byId(c.projectId);
    return project !== undefined && canSee(viewer, project);
  }

  /** The network that holds a consultation, for its pages' menu and crumbs. */
  networkOf(consultation: Consultation): Promise<NetworkOfConsultation | undefined> {
    return this.networks.byId(consultation.networkId);
  }

  /** A network's consultations, the latest to close first, with how many inputs each has. */
  ofNetwork(networkId: number) {
    return this.repo.ofNetwork(networkId);
  }

  /** A page of a network's consultations the viewer may read (internal review rounds only for the network's own people). */
  ofNetworkPage(networkId: number, viewer: Actor | null, page: Page) {
    return this.repo.ofNetworkPage(networkId, viewer, page);
  }

  /** The consultations on a strategy (public ones and review rounds), the first first. */
  ofStrategy(strategyId: number): Promise<Consultation[]> {
    return this.repo.ofStrategy(strategyId);
  }

  /** The internal review rounds that followed a public consultation. */
  reviewsOf(consultationId: number): Promise<Consultation[]> {
    return this.repo.reviewsOf(consultationId);
  }

  /** The bodies of the network a review round can ask. */
  bodiesOf(networkId: number) {
    return this.networks.bodiesOf(networkId);
  }

  /** Who may answer (the rule is the module's policy: `mayAnswer` in policy.ts). */
  mayAnswer(c: Consultation, actor: Actor | null): boolean {
    return mayAnswer(actor, c);
  }

  /** A section written in by the secretariat, for a document's text or to add to a draft's. */
  async addSection(actor: Actor, consultationId: number, input: unknown): Promise<Result<number>> {
    await this.get(consultationId);
    const parsed = sectionInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error));
    const position = (await this.repo.sectionsOf(consultationId)).length;
    const created = await createAudited(this.db, actor, "consultation_section", async (tx) => {
      const [section] = await this.repo.with(tx).insertSections(consultationId, [parsed.data], position);
      return section!;
    });
    return ok(created.id);
  }

  /** The document a consultation is about, for download; 404 when there is none. */
  async document(consultationId: number) {
    const c = await this.get(consultationId);
    const file = c.documentFileId ? await readFile(this.db, c.documentFileId) : undefined;
    if (!file) throw new NotFoundError();
    return file;
  }

  /** An input's reference (here, so a test can make it draw one already taken). */
  newReference(consultationId: number): string {
    return newReference(consultationId);
  }

  // The sub-features' commands, so the rest of the app asks one service.

  openOnStrategy(...a: Parameters<OpeningService["openOnStrategy"]>) {
    return this.opening.openOnStrategy(...a);
  }
  openOnNetwork(...a: Parameters<OpeningService["openOnNetwork"]>) {
    return this.opening.openOnNetwork(...a);
  }
  openReview(...a: Parameters<ReviewService["openReview"]>) {
    return this.reviews.openReview(...a);
  }
  addQuestion(...a: Parameters<QuestionService["addQuestion"]>) {
    return this.questions.addQuestion(...a);
  }
  formToken(...a: Parameters<InputService["formToken"]>) {
    return this.inputs.formToken(...a);
  }
  submit(...a: Parameters<InputService["submit"]>) {
    return this.inputs.submit(...a);
  }
  byReceipt(...a: Parameters<InputService["byReceipt"]>) {
    return this.inputs.byReceipt(...a);
  }
  removePersonalData(...a: Parameters<InputService["removePersonalData"]>) {
    return this.inputs.removePersonalData(...a);
  }
  removeExpiredPersonalData(...a: Parameters<InputService["removeExpiredPersonalData"]>) {
    return this.inputs.removeExpiredPersonalData(...a);
  }
  handle(...a: Parameters<HandlingService["handle"]>) {
    return this.handling.handle(...a);
  }
  addTemplate(...a: Parameters<HandlingService["addTemplate"]>) {
    return this.handling.addTemplate(...a);
  }
  saveSettings(...a: Parameters<HandlingService["saveSettings"]>) {
    return this.handling.saveSettings(...a);
  }
  publishAnswers(...a: Parameters<HandlingService["publishAnswers"]>) {
    return this.handling.publishAnswers(...a);
  }
  mailAnswers(...a: Parameters<HandlingService["mailAnswers"]>) {
    return this.handling.mailAnswers(...a);
  }
  publishedInputs(...a: Parameters<HandlingService["publishedInputs"]>) {
    return this.handling.publishedInputs(...a);
  }
  publishedInputsPage(...a: Parameters<HandlingService["publishedInputsPage"]>) {
    return this.handling.publishedInputsPage(...a);
  }
  summary(...a: Parameters<SummaryService["summary"]>) {
    return this.summaries.summary(...a);
  }
}
