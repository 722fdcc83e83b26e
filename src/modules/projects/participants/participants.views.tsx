import {
  Form,
  type FormState,
  Link,
  Notice,
  type Option,
  optionsOf,
  PostButton,
  SelectField,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { actionsColumn, type Column, ListTable } from "../../../platform/ui/list-page.tsx";
import { roleLabel } from "../labels.tsx";
import type { ProjectDetail } from "../projects.service.ts";
import { PARTICIPANT_ROLES } from "../schema.ts";

/** The organisations taking part: the table on the project page, and the page that changes them. */

export function ParticipantTable(props: { ctx: PageContext; participants: ProjectDetail["participants"]; removeFrom?: number }) {
  const { ctx, removeFrom } = props;
  const { t, date } = ctx.i18n;
  type Participant = ProjectDetail["participants"][number];
  const columns: Column<Participant>[] = [
    {
      label: t("participant.organisation"),
      cell: (p) => <Link href={`/organisations/${p.organisationId}`}>{p.organisationName}</Link>,
    },
    { label: t("participant.role"), cell: (p) => roleLabel(t, p.role) },
    { label: t("participant.fromDate"), cell: (p) => (p.fromDate ? date(p.fromDate) : "") },
    // Those who run the project remove a participant from its row.
    ...actionsColumn(t, removeFrom !== undefined, (p: Participant) => (
      <PostButton
        ctx={ctx}
        action={`/projects/${removeFrom}/participants/${p.organisationId}/delete`}
        label={t("participant.remove")}
        hiddenText={p.organisationName}
        size="sm"
        danger
      />
    )),
  ];
  return (
    <ListTable
      ctx={ctx}
      label={t("participant.heading")}
      rows={props.participants}
      rowKey={(p) => p.organisationId}
      columns={columns}
    />
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
        <SelectField name="role" label={t("participant.role")} required options={optionsOf(t, PARTICIPANT_ROLES, roleLabel)} />
        <TextField name="fromDate" label={t("participant.fromDate")} type="date" width="short" />
      </Form>
    </>
  );
}
