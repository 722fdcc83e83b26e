import {
  Form,
  type FormState,
  type Option,
  PostButton,
  Section,
  SelectField,
  TableScroll,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
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
        <TableScroll label={t("solution.users")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("participant.organisation")}</th>
                <th scope="col">{t("solution.since")}</th>
                <th scope="col">{t("benefit.note")}</th>
                {props.mine.length ? <th scope="col">{t("participant.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.organisationId}>
                  <th scope="row">
                    <a class="ds-link" href={`/organisations/${u.organisationId}`}>
                      {u.organisationName}
                    </a>
                  </th>
                  <td>{u.since ? date(u.since) : ""}</td>
                  <td>{u.note}</td>
                  {props.mine.length ? (
                    <td>
                      {mineIds.has(u.organisationId) ? (
                        <PostButton
                          ctx={ctx}
                          action={`/solutions/${solution.id}/users/${u.organisationId}/delete`}
                          label={t("participant.remove")}
                          hiddenText={u.organisationName}
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
