import {
  Form,
  type FormState,
  Link,
  type Option,
  PostButton,
  Section,
  SelectField,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { actionsColumn, ListTable } from "../../../platform/ui/list-page.tsx";
import type { SolutionService } from "../solutions.service.ts";

type Detail = Awaited<ReturnType<SolutionService["get"]>>;

/** On a solution's page: who uses it, and for those acting for an organisation the form to say "we use this". */
export function UsersSection(props: {
  ctx: PageContext;
  solution: Detail["solution"];
  users: Detail["users"];
  /** The organisations the viewer acts for. */
  mine: Option[];
  form: FormState;
}) {
  const { ctx, solution, users } = props;
  const { t, date } = ctx.i18n;
  const mineIds = new Set(props.mine.map((o) => Number(o.value)));
  return (
    <Section id="users-heading" title={t("solution.users")}>
      {users.length === 0 ? (
        <p class="ds-paragraph">{t("solution.noUsers")}</p>
      ) : (
        <ListTable
          ctx={ctx}
          label={t("solution.users")}
          rows={users}
          rowKey={(u) => u.organisationId}
          columns={[
            {
              label: t("participant.organisation"),
              cell: (u) => <Link href={`/organisations/${u.organisationId}`}>{u.organisationName}</Link>,
            },
            { label: t("solution.since"), cell: (u) => (u.since ? date(u.since) : "") },
            { label: t("benefit.note"), cell: (u) => u.note },
            ...actionsColumn(t, props.mine.length > 0, (u: Detail["users"][number]) =>
              mineIds.has(u.organisationId) ? (
                <PostButton
                  ctx={ctx}
                  action={`/solutions/${solution.id}/users/${u.organisationId}/delete`}
                  label={t("participant.remove")}
                  hiddenText={u.organisationName}
                  size="sm"
                  danger
                />
              ) : null,
            ),
          ]}
        />
      )}
      {props.mine.length ? (
        <>
          <h3 class="ds-heading" data-size="sm">
            {t("solution.weUseIt")}
          </h3>
          <Form ctx={ctx} form={props.form} action={`/solutions/${solution.id}/users`} submitLabel={t("solution.addUser")}>
            <SelectField
              name="organisationId"
              label={t("participant.organisation")}
              required
              placeholder={t("form.choose")}
              options={props.mine}
            />
            <TextField name="since" label={t("solution.since")} type="date" width="short" />
            <TextField name="note" label={t("benefit.note")} />
          </Form>
        </>
      ) : null}
    </Section>
  );
}
