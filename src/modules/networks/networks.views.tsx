import type { ComponentChildren } from "preact";
import type { FeedLink } from "../../platform/feeds.ts";
import {
  ButtonLink,
  CheckboxGroup,
  DemoTag,
  Facts,
  FormPage,
  type FormPageProps,
  History,
  Link,
  Notice,
  type Option,
  Section,
  SelectField,
  TableScroll,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { FollowButton } from "../../platform/ui/follow-button.tsx";
import { VisibilityTag } from "./fields.tsx";
import { bodyKindLabel, levelLabel, roleLabel } from "./labels.ts";
import type { NetworkService } from "./networks.service.ts";

type Overview = Awaited<ReturnType<NetworkService["overview"]>>;
type NetworkListItem = Awaited<ReturnType<NetworkService["repo"]["list"]>>["items"][number];

export function NetworkCards({ ctx, items }: { ctx: PageContext; items: NetworkListItem[] }) {
  const { t, number } = ctx.i18n;
  return (
    <ul class="card-grid">
      {items.map((n) => (
        <li key={n.id}>
          <div class="ds-card" data-color="neutral">
            <h3 class="ds-heading" data-size="sm">
              <Link href={`/n/${n.slug}`}>{n.name}</Link>
            </h3>
            <p class="ds-paragraph" data-size="sm">
              {t("network.memberCount", { n: number(n.memberCount) })}
              {n.hostName ? ` · ${t("network.hostShort", { name: n.hostName })}` : ""}
            </p>
            {n.description ? (
              <p class="ds-paragraph" data-size="sm">
                {n.description.length > 180 ? `${n.description.slice(0, 177)}…` : n.description}
              </p>
            ) : null}
            {n.isDemo ? <DemoTag t={t} /> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function NetworksPage({
  ctx,
  items,
  canCreate,
  sections,
}: {
  ctx: PageContext;
  items: NetworkListItem[];
  canCreate: boolean;
  /** Other modules' parts of the page (the subject networks that span the networks). */
  sections: ComponentChildren;
}) {
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("network.listTitle")}
      </h1>
      <p class="ds-paragraph">
        {t("network.listIntro")}{" "}
        <a class="ds-link" href="/networks.csv" download>
          {t("list.downloadCsv", { n: items.length })}
        </a>
      </p>
      {canCreate ? (
        <p>
          <ButtonLink href="/networks/new">{t("network.new")}</ButtonLink>
        </p>
      ) : null}
      {items.length ? <NetworkCards ctx={ctx} items={items} /> : <Notice>{t("network.none")}</Notice>}
      {sections}
    </>
  );
}

export function NetworkPage(props: {
  ctx: PageContext;
  overview: Overview;
  countyNames: Map<string, string>;
  canEdit: boolean;
  history: Parameters<typeof History>[0]["entries"];
  /** How the viewer follows the network; null for a reader not signed in. */
  /** Other modules' parts of the page (its coming gatherings), above the history. */
  sections?: ComponentChildren;
  /** The network's Atom feeds, to subscribe to in a feed reader. */
  feeds?: readonly FeedLink[];
}) {
  const { ctx, overview, countyNames } = props;
  const { network, members, bodies, contacts } = overview;
  const { t, number, date } = ctx.i18n;
  const active = members.filter((m) => !m.toDate);
  const population = active.reduce((sum, m) => sum + (m.population ?? 0), 0);
  const byCounty = new Map<string, typeof members>();
  for (const m of active) {
    const key = m.countyCode ?? "";
    byCounty.set(key, [...(byCounty.get(key) ?? []), m]);
  }
  const hasDemoPeople = contacts.some((c) => c.isDemo) || bodies.some((b) => b.members.some((m) => m.personIsDemo));
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {network.name} {network.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <FollowButton ctx={ctx} />
      {hasDemoPeople ? (
        <Notice kind="warning">
          <span class="demo-banner">{t("demo.notice")}</span>
        </Notice>
      ) : null}
      {network.description ? <p class="ds-paragraph">{network.description}</p> : null}
      <Facts
        facts={[
          [t("network.shortName"), network.shortName],
          network.hostOrganisationId
            ? [t("network.host"), <Link href={`/organisations/${network.hostOrganisationId}`}>{network.hostName}</Link>]
            : null,
          network.counties.length
            ? [t("network.counties"), network.counties.map((c) => countyNames.get(c) ?? c).join(", ")]
            : null,
          [t("network.members"), t("network.memberSummary", { n: number(active.length), population: number(population) })],
        ]}
      />
      <nav aria-label={t("network.work")}>
        <ul class="tag-list">
          {(
            [
              [`/projects?network=${network.slug}`, "network.work.projects"],
              [`/needs?network=${network.slug}`, "network.work.needs"],
              [`/n/${network.slug}/rounds`, "network.work.rounds"],
              [`/n/${network.slug}/meetings`, "network.work.meetings"],
              [`/n/${network.slug}/decisions`, "network.work.decisions"],
              [`/n/${network.slug}/priorities`, "network.work.priorities"],
              [`/roadmap/adoption?network=${network.slug}`, "adoption.matrixTitle"],
              [`/n/${network.slug}/roadmap/budget`, "network.work.budget"],
              [`/n/${network.slug}/strategies`, "dashboard.link"],
              [`/strategies?network=${network.slug}`, "strategy.listTitle"],
              [`/n/${network.slug}/strategies/themes`, "themes.overlapLink"],
              [`/n/${network.slug}/consultations`, "consultation.link"],
              [`/n/${network.slug}/calendar.ics`, "network.work.calendar"],
            ] as const
          ).map(([href, key]) => (
            <li key={href}>
              <Link href={href}>{t(key)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {props.canEdit ? (
        <div class="button-row">
          <ButtonLink href={`/n/${network.slug}/edit`}>{t("network.edit")}</ButtonLink>
          <ButtonLink href={`/n/${network.slug}/members/new`}>{t("membership.add")}</ButtonLink>
          <ButtonLink href={`/n/${network.slug}/bodies/new`}>{t("body.new")}</ButtonLink>
          <ButtonLink href={`/n/${network.slug}/people`}>{t("access.link")}</ButtonLink>
        </div>
      ) : null}

      <Section id="contacts-heading" title={t("network.contacts")}>
        {contacts.length === 0 ? (
          <p class="ds-paragraph">{t("network.noContacts")}</p>
        ) : (
          <ul class="card-grid">
            {contacts.map((c) => (
              <li key={c.personId}>
                <div class="ds-card" data-color="neutral">
                  <p class="ds-paragraph">
                    <Link href={`/people/${c.personId}`}>
                      <strong>{c.name}</strong>
                    </Link>{" "}
                    {c.isDemo ? <DemoTag t={t} /> : null}
                    <br />
                    {[c.title, c.organisationName].filter(Boolean).join(", ")}
                    {c.email ? (
                      <>
                        <br />
                        <Link href={`mailto:${c.email}`}>{c.email}</Link>
                      </>
                    ) : null}
                    {c.phone ? (
                      <>
                        <br />
                        {c.phone}
                      </>
                    ) : null}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="bodies-heading" title={t("network.bodies")}>
        {bodies.length === 0 ? <p class="ds-paragraph">{t("network.noBodies")}</p> : null}
        <div class="bodies-grid">
          {bodies.map((b) => (
            <section key={b.id} aria-labelledby={`body-${b.id}`} class="body-section">
              <h3 class="ds-heading" data-size="sm" id={`body-${b.id}`}>
                <Link href={`/n/${network.slug}/bodies/${b.id}`}>{b.name}</Link>{" "}
                <span class="ds-tag" data-color="neutral" data-size="sm">
                  {bodyKindLabel(t, b.kind)}
                </span>{" "}
                <VisibilityTag t={t} visibility={b.visibility} />
              </h3>
              {b.mandate ? <p class="ds-paragraph">{b.mandate}</p> : null}
              {b.members.length ? (
                <ul class="ds-list">
                  {b.members.map((m) => (
                    <li key={m.id}>
                      <Link href={`/people/${m.personId}`}>{m.personName}</Link> ({roleLabel(t, m.role)}
                      {m.organisationName ? `, ${m.organisationName}` : ""})
                      {m.personIsDemo ? (
                        <>
                          {" "}
                          <DemoTag t={t} />
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="ds-paragraph summary-line">{t("body.noMembers")}</p>
              )}
            </section>
          ))}
        </div>
      </Section>

      <Section id="members-heading" title={t("network.members")}>
        <p class="ds-paragraph">
          <Link href={`/organisations?network=${network.slug}`}>{t("network.membersAsList")}</Link> ·{" "}
          <a class="ds-link" href={`/n/${network.slug}/members.csv`} download>
            {t("list.downloadCsv", { n: number(members.length) })}
          </a>
        </p>
        <h3 class="ds-heading" data-size="xs">
          {t("network.byCounty")}
        </h3>
        <div class="county-grid">
          {[...byCounty.entries()].map(([code, list]) => (
            <section key={code} aria-label={countyNames.get(code) ?? code}>
              <h4 class="ds-heading" data-size="2xs">
                {countyNames.get(code) ?? t("network.noCounty")} ({number(list.length)})
              </h4>
              <ul>
                {list.map((m) => (
                  <li key={m.id}>
                    <Link href={`/organisations/${m.organisationId}`}>{m.organisationName}</Link>
                    {m.level !== "member" ? ` (${levelLabel(t, m.level)})` : ""}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
        <TableScroll label={t("network.membersTable")}>
          <table class="ds-table" data-border>
            <caption>{t("network.membersTable")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("org.name")}</th>
                <th scope="col">{t("membership.level")}</th>
                <th scope="col">{t("membership.representedBy")}</th>
                <th scope="col">{t("membership.since")}</th>
                <th scope="col">{t("membership.to")}</th>
                {props.canEdit ? <th scope="col">{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link href={`/organisations/${m.organisationId}`}>{m.organisationName}</Link>
                  </th>
                  <td>{levelLabel(t, m.level)}</td>
                  <td>
                    {m.representedById ? <Link href={`/organisations/${m.representedById}`}>{m.representedByName}</Link> : ""}
                  </td>
                  <td>{m.fromDate ? date(m.fromDate) : ""}</td>
                  <td>{m.toDate ? date(m.toDate) : ""}</td>
                  {props.canEdit ? (
                    <td>
                      <Link href={`/n/${network.slug}/members/${m.id}/edit`}>
                        {t("common.edit")}
                        <span class="ds-sr-only"> {m.organisationName}</span>
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
      {props.sections}
      {props.feeds?.length ? (
        <Section id="feeds-heading" title={t("feeds.heading")}>
          <p class="ds-paragraph">{t("feeds.intro")}</p>
          <ul class="ds-list">
            {props.feeds.map((f) => (
              <li key={f.href}>
                <Link href={f.href}>{f.label}</Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {props.canEdit ? <History ctx={ctx} entries={props.history} /> : null}
    </>
  );
}

export function NetworkFormPage(props: FormPageProps & { counties: Option[]; hosts: Option[]; people: Option[] }) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      <TextField name="name" label={t("network.name")} required />
      <TextField name="shortName" label={t("network.shortName")} required width="short" />
      <TextField name="slug" label={t("network.slug")} description={t("network.slugHint")} width="short" />
      <TextArea name="description" label={t("network.description")} rows={5} />
      <SelectField name="hostOrganisationId" label={t("network.host")} placeholder={t("form.none")} options={props.hosts} />
      <CheckboxGroup name="counties" label={t("network.counties")} options={props.counties} />
      <CheckboxGroup
        name="contactIds"
        label={t("network.contacts")}
        description={t("network.contactsHint")}
        options={props.people}
      />
    </FormPage>
  );
}
