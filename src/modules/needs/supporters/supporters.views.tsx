import {
  Form,
  type FormState,
  type Option,
  PostButton,
  Section,
  SelectField,
  TableScroll,
  TextArea,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
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
      <TableScroll label={t("need.supporters")}>
        <table class="ds-table" data-border>
          <thead>
            <tr>
              <th scope="col">{t("need.organisation")}</th>
              <th scope="col">{t("need.inhabitants")}</th>
              <th scope="col">{t("need.supportNote")}</th>
              <th scope="col">{t("need.since")}</th>
              {mineIds.size ? <th scope="col">{t("participant.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">
                <a class="ds-link" href={`/organisations/${need.organisationId}`}>
                  {detail.organisationName}
                </a>
                <span class="row-detail">{t("need.registeredIt")}</span>
              </th>
              <td class="numeric">{detail.organisationPopulation === null ? "–" : number(detail.organisationPopulation)}</td>
              <td />
              <td>{date(need.createdAt)}</td>
              {mineIds.size ? <td /> : null}
            </tr>
            {supporters.map((s) => (
              <tr key={s.organisationId}>
                <th scope="row">
                  <a class="ds-link" href={`/organisations/${s.organisationId}`}>
                    {s.organisationName}
                  </a>
                </th>
                <td class="numeric">{s.population === null ? "–" : number(s.population)}</td>
                <td class="prewrap">{s.note}</td>
                <td>{date(s.createdAt)}</td>
                {mineIds.size ? (
                  <td>
                    {mineIds.has(s.organisationId) ? (
                      <PostButton
                        ctx={ctx}
                        action={`/needs/${need.id}/supporters/${s.organisationId}/delete`}
                        label={t("need.withdrawSupport")}
                        hiddenText={s.organisationName}
                        size="sm"
                        danger
                      />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
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
