import {
  Form,
  type FormState,
  Notice,
  type Option,
  Section,
  SelectField,
  TableScroll,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { roleLabel } from "../labels.tsx";
import type { ProjectService } from "../projects.service.ts";

export type JoinRequest = Awaited<ReturnType<ProjectService["joinRequests"]>>[number];

/** "We want to take part": the form for those acting for an organisation, and the requests with their decisions. */
export function JoinSection(props: {
  ctx: PageContext;
  projectId: number;
  canEdit: boolean;
  joinForm: FormState;
  decisionForm: FormState;
  joinOptions: Option[];
  requests: JoinRequest[];
}) {
  const { ctx, requests } = props;
  const { t, dateTime } = ctx.i18n;
  if (!props.joinOptions.length && !requests.length) return null;
  const pending = requests.filter((r) => r.request.state === "pending");
  const decided = requests.filter((r) => r.request.state !== "pending");
  // A decision on a request that someone else decided meanwhile has no form left to show its error in.
  const staleDecision = props.decisionForm.errors.find((e) => e.key === "errors.alreadyDecided");
  return (
    <Section id="join-heading" title={t("join.heading")}>
      {staleDecision ? <Notice kind="danger">{t(staleDecision.key)}</Notice> : null}
      {pending.length ? (
        <ul class="stack plain-list">
          {pending.map(({ request: r, organisationName }) => (
            <li key={r.id} class="request-card">
              <p class="ds-paragraph">
                {t("join.pendingFrom", { organisation: organisationName, who: r.requestedByLabel, date: dateTime(r.createdAt) })}{" "}
                ({roleLabel(t, r.role)})
              </p>
              {r.note ? <p class="ds-paragraph prewrap">{r.note}</p> : null}
              {props.canEdit ? (
                <DecisionForm ctx={ctx} projectId={props.projectId} requestId={r.id} form={props.decisionForm} />
              ) : (
                <p class="ds-paragraph">{t("join.waiting")}</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {decided.length ? (
        <TableScroll label={t("join.decided")}>
          <table class="ds-table" data-size="sm">
            <caption>{t("join.decided")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("participant.organisation")}</th>
                <th scope="col">{t("join.decision")}</th>
                <th scope="col">{t("history.who")}</th>
                <th scope="col">{t("history.when")}</th>
                <th scope="col">{t("join.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {decided.map(({ request: r, organisationName }) => (
                <tr key={r.id}>
                  <th scope="row">{organisationName}</th>
                  <td>{t(r.state === "accepted" ? "join.accepted" : "join.declined")}</td>
                  <td>{r.decidedByLabel}</td>
                  <td>{r.decidedAt ? dateTime(r.decidedAt) : ""}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {props.joinOptions.length ? (
        <>
          <p class="ds-paragraph">{t("join.help")}</p>
          <Form
            ctx={ctx}
            form={{ ...props.joinForm, idPrefix: "join-" }}
            action={`/projects/${props.projectId}/join`}
            submitLabel={t("join.submit")}
          >
            <SelectField
              name="organisationId"
              label={t("participant.organisation")}
              required
              placeholder={t("form.choose")}
              options={props.joinOptions}
            />
            <SelectField
              name="role"
              label={t("join.role")}
              required
              options={[
                { value: "participant", label: roleLabel(t, "participant") },
                { value: "interested", label: roleLabel(t, "interested") },
              ]}
            />
            <TextArea name="note" label={t("join.note")} rows={3} />
          </Form>
        </>
      ) : null}
    </Section>
  );
}

/** Accept or decline one request; each request's form has its own field ids. */
function DecisionForm(props: { ctx: PageContext; projectId: number; requestId: number; form: FormState }) {
  const { t } = props.ctx.i18n;
  // Errors belong to the request they were made on.
  const own = props.form.values.requestId === String(props.requestId);
  const form: FormState = { ...(own ? props.form : { values: {}, errors: [] }), idPrefix: `request-${props.requestId}-` };
  return (
    <Form
      ctx={props.ctx}
      form={form}
      action={`/projects/${props.projectId}/join-requests/${props.requestId}`}
      submitLabel={t("join.decide")}
    >
      <input type="hidden" name="requestId" value={String(props.requestId)} />
      <SelectField
        name="decision"
        label={t("join.decision")}
        required
        placeholder={t("form.choose")}
        options={[
          { value: "accept", label: t("join.accept") },
          { value: "decline", label: t("join.decline") },
        ]}
      />
      <TextField name="reason" label={t("join.reason")} />
    </Form>
  );
}
