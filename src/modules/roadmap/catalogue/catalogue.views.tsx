import {
  ButtonLink,
  FilterForm,
  FilterSelect,
  FormPage,
  type FormPageProps,
  Link,
  LinkList,
  type Option,
  optionsOf,
  SelectField,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
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
            <ButtonLink key={a.href} href={a.href}>
              {a.label}
            </ButtonLink>
          ))}
        </div>
      ) : null}
      <FilterForm t={t} action="/roadmap" resetHref="/roadmap" values={{ ...filter }}>
        <TextField name="q" label={t("roadmap.search")} type="search" />
        <FilterSelect name="category" label={t("roadmap.category")} options={optionsOf(t, SOLUTION_CATEGORIES, categoryLabel)} />
        <FilterSelect
          name="network"
          label={t("roadmap.withInitiativesOf")}
          placeholder={t("roadmap.allNetworks")}
          options={props.networks}
        />
      </FilterForm>
      <p class="ds-paragraph" role="status">
        {t("roadmap.count", { n: items.length })}
      </p>
      <ListTable
        ctx={ctx}
        label={t("roadmap.catalogueTitle")}
        rows={items}
        rowKey={(i) => i.solution.id}
        columns={[
          {
            label: t("roadmap.name"),
            cell: (i) => (
              <>
                <Link href={`/roadmap/${i.solution.id}`}>{i.solution.name}</Link>
                <span class="row-detail">
                  {i.networkName ? t("roadmap.initiativeOf", { network: i.networkName }) : i.solution.purpose}
                </span>
              </>
            ),
          },
          { label: t("roadmap.owner"), cell: (i) => i.solution.owner },
          { label: t("roadmap.category"), cell: (i) => categoryLabel(t, i.solution.category) },
          {
            label: t("roadmap.nextMilestone"),
            cell: (i) =>
              i.nextDate && i.nextPrecision && i.nextKind
                ? `${milestoneName(t, { kind: i.nextKind, label: i.nextLabel ?? "" })}: ${periodLabel(ctx.i18n, i.nextDate, i.nextPrecision)}`
                : "–",
          },
        ]}
      />
    </>
  );
}

export function SolutionFormPage(props: FormPageProps) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      <TextField name="name" label={t("roadmap.name")} required />
      <TextField name="owner" label={t("roadmap.owner")} description={t("roadmap.ownerHint")} required />
      <SelectField
        name="category"
        label={t("roadmap.category")}
        required
        options={optionsOf(t, SOLUTION_CATEGORIES, categoryLabel)}
      />
      <TextArea name="purpose" label={t("roadmap.purpose")} rows={3} />
      <TextField name="url" label={t("roadmap.url")} type="url" />
    </FormPage>
  );
}
