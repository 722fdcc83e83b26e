import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { audited } from "../../../platform/audit/audited.ts";
import { hashToken } from "../../../platform/auth/tokens.ts";
import { type Db, type DbOrTx, isUniqueViolation } from "../../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { emptyToNull, optionalId, requiredText, toFieldErrors } from "../../../platform/http/validation.ts";
import { i18nFor, type Locale } from "../../../platform/i18n/i18n.ts";
import { type MailDelivery, queueMail } from "../../../platform/mail/mail.ts";
import type { Consultation, ConsultationRepo, Input, Question, Section } from "../consultations.repo.ts";
import { mayAnswer } from "../policy.ts";
import { RESPONDENT_KINDS } from "../schema.ts";
import { stateOf } from "../state.ts";

/** What a person sends; the questions' answers come as fields "q<id>" and are checked against the questions. */
export const inputFields = z.object({
  sectionId: optionalId,
  body: requiredText(10_000),
  respondentKind: z.enum(RESPONDENT_KINDS, "errors.choice").default("other"),
  name: z.preprocess(emptyToNull, z.string().trim().max(200, "errors.tooLong").nullable().default(null)),
  organisation: z.preprocess(emptyToNull, z.string().trim().max(200, "errors.tooLong").nullable().default(null)),
  email: z.preprocess(emptyToNull, z.email("errors.email").max(254).nullable().default(null)),
});

/** Seconds a person needs at least between opening the form and sending it; a script is faster. */
export const MIN_FILL_SECONDS = 3;

/** An input's reference: the consultation and seven random characters. */
export const newReference = (consultationId: number): string =>
  `K${consultationId}-${randomBytes(5).toString("hex").toUpperCase().slice(0, 7)}`;

/** The answers to the questions, from the fields "q<id>", each checked against its question. */
function answersOf(questions: Question[], body: Record<string, unknown>) {
  const answers: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const q of questions) {
    const raw = body[`q${q.id}`];
    const value = typeof raw === "string" ? raw.trim() : "";
    if (!value) continue;
    if (q.kind === "choice" && !q.options.includes(value)) errors.push({ field: `q${q.id}`, key: "errors.choice" });
    else if (value.length > 2000) errors.push({ field: `q${q.id}`, key: "errors.tooLong", params: { max: 2000 } });
    else answers[String(q.id)] = value;
  }
  return { answers, errors };
}

/**
 * Giving input: anyone (or members only) gives input, without an account, each form stored exactly
 * once; the respondent gets a receipt, and can remove their personal data at once. Personal data
 * is also removed when the consultation's retention runs out.
 */
export class InputService {
  private secret: Promise<string> | undefined;

  constructor(
    private readonly db: Db,
    private readonly repo: ConsultationRepo,
    private readonly core: {
      detail(id: number): Promise<{ consultation: Consultation; sections: Section[]; questions: Question[] }>;
      /** The consultation service's, so a test can make it draw a reference already taken. */
      newReference(consultationId: number): string;
    },
    private readonly mail: { delivery: MailDelivery; baseUrl: string },
    private readonly loadSecret: () => Promise<string>,
    private readonly inputsPerTenMinutes: number,
  ) {}

  private key(): Promise<string> {
    this.secret ??= this.loadSecret();
    return this.secret;
  }

  /** A new form's token: which consultation, when it was handed out, and a signature. */
  async formToken(consultationId: number, now = new Date()): Promise<string> {
    const payload = `${consultationId}.${now.getTime()}.${randomBytes(12).toString("base64url")}`;
    return `${payload}.${await this.signature(payload)}`;
  }

  private async signature(payload: string): Promise<string> {
    return createHmac("sha256", await this.key())
      .update(payload)
      .digest("base64url")
      .slice(0, 32);
  }

