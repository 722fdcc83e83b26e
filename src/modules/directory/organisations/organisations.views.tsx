import type { ComponentChildren } from "preact";
import { type KeySuffix, labelFor } from "../../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  CheckboxGroup,
  DemoTag,
  Facts,
  FilterSelect,
  FormPage,
  type FormPageProps,
  History,
  ItemList,
  Link,
  Notice,
  NumberField,
  type Option,
  optionsOf,
  Section,
  SelectField,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { FollowButton } from "../../../platform/ui/follow-button.tsx";
import { ListPage, ListTable } from "../../../platform/ui/list-page.tsx";
import { EDITABLE_KINDS } from "../directory.service.ts";
import { kindLabel } from "../labels.ts";
import { ORGANISATION_KINDS } from "../schema.ts";
import type { Organisation } from "./organisations.repo.ts";

type ListItem = Awaited<ReturnType<import("./organisations.repo.ts").OrganisationRepo["list"]>>["items"][number];

export function OrganisationsPage(props: {
  ctx: PageContext;
  items: ListItem[];
  total: number;
  filter: {
    q?: string | undefined;
    kind?: string | undefined;
    county?: string | undefined;
    network?: string | undefined;
    sort: string;
    page: number;
  };
  counties: Option[];
  networks: Option[];
  limit: number;
  csvHref: string;
  canCreate: boolean;
}) {
  const { ctx, total, filter } = props;
  const { t, number } = ctx.i18n;
  return (
    <ListPage
      ctx={ctx}
      title={t("org.listTitle")}
      actions={props.canCreate ? <ButtonLink href="/organisations/new">{t("org.new")}</ButtonLink> : null}
      filters={{
        action: "/organisations",
        resetHref: "/organisations",
        values: { ...filter },
        fields: (
          <>
            <TextField name="q" label={t("list.searchByName")} type="search" />
            <FilterSelect name="kind" label={t("org.kind")} options={optionsOf(t, ORGANISATION_KINDS, kindLabel)} />
            <FilterSelect name="county" label={t("org.county")} options={props.counties} />
            <FilterSelect name="network" label={t("network.network")} options={props.networks} />
          </>
        ),
      }}
      paging={{ total, page: filter.page, limit: props.limit }}
      downloads={[{ href: props.csvHref, label: t("list.downloadCsv", { n: number(total) }), download: true }]}
      table={{
        rows: props.items,
        rowKey: (o) => o.id,
        sort: filter.sort,
        columns: [
          {
            label: t("org.name"),
            sort: "name",
            cell: (o) => (
              <>
                <Link href={`/organisations/${o.id}`}>{o.name}</Link> {o.isDemo ? <DemoTag t={t} /> : null}
              </>
            ),
          },
          { label: t("org.kind"), cell: (o) => kindLabel(t, o.kind) },
          { label: t("org.code"), sort: "code", cell: (o) => o.code ?? "" },
          { label: t("org.county"), sort: "county", cell: (o) => o.countyName ?? "" },
          {
            label: t("org.population"),
            sort: "population",
            numeric: true,
            cell: (o) => (o.population === null ? "" : number(o.population)),
          },
        ],
      }}
    />
  );
}

