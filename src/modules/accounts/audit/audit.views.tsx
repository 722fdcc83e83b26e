import { labelFor } from "../../../platform/i18n/i18n.ts";
import { AUDIT_ACTIONS, type AuditAction } from "../../../platform/schema.ts";
import { FilterForm, FilterSelect, type FormState, optionsOf, Pagination, TextField } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";

export const AUDIT_ENTITIES = [
  "organisation",
  "person",
  "network",
  "membership",
  "body",
  "body_member",
  "user",
  "invitation",
  "network_access",
  "person_link_request",
  "body_document",
  "project",
  "project_participant",
  "status_report",
  "benefit",
  "benefit_measurement",
  "network_sector",
  "solution",
  "solution_user",
  "solution_project",
  "join_request",
  "project_funding",
  "project_link",
  "project_relation",
  "project_document",
  "saved_view",
  "checklist_item",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
const isAuditEntity = (value: string): value is AuditEntity => (AUDIT_ENTITIES as readonly string[]).includes(value);

type AuditRow = {
  id: number;
  at: Date;
  actorLabel: string;
  actorDeleted: boolean;
  action: AuditAction;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

export function AuditPage(props: {
  ctx: PageContext;
  filter: Record<string, unknown>;
  items: AuditRow[];
  total: number;
  page: number;
  limit: number;
  csvHref: string;
}) {
  const { ctx, items, filter } = props;
  const { t, dateTime, number } = ctx.i18n;
  const form: FormState = { values: filter, errors: [] };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("audit.title")}
      </h1>
      <FilterForm t={t} values={form.values} action="/admin/audit" resetHref="/admin/audit">
        <FilterSelect name="entity" label={t("audit.entity")} options={optionsOf(t, AUDIT_ENTITIES, "audit.entity")} />
        <FilterSelect name="action" label={t("history.what")} options={optionsOf(t, AUDIT_ACTIONS, "history.action")} />
        <TextField name="actor" label={t("history.who")} />
        <TextField name="from" label={t("audit.from")} description={t("form.dateHint")} inputMode="numeric" />
        <TextField name="to" label={t("audit.to")} description={t("form.dateHint")} inputMode="numeric" />
      </FilterForm>
      <p class="ds-paragraph" role="status">
        {t("list.count", { total: number(props.total) })}{" "}
        <a class="ds-link" href={props.csvHref} download>
          {t("list.downloadCsv", { n: number(props.total) })}
        </a>
      </p>
      <ListTable
        ctx={ctx}
        label={t("audit.title")}
        rows={items}
        rowKey={(e) => e.id}
        size="sm"
        columns={[
          { label: t("history.when"), cell: (e) => dateTime(e.at) },
          { label: t("history.who"), cell: (e) => (e.actorDeleted ? t("audit.deletedUser") : e.actorLabel) },
          { label: t("history.what"), cell: (e) => labelFor(t, "history.action", e.action) },
          {
            label: t("audit.entity"),
            cell: (e) => `${isAuditEntity(e.entity) ? labelFor(t, "audit.entity", e.entity) : e.entity} ${e.entityId}`,
          },
          {
            label: t("history.changes"),
            cell: (e) => <code class="history-diff">{JSON.stringify(e.after ?? e.before).slice(0, 200)}</code>,
          },
        ]}
      />
      <Pagination t={t} url={ctx.url} total={props.total} limit={props.limit} offset={(props.page - 1) * props.limit} />
    </>
  );
}
