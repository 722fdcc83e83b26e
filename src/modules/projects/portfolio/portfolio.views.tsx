import { Fragment } from "preact";
import {
  ButtonLink,
  DemoTag,
  FilterForm,
  FilterSelect,
  type FormState,
  Link,
  ListStatus,
  type Option,
  optionsOf,
  Pagination,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
import { type CustomSector, phaseLabel, projectKindLabel, StatusTag, sectorOptions, statusLabel } from "../labels.tsx";
import type { ProjectListQuery } from "../params.ts";
import type { ProjectService } from "../projects.service.ts";
import { PHASES, PROJECT_KINDS, STATUS_COLOURS } from "../schema.ts";
import { type SavedView, SavedViews } from "./saved-views.views.tsx";

type ListItem = Awaited<ReturnType<ProjectService["list"]>>["items"][number];

/** The portfolio: every project the viewer may see, with the filters, downloads and saved views. */
export function ProjectsPage(props: {
  ctx: PageContext;
  items: ListItem[];
  total: number;
  filter: ProjectListQuery;
  limit: number;
  csvHref: string;
  timelineHref: string;
  xlsxHref: string;
  benefitsHref: string;
  /** Networks the viewer may register projects in, and whether they also set its portfolio settings. */
  createIn: { slug: string; name: string; configure: boolean }[];
  networks: Option[];
  counties: Option[];
  organisations: Option[];
  customSectors: CustomSector[];
  /** The signed-in user's saved views; null for visitors. */
  savedViews: SavedView[] | null;
  viewForm: FormState;
}) {
  const { ctx, items, total, filter } = props;
  const { t, number, date } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("project.listTitle")}
      </h1>
      <p class="ds-paragraph">{t("project.listIntro")}</p>
      {props.createIn.length ? (
        <div class="button-row">
          {props.createIn.map((n) => (
            <ButtonLink key={n.slug} href={`/n/${n.slug}/projects/new`}>
              {props.createIn.length > 1 ? t("project.newIn", { network: n.name }) : t("project.new")}
            </ButtonLink>
          ))}
          {props.createIn
            .filter((n) => n.configure)
            .map((n) => (
              <Fragment key={n.slug}>
                <ButtonLink href={`/n/${n.slug}/sectors`} variant="tertiary">
                  {t("sector.title", { network: n.name })}
                </ButtonLink>
                <ButtonLink href={`/n/${n.slug}/checklists`} variant="tertiary">
                  {t("checklist.title", { network: n.name })}
                </ButtonLink>
              </Fragment>
            ))}
        </div>
      ) : null}
      <FilterForm t={t} action="/projects" resetHref="/projects" values={filter}>
        <TextField name="q" label={t("project.search")} type="search" />
        <FilterSelect name="network" label={t("project.network")} options={props.networks} />
        <FilterSelect name="organisation" label={t("project.organisationFilter")} options={props.organisations} />
        <FilterSelect name="county" label={t("org.county")} options={props.counties} />
        <FilterSelect name="kind" label={t("project.kind")} options={optionsOf(t, PROJECT_KINDS, projectKindLabel)} />
        <FilterSelect name="phase" label={t("project.phase")} options={optionsOf(t, PHASES, phaseLabel)} />
        <FilterSelect name="sector" label={t("project.sector")} options={sectorOptions(t, props.customSectors)} />
        <FilterSelect
          name="status"
          label={t("project.status")}
          options={[...optionsOf(t, STATUS_COLOURS, statusLabel), { value: "none", label: t("report.none") }]}
        />
        <TextField name="from" label={t("project.runsFrom")} type="date" width="short" />
        <TextField name="to" label={t("project.runsTo")} type="date" width="short" />
        <TextField name="tag" label={t("project.tag")} width="short" />
        <input type="hidden" name="sort" value={filter.sort} />
      </FilterForm>
      {props.savedViews ? <SavedViews ctx={ctx} kind="projects" views={props.savedViews} form={props.viewForm} /> : null}
      <ListStatus
        ctx={ctx}
        total={total}
        page={filter.page}
        limit={props.limit}
        links={[
          { href: props.csvHref, label: t("list.downloadCsv", { n: number(total) }), download: true },
          { href: props.xlsxHref, label: t("list.downloadXlsx"), download: true },
          { href: props.timelineHref, label: t("timeline.show") },
          { href: props.benefitsHref, label: t("benefitsOverview.show") },
        ]}
      />
      <ListTable
        ctx={ctx}
        label={t("project.listTitle")}
        rows={items}
        rowKey={(p) => p.id}
        sort={filter.sort}
        columns={[
          {
            label: t("project.title"),
            sort: "title",
            cell: (p) => (
              <>
                <Link href={`/projects/${p.id}`}>{p.title}</Link> {p.isDemo ? <DemoTag t={t} /> : null}
                {p.summary ? <span class="row-detail">{p.summary}</span> : null}
              </>
            ),
          },
          {
            label: t("project.owner"),
            cell: (p) => (
              <>
                {p.ownerName ?? p.networkName}
                <span class="row-detail">{p.networkName}</span>
              </>
            ),
          },
          { label: t("project.phase"), sort: "phase", cell: (p) => phaseLabel(t, p.phase) },
          { label: t("project.status"), cell: (p) => <StatusTag t={t} colour={p.status} /> },
          { label: t("project.startDate"), sort: "start", cell: (p) => (p.startDate ? date(p.startDate) : "") },
          { label: t("project.endDate"), sort: "end", cell: (p) => (p.endDate ? date(p.endDate) : "") },
        ]}
      />
      <Pagination t={t} url={ctx.url} total={total} limit={props.limit} offset={(filter.page - 1) * props.limit} />
    </>
  );
}
