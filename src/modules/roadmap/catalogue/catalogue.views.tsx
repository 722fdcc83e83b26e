import {
  FilterForm,
  Form,
  type FormState,
  LinkList,
  Notice,
  type Option,
  SelectField,
  TableScroll,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { categoryLabel, milestoneName } from "../labels.ts";
import type { CatalogueQuery } from "../params.ts";
import { periodLabel } from "../precision.ts";
import type { RoadmapService } from "../roadmap.service.ts";
import { SOLUTION_CATEGORIES } from "../schema.ts";

type Catalogue = Awaited<ReturnType<RoadmapService["list"]>>;

export function CataloguePage(props: {
  ctx: PageContext;
  items: Catalogue;
  filter: CatalogueQuery;
  networks: Option[];
  /** Where the viewer may add: "national" for administrators, network slugs for secretariats. */
  canAdd: { href: string; label: string }[];
  canManageEditors: boolean;
}) {
  const { ctx, items, filter } = props;
  const { t } = ctx.i18n;
  const form: FormState = { values: { ...filter }, errors: [] };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("roadmap.catalogueTitle")}
      </h1>
      <p class="ds-paragraph">{t("roadmap.catalogueIntro")}</p>
      <p>
        <LinkList
          links={[
            { href: "/roadmap/adoption", label: t("adoption.matrixTitle") },
            { href: "/roadmap/timeline", label: t("roadmap.timelineTitle") },
            { href: `/roadmap/calendar.ics${filter.network ? `?network=${filter.network}` : ""}`, label: t("roadmap.calendar") },
            ...(props.canManageEditors ? [{ href: "/roadmap/editors", label: t("editors.title") }] : []),
          ]}
        />
      </p>
      {props.canAdd.length ? (
        <div class="button-row">
          {props.canAdd.map((a) => (
            <a key={a.href} class="ds-button" data-variant="secondary" href={a.href}>
              {a.label}
            </a>
          ))}
        </div>
      ) : null}
      <FilterForm t={t} action="/roadmap" resetHref="/roadmap">
        <TextField t={t} form={form} name="q" label={t("roadmap.search")} type="search" />
        <SelectField
          t={t}
          form={form}
          name="category"
          label={t("roadmap.category")}
          placeholder={t("list.all")}
          options={SOLUTION_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
        />
        <SelectField
          t={t}
          form={form}
          name="network"
          label={t("roadmap.withInitiativesOf")}
          placeholder={t("roadmap.allNetworks")}
          options={props.networks}
        />
      </FilterForm>
      <p class="ds-paragraph" role="status">
        {t("roadmap.count", { n: items.length })}
      </p>
      {items.length === 0 ? (
        <Notice>{t("list.empty")}</Notice>
      ) : (
        <TableScroll label={t("roadmap.catalogueTitle")}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("roadmap.name")}</th>
                <th scope="col">{t("roadmap.owner")}</th>
                <th scope="col">{t("roadmap.category")}</th>
                <th scope="col">{t("roadmap.nextMilestone")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.solution.id}>
                  <th scope="row">
                    <a class="ds-link" href={`/roadmap/${i.solution.id}`}>
                      {i.solution.name}
                    </a>
                    <span class="row-detail">
                      {i.networkName ? t("roadmap.initiativeOf", { network: i.networkName }) : i.solution.purpose}
                    </span>
                  </th>
                  <td>{i.solution.owner}</td>
                  <td>{categoryLabel(t, i.solution.category)}</td>
                  <td>
                    {i.nextDate && i.nextPrecision && i.nextKind
                      ? `${milestoneName(t, { kind: i.nextKind, label: i.nextLabel ?? "" })}: ${periodLabel(ctx.i18n, i.nextDate, i.nextPrecision)}`
                      : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function SolutionFormPage(props: {
  ctx: PageContext;
  form: FormState;
  title: string;
  action: string;
  cancelHref: string;
}) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <Form ctx={ctx} form={form} action={props.action} submitLabel={t("common.save")} cancelHref={props.cancelHref}>
        <TextField t={t} form={form} name="name" label={t("roadmap.name")} required />
        <TextField t={t} form={form} name="owner" label={t("roadmap.owner")} description={t("roadmap.ownerHint")} required />
        <SelectField
          t={t}
          form={form}
          name="category"
          label={t("roadmap.category")}
          required
          options={SOLUTION_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
        />
        <TextArea t={t} form={form} name="purpose" label={t("roadmap.purpose")} rows={3} />
        <TextField t={t} form={form} name="url" label={t("roadmap.url")} type="url" />
      </Form>
    </>
  );
}