  /** When the form was handed out, if the token is one this installation made for this consultation. */
  private async issuedAt(token: unknown, consultationId: number): Promise<number | null> {
    if (typeof token !== "string" || token.length > 200) return null;
    const parts = token.split(".");
    if (parts.length !== 4 || Number(parts[0]) !== consultationId) return null;
    const expected = Buffer.from(await this.signature(parts.slice(0, 3).join(".")));
    const given = Buffer.from(parts[3]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const at = Number(parts[1]);
    return Number.isFinite(at) ? at : null;
  }

  /** The secret in a receipt's link: derived from the form, so a form sent twice leads to the same receipt. */
  private async receiptSecret(formToken: string): Promise<string> {
    return createHmac("sha256", await this.key())
      .update(`receipt:${formToken}`)
      .digest("base64url");
  }

  /**
   * Takes one input. Refused with a message to a person: outside the consultation's time, members
   * only and not signed in, a form without a valid token, the honeypot filled, sent faster than a
   * person can, too many from one address, or a field that does not fit. A form sent again (or many
   * times at once) is stored once and answers the same receipt.
   */
  async submit(
    consultationId: number,
    body: Record<string, unknown>,
    context: { actor: Actor | null; ipKey: string; locale: Locale; now?: Date },
  ): Promise<Result<{ reference: string; receipt: string }>> {
    const now = context.now ?? new Date();
    const { consultation, sections, questions } = await this.core.detail(consultationId);
    const state = stateOf(consultation, now);
    if (state !== "open")
      return invalid([{ field: "_", key: state === "closed" ? "errors.consultationClosed" : "errors.consultationNotOpen" }]);
    if (!mayAnswer(context.actor, consultation))
      return invalid([
        { field: "_", key: consultation.audience === "bodies" ? "errors.reviewBodiesOnly" : "errors.consultationMembersOnly" },
      ]);
    const formToken = body.formToken;
    const issued = await this.issuedAt(formToken, consultationId);
    if (issued === null || typeof formToken !== "string") return invalid([{ field: "_", key: "errors.formToken" }]);
    // Hidden from people and labelled "leave empty" for those who reach it anyway; bots fill it in.
    if (typeof body.website === "string" && body.website.trim() !== "")
      return invalid([{ field: "website", key: "errors.honeypot" }]);
    if (now.getTime() - issued < MIN_FILL_SECONDS * 1000) return invalid([{ field: "_", key: "errors.tooFast" }]);
    // Counted from what is stored, so a form sent again (or many times at once) counts once.
    const limit = this.inputsPerTenMinutes;
    const before = await this.repo.beforeInput(formToken, context.ipKey, new Date(now.getTime() - 600_000), limit);
    if (before.knownReference) return ok({ reference: before.knownReference, receipt: await this.receiptSecret(formToken) });
    if (before.recent >= limit) return invalid([{ field: "_", key: "errors.tooManyInputs" }]);

    const parsed = inputFields.safeParse(body);
    const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
    if (parsed.success && parsed.data.sectionId !== null && !sections.some((s) => s.id === parsed.data.sectionId))
      errors.push({ field: "sectionId", key: "errors.choice" });
    const { answers, errors: answerErrors } = answersOf(questions, body);
    errors.push(...answerErrors);
    if (!parsed.success || errors.length) return invalid(errors);

    const receipt = await this.receiptSecret(formToken);
    const store = async (db: DbOrTx, reference: string) => {
      const input = await this.repo.with(db).insertInputOnce({
        consultationId,
        ...parsed.data,
        answers,
        reference,
        formToken,
        receiptHash: hashToken(receipt),
        sourceKey: context.ipKey,
      });
      if (input?.email) await queueMail(db, this.receiptMail(consultation, input, receipt, context.locale));
      return input;
    };
    // A receipt by e-mail is queued in the input's transaction; without one the insert stands alone.
    // A reference is short enough to read out; with a hundred thousand inputs about one new input in
    // a few thousand draws a reference already taken, and draws again.
    let stored: Input | undefined;
    for (let attempt = 1; ; attempt++) {
      const reference = this.core.newReference(consultationId);
      try {
        stored = parsed.data.email ? await this.db.transaction((tx) => store(tx, reference)) : await store(this.db, reference);
        break;
      } catch (error) {
        if (attempt >= 5 || !isUniqueViolation(error, "consultation_inputs_reference_uq")) throw error;
      }
    }
    if (!stored) {
      // Sent at the same moment from another request: that one stored it.
      const first = await this.repo.inputByFormToken(formToken);
      return ok({ reference: first!.reference, receipt });
    }
    if (stored.email) void this.mail.delivery.deliverDue().catch(() => undefined);
    return ok({ reference: stored.reference, receipt });
  }

  private receiptMail(consultation: Consultation, input: Input, receipt: string, locale: Locale) {
    const { t, dateTime } = i18nFor(locale);
    const link = `${this.mail.baseUrl}/consultations/${consultation.id}/receipt/${receipt}`;
    return {
      to: input.email!,
      subject: t("consultation.mail.subject", { title: consultation.title }),
      body: t("consultation.mail.body", {
        title: consultation.title,
        reference: input.reference,
        closes: dateTime(consultation.closesAt),
        link,
        days: consultation.personalDataDays,
      }),
    };
  }

  /** The input a receipt's link belongs to; 404 for a link that is not one. */
  async byReceipt(consultationId: number, receipt: string): Promise<Input> {
    if (receipt.length > 100) throw new NotFoundError();
    const input = await this.repo.inputByReceipt(consultationId, hashToken(receipt));
    if (!input) throw new NotFoundError();
    return input;
  }

  /** Removes the name, organisation and e-mail of the input the receipt belongs to, at once; the input stays. */
  async removePersonalData(consultationId: number, receipt: string): Promise<void> {
    const input = await this.byReceipt(consultationId, receipt);
    await audited(this.db, { userId: null, label: "respondent", isAdmin: false }, async (tx, audit) => {
      await this.repo.with(tx).removePersonalData(input.id);
      // The audit trail says that it happened, never what was removed.
      await audit({ action: "update", entity: "consultation_input", entityId: input.id, after: { personalDataRemoved: true } });
    });
  }

  /**
   * Clears the name, organisation and e-mail of every input whose consultation closed longer ago
   * than its retention; the inputs stay. Run daily with the other retention steps.
   */
  async removeExpiredPersonalData(now = new Date()): Promise<number> {
    return audited(this.db, { userId: null, label: "retention", isAdmin: true }, async (tx, audit) => {
      const n = await this.repo.with(tx).removeExpiredPersonalData(now);
      if (n)
        await audit({ action: "update", entity: "consultation_input", entityId: "retention", after: { personalDataRemoved: n } });
      return n;
    });
  }
}