export function OrganisationPage(props: {
  ctx: PageContext;
  org: Organisation;
  countyName: string | null;
  successor: { id: number; name: string } | null;
  memberships: {
    id: number;
    networkSlug: string;
    networkName: string;
    level: KeySuffix<"membership.level">;
    fromDate: string | null;
    toDate: string | null;
    representedById: number | null;
    representedByName: string | null;
  }[];
  cooperationMembers: { id: number; name: string }[];
  cooperations: { id: number; name: string }[];
  people: { id: number; name: string; title: string; isDemo: boolean }[];
  /** Networks an IT cooperation acts in through the members it represents. */
  actsIn: { networkId: number; networkSlug: string; networkName: string; members: number }[];
  /** Other modules' sections of the page (PageSlots["organisationPage"]). */
  sections: ComponentChildren[];
  canEdit: boolean;
  history: Parameters<typeof History>[0]["entries"];
}) {
  const { ctx, org } = props;
  const { t, number, date } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {org.name} {org.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <FollowButton ctx={ctx} />
      <p class="ds-paragraph summary-line">{kindLabel(t, org.kind)}</p>
      {org.endedOn ? (
        <Notice kind="warning">
          {t("org.ended", { date: date(org.endedOn) })}{" "}
          {props.successor ? (
            <>
              {t("org.successor")} <Link href={`/organisations/${props.successor.id}`}>{props.successor.name}</Link>
            </>
          ) : null}
        </Notice>
      ) : null}
      <Facts
        facts={[
          org.name !== org.nameNorwegian ? [t("org.nameNorwegian"), org.nameNorwegian] : null,
          org.otherNames.length ? [t("org.otherNames"), org.otherNames.join(", ")] : null,
          org.code ? [org.kind === "municipality" ? t("org.municipalityNumber") : t("org.countyNumber"), org.code] : null,
          props.countyName ? [t("org.county"), props.countyName] : null,
          org.orgNumber ? [t("org.orgNumber"), org.orgNumber] : null,
          org.malform ? [t("org.malform"), t(`org.malform.${org.malform}`)] : null,
          org.adminCentre ? [t("org.adminCentre"), org.adminCentre] : null,
          org.population !== null ? [t("org.population"), number(org.population)] : null,
          org.areaKm2 !== null
            ? [t("org.area"), t("org.areaValue", { km2: number(org.areaKm2, { maximumFractionDigits: 2 }) })]
            : null,
          org.website
            ? [
                t("org.website"),
                <a class="ds-link" href={org.website} rel="noopener">
                  {org.website.replace(/^https?:\/\//, "")}
                </a>,
              ]
            : null,
        ]}
      />
      {org.kind === "municipality" || org.kind === "county_municipality" ? (
        <p>
          <Link href={`/organisations/${org.id}/adoption`}>{t("adoption.link")}</Link>
        </p>
      ) : null}
      {org.description ? <p class="ds-paragraph">{org.description}</p> : null}
      {props.canEdit ? (
        <p>
          <ButtonLink href={`/organisations/${org.id}/edit`}>{t("common.edit")}</ButtonLink>
        </p>
      ) : null}
      <Section id="networks-heading" title={t("org.networks")}>
        {props.memberships.length === 0 ? (
          // An IT cooperation that is no member itself still acts in the networks of the members it represents.
          props.actsIn.length ? null : (
            <p class="ds-paragraph">{t("org.noNetworks")}</p>
          )
        ) : (
          <ListTable
            ctx={ctx}
            label={t("org.networks")}
            rows={props.memberships}
            rowKey={(m) => m.id}
            columns={[
              {
                label: t("network.network"),
                cell: (m) => <Link href={`/n/${m.networkSlug}`}>{m.networkName}</Link>,
              },
              {
                label: t("membership.level"),
                cell: (m) =>
                  `${labelFor(t, "membership.level", m.level)}${m.toDate ? ` (${t("membership.until", { date: date(m.toDate) })})` : ""}`,
              },
              {
                label: t("membership.representedBy"),
                cell: (m) =>
                  m.representedById ? (
                    <Link href={`/organisations/${m.representedById}`}>{m.representedByName}</Link>
                  ) : (
                    t("membership.representsItself")
                  ),
              },
              { label: t("membership.since"), cell: (m) => (m.fromDate ? date(m.fromDate) : "") },
            ]}
          />
        )}
        {props.actsIn.length ? (
          <>
            <h3 class="ds-heading" data-size="sm" id="acts-in-heading">
              {t("org.actsIn")}
            </h3>
            <p class="ds-paragraph">{t("org.actsInIntro")}</p>
            <ListTable
              ctx={ctx}
              label={t("org.actsIn")}
              rows={props.actsIn}
              rowKey={(n) => n.networkId}
              columns={[
                {
                  label: t("network.network"),
                  cell: (n) => <Link href={`/n/${n.networkSlug}`}>{n.networkName}</Link>,
                },
                { label: t("org.representedMembers"), numeric: true, cell: (n) => number(n.members) },
              ]}
            />
          </>
        ) : null}
      </Section>
      {org.kind === "it_cooperation" ? (
        <Section id="coop-members-heading" title={t("org.cooperationMembers")}>
          <OrgLinkList items={props.cooperationMembers} empty={t("org.noCooperationMembers")} />
        </Section>
      ) : null}
      {props.cooperations.length ? (
        <Section id="coops-heading" title={t("org.partOfCooperations")}>
          <OrgLinkList items={props.cooperations} empty="" />
        </Section>
      ) : null}
      {props.sections}
      {props.people.length ? (
        <Section id="people-heading" title={t("people.title")}>
          <ul class="ds-list">
            {props.people.map((p) => (
              <li key={p.id}>
                <Link href={`/people/${p.id}`}>{p.name}</Link>
                {p.title ? `, ${p.title}` : ""} {p.isDemo ? <DemoTag t={t} /> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {props.canEdit ? <History ctx={ctx} entries={props.history} /> : null}
    </>
  );
}

function OrgLinkList({ items, empty }: { items: { id: number; name: string }[]; empty: string }) {
  return (
    <ItemList
      items={items}
      empty={empty}
      itemKey={(o) => o.id}
      item={(o) => <Link href={`/organisations/${o.id}`}>{o.name}</Link>}
    />
  );
}

export function OrganisationFormPage(
  props: FormPageProps & {
    /** Municipalities and counties: the reference data owns their names and codes. */
    reference: boolean;
    counties: Option[];
    municipalities: Option[];
  },
) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  const kind = String(form.values.kind ?? "");
  return (
    <FormPage {...props}>
      {props.reference ? (
        <Notice>{t("org.referenceOwned")}</Notice>
      ) : (
        <>
          <SelectField
            name="kind"
            label={t("org.kind")}
            required
            placeholder={t("form.choose")}
            options={optionsOf(t, EDITABLE_KINDS, kindLabel)}
          />
          <TextField name="name" label={t("org.name")} required autocomplete="organization" />
          <SelectField name="countyCode" label={t("org.county")} placeholder={t("form.none")} options={props.counties} />
        </>
      )}
      <NumberField name="orgNumber" label={t("org.orgNumber")} description={t("org.orgNumberHint")} />
      <TextField name="website" label={t("org.website")} type="url" />
      <TextArea name="description" label={t("org.description")} />
      {!props.reference && (kind === "it_cooperation" || kind === "") ? (
        <CheckboxGroup
          name="memberIds"
          label={t("org.cooperationMembers")}
          description={t("org.cooperationMembersHint")}
          options={props.municipalities}
        />
      ) : null}
    </FormPage>
  );
}
