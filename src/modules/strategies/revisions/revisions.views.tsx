import { labelFor, type Translate } from "../../../platform/i18n/i18n.ts";
import { ButtonLink, Form, type FormState, Notice, PostButton, Section, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { StrategyDetail } from "../strategies.service.ts";
import type { compareRevisions, FieldChange } from "./compare.ts";

/**
 * The changes from the previous revision, in words: "Added goal: …", "Changed measure: …" with each
 * changed field's value before and after.
 */
export function RevisionChanges({
  t,
  date,
  changes,
}: {
  t: Translate;
  date: (value: string) => string;
  changes: ReturnType<typeof compareRevisions>;
}) {
  const field = (f: FieldChange["field"]) => labelFor(t, "strategy.field", f);
  const value = (v: string) => (v === "" ? t("strategy.change.empty") : /^\d{4}-\d{2}-\d{2}$/.test(v) ? date(v) : v);
  const fieldList = (fields: FieldChange[]) => (
    <ul>
      {fields.map((f) => (
        <li key={f.field}>
          {t("strategy.change.field", { field: field(f.field), before: value(f.before), after: value(f.after) })}
        </li>
      ))}
    </ul>
  );
  return (
    <Section id="changes-heading" title={t("strategy.compare")}>
      {changes.details.length === 0 && changes.parts.length === 0 ? (
        <p class="ds-paragraph">{t("strategy.noChanges")}</p>
      ) : (
        <ul>
          {changes.details.length ? (
            <li>
              {t("strategy.changedDetails", { fields: changes.details.map((f) => field(f.field)).join(", ") })}
              {fieldList(changes.details)}
            </li>
          ) : null}
          {changes.parts.map((c, i) => (
            // Titles need not be unique: the position keeps the key so.
            <li key={`${c.kind}-${c.change}-${i}`}>
              {t(`strategy.change.${c.change}` as const, { kind: labelFor(t, "strategy.part", c.kind), title: c.title })}
              {c.fields.length ? fieldList(c.fields) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** Adopting a draft: the day and by whom, which freezes it. */
export function AdoptSection({ ctx, strategyId, form }: { ctx: PageContext; strategyId: number; form: FormState }) {
  const { t } = ctx.i18n;
  const adoptForm = { ...form, idPrefix: "adopt-" };
  return (
    <section aria-labelledby="adopt-heading" class="no-print">
      <h2 class="ds-heading" data-size="md" id="adopt-heading">
        {t("strategy.adopt")}
      </h2>
      <p class="ds-paragraph">{t("strategy.adoptHint")}</p>
      <Form ctx={ctx} form={adoptForm} action={`/strategies/${strategyId}/adopt`} submitLabel={t("strategy.adopt")}>
        <TextField name="adoptedOn" label={t("strategy.adoptedOn")} type="date" width="short" required />
        <TextField name="adoptedBy" label={t("strategy.adoptedBy")} description={t("strategy.adoptedByHint")} required />
      </Form>
    </section>
  );
}

/**
 * What an edit link of an adopted or replaced strategy opens: not a form that saving would refuse,
 * but why it cannot change, and the way on (start a new revision, or go to the one started).
 */
export function NotEditablePage(props: { ctx: PageContext; detail: StrategyDetail; title: string }) {
  const { ctx, detail } = props;
  const { t } = ctx.i18n;
  const s = detail.strategy;
  const base = `/strategies/${s.id}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <Notice kind="warning">
        <p class="ds-paragraph">{t(s.status === "replaced" ? "errors.strategyReplaced" : "errors.strategyFrozen")}</p>
      </Notice>
      <div class="button-row">
        {s.status === "adopted" && !detail.next ? (
          <PostButton ctx={ctx} action={`${base}/revisions`} label={t("strategy.newRevision")} variant="primary" />
        ) : null}
        {detail.next ? (
          <ButtonLink href={`/strategies/${detail.next.id}`} variant="primary">
            {t("strategy.nextRevision")}
          </ButtonLink>
        ) : null}
        <ButtonLink href={base} variant="tertiary">
          {t("strategy.backToStrategy")}
        </ButtonLink>
      </div>
    </>
  );
}
