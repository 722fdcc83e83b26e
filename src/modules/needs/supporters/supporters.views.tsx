import {
  Form,
  type FormState,
  Link,
  type Option,
  PostButton,
  Section,
  SelectField,
  TextArea,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { actionsColumn, ListTable } from "../../../platform/ui/list-page.tsx";
import type { NeedService } from "../needs.service.ts";

type Detail = Awaited<ReturnType<NeedService["get"]>>;

/**
 * Who shares the need: the organisation that registered it and its supporters, with the form an
 * organisation the viewer acts for uses to say "we have this need too", or to withdraw.
 */
export function SupportersSection(props: {
  ctx: PageContext;
  detail: Detail;
  /** Organisations the viewer acts for. */
  mine: Option[];
  supportForm: FormState;
}) {
  const { ctx, detail } = props;
  const { need, supporters } = detail;
  const { t, date, number } = ctx.i18n;
  const mineIds = new Set(props.mine.map((o) => Number(o.value)));
  // A refused "we have it too" comes back with every organisation, so its error is shown by its field.
  const supportable = props.supportForm.errors.length
    ? props.mine
    : props.mine.filter((o) => Number(o.value) !== need.organisationId);
  return (
    <Section id="supporters-heading" title={t("need.supporters")}>
      <ListTable
        ctx={ctx}
        label={t("need.supporters")}
        rows={[
          {
            organisationId: need.organisationId,
            organisationName: detail.organisationName,
            population: detail.organisationPopulation,
            note: null,
            createdAt: need.createdAt,
            registeredIt: true,
          },
          ...supporters.map((s) => ({ ...s, registeredIt: false })),
        ]}
        rowKey={(s) => (s.registeredIt ? "registered" : s.organisationId)}
        columns={[
          {
            label: t("need.organisation"),
            cell: (s) => (
              <>
                <Link href={`/organisations/${s.organisationId}`}>{s.organisationName}</Link>
                {s.registeredIt ? <span class="row-detail">{t("need.registeredIt")}</span> : null}
              </>
            ),
          },
          {
            label: t("need.inhabitants"),
            numeric: true,
            cell: (s) => (s.population === null ? "–" : number(s.population)),
          },
          { label: t("need.supportNote"), class: "prewrap", cell: (s) => s.note },
          { label: t("need.since"), cell: (s) => date(s.createdAt) },
          ...actionsColumn(
            t,
            mineIds.size > 0,
            (s: { organisationId: number; organisationName: string; registeredIt: boolean }) =>
              !s.registeredIt && mineIds.has(s.organisationId) ? (
                <PostButton
                  ctx={ctx}
                  action={`/needs/${need.id}/supporters/${s.organisationId}/delete`}
                  label={t("need.withdrawSupport")}
                  hiddenText={s.organisationName}
                  size="sm"
                  danger
                />
              ) : null,
          ),
        ]}
      />
      {supportable.length && need.state !== "merged" ? (
        <>
          <h3 class="ds-heading" data-size="sm">
            {t("need.weHaveItToo")}
          </h3>
          <Form ctx={ctx} form={props.supportForm} action={`/needs/${need.id}/supporters`} submitLabel={t("need.addSupport")}>
            <SelectField
              name="organisationId"
              label={t("need.organisation")}
              required
              placeholder={supportable.length > 1 ? t("form.choose") : undefined}
              options={supportable}
            />
            <TextArea name="note" label={t("need.supportNote")} description={t("need.supportNoteHint")} />
          </Form>
        </>
      ) : null}
    </Section>
  );
}
