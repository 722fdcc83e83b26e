import {
  Form,
  type FormState,
  Notice,
  type Option,
  PostButton,
  SelectField,
  TableScroll,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { roleLabel } from "../labels.tsx";
import type { ProjectDetail } from "../projects.service.ts";
import { PARTICIPANT_ROLES } from "../schema.ts";

/** The organisations taking part: the table on the project page, and the page that changes them. */

export function ParticipantTable(props: { ctx: PageContext; participants: ProjectDetail["participants"]; removeFrom?: number }) {
  const { t, date } = props.ctx.i18n;
  return (
    <TableScroll label={t("participant.heading")}>
      <table class="ds-table" data-border>
        <thead>
          <tr>
            <th scope="col">{t("participant.organisation")}</th>
            <th scope="col">{t("participant.role")}</th>
            <th scope="col">{t("participant.fromDate")}</th>
            {props.removeFrom ? <th scope="col">{t("participant.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.participants.map((p) => (
            <tr key={p.organisationId}>
              <th scope="row">
                <a class="ds-link" href={`/organisations/${p.organisationId}`}>
                  {p.organisationName}
                </a>
              </th>
              <td>{roleLabel(t, p.role)}</td>
              <td>{p.fromDate ? date(p.fromDate) : ""}</td>
              {props.removeFrom ? (
                <td>
                  <PostButton
                    ctx={props.ctx}
                    action={`/projects/${props.removeFrom}/participants/${p.organisationId}/delete`}
                    label={t("participant.remove")}
                    hiddenText={p.organisationName}
                    size="sm"
                    danger
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ParticipantsPage(props: { ctx: PageContext; detail: ProjectDetail; form: FormState; organisations: Option[] }) {
  const { ctx, detail, form } = props;
  const { t } = ctx.i18n;
  const query = new URL(ctx.url, "http://x").searchParams;
  return (
    <>
      {query.get("saved") === "1" ? <Notice kind="success">{t("form.saved")}</Notice> : null}
      <h1 class="ds-heading" data-size="lg">
        {t("participant.title", { title: detail.project.title })}
      </h1>
      {detail.participants.length ? (
        <ParticipantTable ctx={ctx} participants={detail.participants} removeFrom={detail.project.id} />
      ) : (
        <p class="ds-paragraph">{t("participant.none")}</p>
      )}
      <h2 class="ds-heading" data-size="md">
        {t("participant.add")}
      </h2>
      <p class="ds-paragraph">{t("participant.addHelp")}</p>
      <Form
        ctx={ctx}
        form={form}
        action={`/projects/${detail.project.id}/participants`}
        submitLabel={t("participant.save")}
        cancelHref={`/projects/${detail.project.id}`}
      >
        <SelectField
          name="organisationId"
          label={t("participant.organisation")}
          required
          placeholder={t("form.choose")}
          options={props.organisations}
        />
        <SelectField
          name="role"
          label={t("participant.role")}
          required
          options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
        />
        <TextField name="fromDate" label={t("participant.fromDate")} type="date" width="short" />
      </Form>
    </>
  );
}
