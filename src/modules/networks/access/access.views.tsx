import type { Option } from "../../../platform/ui/components.tsx";
import {
  CheckboxGroup,
  Form,
  type FormState,
  Link,
  Notice,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { ListTable } from "../../../platform/ui/list-page.tsx";
import { bodyKindLabel } from "../labels.ts";
import { ACCESS_ROLES, type BodyKind } from "../schema.ts";
import { INVITATION_DAYS } from "./invitations.service.ts";
import { InvitationTable } from "./invitations.views.tsx";

type Network = { id: number; slug: string; name: string };
export type AccessChoices = { organisations: Option[]; people: Option[] };

/** An account's person link as the secretariat sees it: how far it reaches, and a request waiting for the person. */
export type PersonLinkView = {
  personName: string | null;
  personConfirmedAt: Date | null;
  personNetworkId: number | null;
  pendingLink: { id: number; personName: string; createdAt: Date; expiresAt: Date } | null;
};

type PersonWithAccess = PersonLinkView & {
  userId: number;
  name: string;
  email: string;
  role: "member" | "secretariat";
  organisations: { organisationId: number; name: string }[];
  seats: { bodyName: string; bodyKind: BodyKind }[];
};

/** The person record linked to the account and the state of the link (decision 0018). */
function PersonLinkState({ ctx, network, link }: { ctx: PageContext; network: Network; link: PersonLinkView }) {
  const { t } = ctx.i18n;
  const pending = link.pendingLink;
  const state = !link.personName
    ? null
    : link.personConfirmedAt
      ? t("access.link.confirmed")
      : link.personNetworkId === network.id
        ? t("access.link.here")
        : t("access.link.unconfirmed");
  return (
    <>
      {link.personName ?? (pending ? null : t("access.nothing"))}
      {state ? (
        <>
          <br />
          <span class="summary-line">{state}</span>
        </>
      ) : null}
      {pending ? (
        <>
          {link.personName ? <br /> : null}
          <span class="summary-line">
            {pending.expiresAt > new Date()
              ? t("access.link.pending", { name: pending.personName, date: ctx.i18n.date(pending.createdAt) })
              : t("access.link.expired", { name: pending.personName, date: ctx.i18n.date(pending.expiresAt) })}
          </span>
          <br />
          <PostButton
            ctx={ctx}
            action={`/n/${network.slug}/person-links/${pending.id}/withdraw`}
            label={t("access.link.withdraw")}
            hiddenText={pending.personName}
            variant="tertiary"
            size="sm"
          />
        </>
      ) : null}
    </>
  );
}

/** The fields of a grant: role, organisations represented, the person record. Shared by invite and edit. */
function GrantFields({ ctx, form, choices }: { ctx: PageContext; form: FormState; choices: AccessChoices }) {
  const { t } = ctx.i18n;
  return (
    <>
      <SelectField
        t={t}
        form={form}
        name="role"
        label={t("access.role")}
        description={t("access.roleHint")}
        required
        options={optionsOf(t, ACCESS_ROLES, "access.role")}
      />
      {choices.organisations.length ? (
        <CheckboxGroup
          t={t}
          form={form}
          name="organisationIds"
          label={t("access.represents")}
          description={t("access.representsHint")}
          options={choices.organisations}
        />
      ) : null}
      <SelectField
        t={t}
        form={form}
        name="personId"
        label={t("access.person")}
        description={`${t("access.personHint")} ${t("access.personConfirmHint")}`}
        placeholder={t("access.noPerson")}
        options={choices.people}
      />
    </>
  );
}

/** The secretariat's page: who has access to the network, in which role, and the invitations out. */
export function AccessPage(props: {
  ctx: PageContext;
  network: Network;
  people: PersonWithAccess[];
  invitations: Parameters<typeof InvitationTable>[0]["items"];
  form: FormState;
  choices: AccessChoices;
  notice?: string | undefined;
}) {
  const { ctx, network, form } = props;
  const { t } = ctx.i18n;
  const base = `/n/${network.slug}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("access.title")}
      </h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p class="ds-paragraph">{t("access.intro", { network: network.name })}</p>
      <Section id="people-heading" title={t("access.people")}>
        {props.people.length === 0 ? (
          <p class="ds-paragraph">{t("access.none")}</p>
        ) : (
          <ListTable
            ctx={ctx}
            label={t("access.people")}
            rows={props.people}
            rowKey={(p) => p.userId}
            columns={[
              {
                label: t("access.name"),
                cell: (p) => (
                  <>
                    {p.name}
                    <br />
                    <span class="summary-line">{p.email}</span>
                  </>
                ),
              },
              { label: t("access.role"), cell: (p) => t(`access.role.${p.role}`) },
              {
                label: t("access.represents"),
                cell: (p) => p.organisations.map((o) => o.name).join(", ") || t("access.nothing"),
              },
              { label: t("access.person"), cell: (p) => <PersonLinkState ctx={ctx} network={network} link={p} /> },
              {
                label: t("access.seats"),
                cell: (p) =>
                  p.seats.map((s) => `${s.bodyName} (${bodyKindLabel(t, s.bodyKind)})`).join(", ") || t("access.nothing"),
              },
              {
                label: t("common.actions"),
                class: "actions-cell",
                cell: (p) => (
                  <Link href={`${base}/people/${p.userId}/edit`}>
                    {t("access.edit")}
                    <span class="ds-sr-only"> {p.name}</span>
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Section>
      <Section id="invite-heading" title={t("invitations.invite")}>
        <p class="ds-paragraph">{t("access.inviteIntro", { days: INVITATION_DAYS })}</p>
        <Form ctx={ctx} form={form} action={`${base}/people`} submitLabel={t("invitations.send")}>
          <TextField name="email" label={t("auth.email")} type="email" autocomplete="off" required />
          <TextField name="name" label={t("people.name")} autocomplete="off" />
          <GrantFields ctx={ctx} form={form} choices={props.choices} />
        </Form>
      </Section>
      <Section id="invitations-heading" title={t("access.invitations")}>
        <InvitationTable ctx={ctx} items={props.invitations} actionBase={`${base}/invitations`} />
      </Section>
    </>
  );
}

export function AccessFormPage(props: {
  ctx: PageContext;
  network: Network;
  person: { userId: number; name: string; email: string } & PersonLinkView;
  form: FormState;
  choices: AccessChoices;
}) {
  const { ctx, network, person, form } = props;
  const { t } = ctx.i18n;
  const base = `/n/${network.slug}/people`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("access.editTitle", { name: person.name })}
      </h1>
      <p class="ds-paragraph">{person.email}</p>
      {person.personName || person.pendingLink ? (
        <p class="ds-paragraph">
          {t("access.person")}: <PersonLinkState ctx={ctx} network={network} link={person} />
        </p>
      ) : null}
      <Form ctx={ctx} form={form} action={`${base}/${person.userId}`} submitLabel={t("access.save")} cancelHref={base}>
        <GrantFields ctx={ctx} form={form} choices={props.choices} />
      </Form>
      <section aria-labelledby="remove-heading">
        <h2 class="ds-heading" data-size="sm" id="remove-heading">
          {t("access.remove")}
        </h2>
        <p class="ds-paragraph">{t("access.removeIntro")}</p>
        <PostButton ctx={ctx} action={`${base}/${person.userId}/remove`} label={t("access.remove")} danger />
      </section>
    </>
  );
}

/** The page a person reaches from the e-mail: who asks to link which account to them, and the button that confirms. */
export function PersonLinkPage(props: {
  ctx: PageContext;
  action: string;
  request: { networkName: string; requesterName: string | null; accountName: string; accountEmail: string; personName: string };
}) {
  const { ctx, request } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("personLink.title")}
      </h1>
      <p class="ds-paragraph">
        {t("personLink.intro", {
          requester: request.requesterName || request.networkName,
          network: request.networkName,
          account: request.accountName || request.accountEmail,
          accountEmail: request.accountEmail,
          person: request.personName,
        })}
      </p>
      <PostButton ctx={ctx} action={props.action} label={t("personLink.confirm")} variant="primary" />
    </>
  );
}
