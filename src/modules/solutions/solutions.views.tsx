import type { Translate } from "../../platform/i18n/i18n.ts";
import {
  DemoTag,
  FileField,
  FilterForm,
  Form,
  type FormState,
  History,
  ListStatus,
  Notice,
  type Option,
  Pagination,
  PostButton,
  SelectField,
  SortHeader,
  TableScroll,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import type { SolutionListQuery } from "./params.ts";
import { MAINTENANCE_TYPES, MATURITIES, SOFTWARE_TYPES, SOLUTION_ORIGINS } from "./schema.ts";
import type { SolutionService } from "./solutions.service.ts";

type ListItem = Awaited<ReturnType<SolutionService["list"]>>["items"][number];
type Detail = Awaited<ReturnType<SolutionService["get"]>>;

export const originLabel = (t: Translate, o: string) => t(`solution.origin.${o}` as "solution.origin.product");
export const maturityLabel = (t: Translate, m: string) => t(`solution.maturity.${m}` as "solution.maturity.stable");
const maintenanceLabel = (t: Translate, m: string) => t(`solution.maintenance.${m}` as "solution.maintenance.none");

export function SolutionsPage(props: {
  ctx: PageContext;
  items: ListItem[];
  total: number;
  filter: SolutionListQuery;
  limit: number;
  csvHref: string;
  xlsxHref: string;
  canCreate: boolean;
  organisations: Option[];
  networks: Option[];
}) {
  const { ctx, items, total, filter } = props;
  const { t, number } = ctx.i18n;
  const form: FormState = { values: { ...filter }, errors: [] };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("solution.listTitle")}
      </h1>
      <p class="ds-paragraph">{t("solution.listIntro")}</p>
      {props.canCreate ? (
        <div class="button-row">
          <a class="ds-button" data-variant="secondary" href="/solutions/new">
            {t("solution.new")}
          </a>
          <a class="ds-button" data-variant="secondary" href="/solutions/import">
            {t("solution.import")}
          </a>
        </div>
      ) : null}
      <FilterForm t={t} action="/solutions" resetHref="/solutions">
        <TextField t={t} form={form} name="q" label={t("solution.search")} type="search" />
        <SelectField
          t={t}
          form={form}
          name="origin"
          label={t("solution.origin")}
          placeholder={t("list.all")}
          options={SOLUTION_ORIGINS.map((o) => ({ value: o, label: originLabel(t, o) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="maturity"
          label={t("solution.maturity")}
          placeholder={t("list.all")}
          options={MATURITIES.map((m) => ({ value: m, label: maturityLabel(t, m) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="network"
          label={t("solution.networkFilter")}
          placeholder={t("list.all")}
          options={props.networks}
        />
        <SelectField
          t={t}
          form={form}
          name="usedBy"
          label={t("solution.usedByFilter")}
          placeholder={t("list.all")}
          options={props.organisations}
        />
        <SelectField
          t={t}
          form={form}
          name="owner"
          label={t("solution.owner")}
          placeholder={t("list.all")}
          options={props.organisations}
        />
        <input type="hidden" name="sort" value={filter.sort} />
      </FilterForm>
      <ListStatus
        ctx={ctx}
        total={total}
        page={filter.page}
        limit={props.limit}
        links={[
          { href: props.csvHref, label: t("list.downloadCsv", { n: number(total) }), download: true },
          { href: props.xlsxHref, label: t("list.downloadXlsx"), download: true },
        ]}
      />
      {items.length === 0 ? (
        <Notice>{t("list.empty")}</Notice>
      ) : (
        <TableScroll label={t("solution.listTitle")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <SortHeader t={t} url={ctx.url} column="name" label={t("solution.name")} sort={filter.sort} />
                <th scope="col">{t("solution.owner")}</th>
                <th scope="col">{t("solution.origin")}</th>
                <th scope="col">{t("solution.maturity")}</th>
                <SortHeader t={t} url={ctx.url} column="users" label={t("solution.userCount")} sort={filter.sort} />
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <a class="ds-link" href={`/solutions/${s.id}`}>
                      {s.name}
                    </a>{" "}
                    {s.isDemo ? <DemoTag t={t} /> : null}
                    {s.summary ? <span class="row-detail">{s.summary}</span> : null}
                  </th>
                  <td>
                    {s.ownerName}
                    {s.vendor ? <span class="row-detail">{s.vendor}</span> : null}
                  </td>
                  <td>{originLabel(t, s.origin)}</td>
                  <td>{maturityLabel(t, s.maturity)}</td>
                  <td class="numeric">
                    <a class="ds-link" href={`/solutions/${s.id}#users-heading`}>
                      {number(s.userCount)}
                      <span class="ds-sr-only"> {t("solution.whoUses", { name: s.name })}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination t={t} url={ctx.url} total={total} limit={props.limit} offset={(filter.page - 1) * props.limit} />
    </>
  );
}

export function SolutionPage(props: {
  ctx: PageContext;
  detail: Detail;
  canEdit: boolean;
  /** The organisations the viewer acts for, to say "we use this". */
  mine: Option[];
  useForm: FormState;
  projectForm: FormState;
  projectOptions: Option[];
  history: Parameters<typeof History>[0]["entries"];
}) {
  const { ctx, detail, canEdit } = props;
  const { solution, users } = detail;
  const { t, date } = ctx.i18n;
  const mineIds = new Set(props.mine.map((o) => Number(o.value)));
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {solution.name} {solution.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      {solution.summary ? <p class="ds-paragraph lead">{solution.summary}</p> : null}
      <p>
        <a class="ds-link" href="#users-heading">
          {t("solution.whoElse", { n: users.length })}
        </a>
      </p>
      <dl class="facts">
        <dt>{t("solution.owner")}</dt>
        <dd>
          <a class="ds-link" href={`/organisations/${solution.ownerOrganisationId}`}>
            {detail.ownerName}
          </a>
        </dd>
        {solution.vendor ? (
          <>
            <dt>{t("solution.vendor")}</dt>
            <dd>{solution.vendor}</dd>
          </>
        ) : null}
        <dt>{t("solution.origin")}</dt>
        <dd>{originLabel(t, solution.origin)}</dd>
        {solution.category ? (
          <>
            <dt>{t("solution.category")}</dt>
            <dd>{solution.category}</dd>
          </>
        ) : null}
        <dt>{t("solution.maturity")}</dt>
        <dd>{maturityLabel(t, solution.maturity)}</dd>
        {solution.licence ? (
          <>
            <dt>{t("solution.licence")}</dt>
            <dd>{solution.licence}</dd>
          </>
        ) : null}
        <dt>{t("solution.maintenance")}</dt>
        <dd>{maintenanceLabel(t, solution.maintenanceType)}</dd>
        {solution.contactPersonId ? (
          <>
            <dt>{t("project.contact")}</dt>
            <dd>
              <a class="ds-link" href={`/people/${solution.contactPersonId}`}>
                {detail.contactName}
              </a>
            </dd>
          </>
        ) : null}
        {solution.url || solution.landingUrl ? (
          <>
            <dt>{t("solution.links")}</dt>
            <dd>
              <ul class="tag-list">
                {[solution.landingUrl, solution.url].filter(Boolean).map((u) => (
                  <li key={u}>
                    <a class="ds-link" href={u} rel="noopener noreferrer">
                      {u}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <div class="button-row">
        {canEdit ? (
          <a class="ds-button" data-variant="secondary" href={`/solutions/${solution.id}/edit`}>
            {t("solution.edit")}
          </a>
        ) : null}
        <a class="ds-button" data-variant="tertiary" href={`/solutions/${solution.id}/publiccode.yml`} download>
          {t("solution.export")}
        </a>
        {canEdit ? (
          <PostButton ctx={ctx} action={`/solutions/${solution.id}/delete`} label={t("solution.delete")} danger />
        ) : null}
      </div>
      {solution.description ? <p class="ds-paragraph prewrap">{solution.description}</p> : null}

      <section aria-labelledby="users-heading">
        <h2 class="ds-heading" data-size="md" id="users-heading">
          {t("solution.users")}
        </h2>
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
            <Form ctx={ctx} form={props.useForm} action={`/solutions/${solution.id}/users`} submitLabel={t("solution.addUser")}>
              <SelectField
                t={t}
                form={props.useForm}
                name="organisationId"
                label={t("participant.organisation")}
                required
                placeholder={t("form.choose")}
                options={props.mine}
              />
              <TextField t={t} form={props.useForm} name="since" label={t("solution.since")} type="date" width="short" />
              <TextField t={t} form={props.useForm} name="note" label={t("benefit.note")} />
            </Form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="projects-heading">
        <h2 class="ds-heading" data-size="md" id="projects-heading">
          {t("solution.projects")}
        </h2>
        {detail.projects.length === 0 ? (
          <p class="ds-paragraph">{t("solution.noProjects")}</p>
        ) : (
          <ul class="ds-list">
            {detail.projects.map((p) => (
              <li key={p.projectId}>
                <a class="ds-link" href={`/projects/${p.projectId}`}>
                  {p.title}
                </a>{" "}
                ({p.networkName}){" "}
                {canEdit ? (
                  <PostButton
                    ctx={ctx}
                    action={`/solutions/${solution.id}/projects/${p.projectId}/delete`}
                    label={t("participant.remove")}
                    hiddenText={p.title}
                    size="sm"
                    variant="tertiary"
                    danger
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canEdit && props.projectOptions.length ? (
          <Form
            ctx={ctx}
            form={props.projectForm}
            action={`/solutions/${solution.id}/projects`}
            submitLabel={t("solution.addProject")}
          >
            <SelectField
              t={t}
              form={props.projectForm}
              name="projectId"
              label={t("solution.project")}
              required
              placeholder={t("form.choose")}
              options={props.projectOptions}
            />
          </Form>
        ) : null}
      </section>
      {canEdit ? <History ctx={ctx} entries={props.history} /> : null}
    </>
  );
}

export function SolutionFormPage(props: {
  ctx: PageContext;
  form: FormState;
  title: string;
  action: string;
  cancelHref: string;
  owners: Option[];
  people: Option[];
}) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <Form ctx={ctx} form={form} action={props.action} submitLabel={t("common.save")} cancelHref={props.cancelHref}>
        <TextField t={t} form={form} name="name" label={t("solution.name")} required />
        <TextField t={t} form={form} name="summary" label={t("project.summary")} description={t("project.summaryHint")} />
        <TextArea t={t} form={form} name="description" label={t("project.description")} rows={6} />
        <SelectField
          t={t}
          form={form}
          name="ownerOrganisationId"
          label={t("solution.owner")}
          description={t("solution.ownerHint")}
          required
          placeholder={t("form.choose")}
          options={props.owners}
        />
        <TextField t={t} form={form} name="vendor" label={t("solution.vendor")} />
        <SelectField
          t={t}
          form={form}
          name="origin"
          label={t("solution.origin")}
          required
          options={SOLUTION_ORIGINS.map((o) => ({ value: o, label: originLabel(t, o) }))}
        />
        <TextField t={t} form={form} name="category" label={t("solution.category")} />
        <SelectField
          t={t}
          form={form}
          name="maturity"
          label={t("solution.maturity")}
          required
          options={MATURITIES.map((m) => ({ value: m, label: maturityLabel(t, m) }))}
        />
        <TextField t={t} form={form} name="licence" label={t("solution.licence")} description={t("solution.licenceHint")} />
        <SelectField
          t={t}
          form={form}
          name="softwareType"
          label={t("solution.softwareType")}
          required
          options={SOFTWARE_TYPES.map((s) => ({ value: s, label: s }))}
        />
        <TextField t={t} form={form} name="platforms" label={t("solution.platforms")} description={t("solution.platformsHint")} />
        <SelectField
          t={t}
          form={form}
          name="maintenanceType"
          label={t("solution.maintenance")}
          required
          options={MAINTENANCE_TYPES.map((m) => ({ value: m, label: maintenanceLabel(t, m) }))}
        />
        <TextField t={t} form={form} name="landingUrl" label={t("solution.landingUrl")} type="url" />
        <TextField t={t} form={form} name="url" label={t("solution.url")} type="url" />
        <SelectField
          t={t}
          form={form}
          name="contactPersonId"
          label={t("project.contact")}
          placeholder={t("form.none")}
          options={props.people}
        />
      </Form>
    </>
  );
}

export function ImportPage(props: { ctx: PageContext; form: FormState; owners: Option[] }) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("solution.import")}
      </h1>
      <p class="ds-paragraph">{t("solution.importIntro")}</p>
      <Form
        ctx={ctx}
        form={form}
        action="/solutions/import"
        submitLabel={t("solution.importSubmit")}
        cancelHref="/solutions"
        multipart
      >
        <SelectField
          t={t}
          form={form}
          name="ownerOrganisationId"
          label={t("solution.owner")}
          required
          placeholder={t("form.choose")}
          options={props.owners}
        />
        <FileField t={t} form={form} name="file" label={t("solution.importFile")} accept=".yml,.yaml" />
        <TextArea t={t} form={form} name="publiccode" label={t("solution.importText")} rows={12} />
      </Form>
    </>
  );
}

/** What an organisation uses, for the organisation's page. */
export function OrganisationSolutions(props: {
  ctx: PageContext;
  solutions: Awaited<ReturnType<SolutionService["repo"]["usedBy"]>>;
}) {
  const { t, date } = props.ctx.i18n;
  return (
    <ul class="ds-list">
      {props.solutions.map((s) => (
        <li key={s.id}>
          <a class="ds-link" href={`/solutions/${s.id}`}>
            {s.name}
          </a>
          {s.since ? ` ${t("solution.usedSince", { date: date(s.since) })}` : ""} ·{" "}
          <a class="ds-link" href={`/solutions/${s.id}#users-heading`}>
            {t("solution.whoElseShort")}
            <span class="ds-sr-only"> {s.name}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
