import { type KeySuffix, labelFor } from "../../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  DemoTag,
  Facts,
  FormPage,
  type FormPageProps,
  History,
  ItemList,
  Link,
  Notice,
  type Option,
  PostButton,
  Section,
  SelectField,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListPage } from "../../../platform/ui/list-page.tsx";

type PersonRow = {
  id: number;
  name: string;
  title: string;
  organisationId: number | null;
  organisationName: string | null;
  email: string | null;
  phone: string | null;
  isDemo: boolean;
};

export function PeoplePage(props: {
  ctx: PageContext;
  items: PersonRow[];
  total: number;
  filter: { q?: string | undefined; page: number };
  limit: number;
  canCreate: boolean;
  csvHref: string;
}) {
  const { ctx, total, filter } = props;
  const { t, number } = ctx.i18n;
  return (
    <ListPage
      ctx={ctx}
      title={t("people.title")}
      intro={t("people.privacyNote")}
      actions={props.canCreate ? <ButtonLink href="/people/new">{t("people.new")}</ButtonLink> : null}
      filters={{
        action: "/people",
        values: { ...filter },
        fields: <TextField name="q" label={t("list.searchByName")} type="search" />,
      }}
      paging={{ total, page: filter.page, limit: props.limit }}
      downloads={[{ href: props.csvHref, label: t("list.downloadCsv", { n: number(total) }), download: true }]}
      table={{
        rows: props.items,
        rowKey: (p) => p.id,
        columns: [
          {
            label: t("people.name"),
            cell: (p) => (
              <>
                <Link href={`/people/${p.id}`}>{p.name}</Link> {p.isDemo ? <DemoTag t={t} /> : null}
              </>
            ),
          },
          { label: t("people.jobTitle"), cell: (p) => p.title },
          {
            label: t("people.organisation"),
            cell: (p) => (p.organisationId ? <Link href={`/organisations/${p.organisationId}`}>{p.organisationName}</Link> : ""),
          },
          {
            label: t("people.email"),
            cell: (p) => (p.email ? <Link href={`mailto:${p.email}`}>{p.email}</Link> : ""),
          },
          { label: t("people.phone"), cell: (p) => p.phone ?? "" },
        ],
      }}
    />
  );
}

export function PersonPage(props: {
  ctx: PageContext;
  person: PersonRow;
  bodies: {
    id: number;
    role: KeySuffix<"body.role">;
    bodyId: number;
    bodyName: string;
    networkSlug: string;
    networkName: string;
  }[];
  canEdit: boolean;
  history: Parameters<typeof History>[0]["entries"];
}) {
  const { ctx, person } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {person.name} {person.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      {person.isDemo ? <Notice kind="warning">{t("demo.personNotice")}</Notice> : null}
      <Facts
        facts={[
          person.title ? [t("people.jobTitle"), person.title] : null,
          person.organisationId
            ? [t("people.organisation"), <Link href={`/organisations/${person.organisationId}`}>{person.organisationName}</Link>]
            : null,
          person.email ? [t("people.email"), <Link href={`mailto:${person.email}`}>{person.email}</Link>] : null,
          person.phone ? [t("people.phone"), person.phone] : null,
        ]}
      />
      {person.email === null ? <p class="ds-paragraph summary-line">{t("people.detailsHidden")}</p> : null}
      {props.canEdit ? (
        <div class="button-row">
          <ButtonLink href={`/people/${person.id}/edit`}>{t("common.edit")}</ButtonLink>
          <PostButton ctx={ctx} action={`/people/${person.id}/delete`} label={t("common.delete")} variant="tertiary" danger />
        </div>
      ) : null}
      <Section id="bodies-heading" title={t("people.bodies")}>
        <ItemList
          items={props.bodies}
          empty={t("people.noBodies")}
          itemKey={(b) => b.id}
          item={(b) => (
            <>
              {labelFor(t, "body.role", b.role)}, <Link href={`/n/${b.networkSlug}/bodies/${b.bodyId}`}>{b.bodyName}</Link> (
              {b.networkName})
            </>
          )}
        />
      </Section>
      {props.canEdit ? <History ctx={ctx} entries={props.history} /> : null}
    </>
  );
}

export function PersonFormPage(
  props: FormPageProps & {
    organisations: Option[];
  },
) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      <TextField name="name" label={t("people.name")} required autocomplete="name" />
      <TextField name="title" label={t("people.jobTitle")} autocomplete="organization-title" />
      <SelectField
        name="organisationId"
        label={t("people.organisation")}
        placeholder={t("form.none")}
        options={props.organisations}
      />
      <TextField name="email" label={t("people.email")} type="email" autocomplete="email" description={t("people.emailHint")} />
      <TextField name="phone" label={t("people.phone")} type="tel" autocomplete="tel" width="short" />
    </FormPage>
  );
}
