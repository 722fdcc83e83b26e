import { VISIBILITY_VALUES, type Visibility } from "../../../platform/access/visibility.ts";
import type { Translate } from "../../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  DemoTag,
  Form,
  FormPage,
  type FormPageProps,
  type FormState,
  History,
  Link,
  Notice,
  type Option,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { FollowButton } from "../../../platform/ui/follow-button.tsx";
import { type Column, ListTable } from "../../../platform/ui/list-page.tsx";
import { DateRangeFields, VisibilityTag } from "../fields.tsx";
import { bodyKindLabel, roleLabel } from "../labels.ts";
import type { NetworkService } from "../networks.service.ts";
import { BODY_KINDS, BODY_ROLES, type BodyKind } from "../schema.ts";

type Overview = Awaited<ReturnType<NetworkService["overview"]>>;

import { BodyDocuments } from "./documents.views.tsx";

export function BodyFormPage(props: FormPageProps) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      <SelectField name="kind" label={t("body.kind")} required options={optionsOf(t, BODY_KINDS, bodyKindLabel)} />
      <TextField name="name" label={t("body.name")} required />
      <TextArea name="mandate" label={t("body.mandate")} rows={5} />
      <SelectField
        name="visibility"
        label={t("visibility.label")}
        description={t("visibility.hint")}
        required
        options={optionsOf(t, VISIBILITY_VALUES, "visibility")}
      />
    </FormPage>
  );
}

export function BodyPage(props: {
  ctx: PageContext;
  network: { slug: string; name: string };
  body: { id: number; kind: BodyKind; name: string; mandate: string; visibility: Visibility };
  members: Overview["bodies"][number]["members"];
  canEdit: boolean;
  form: FormState;
  people: Option[];
  organisations: Option[];
  history: Parameters<typeof History>[0]["entries"];
  documents: { id: number; title: string; visibility: Visibility; fileName: string; size: number; createdAt: Date }[];
  documentForm: FormState;
  maxUploadMb: number;
}) {
  const { ctx, network, body, members } = props;
  const { t, date } = ctx.i18n;
  const base = `/n/${network.slug}/bodies/${body.id}`;
  const actions: Column<(typeof members)[number]> = {
    label: t("common.actions"),
    class: "actions-cell",
    cell: (m) => (
      <>
        <Link href={`${base}/members/${m.id}/edit`}>
          {t("common.edit")}
          <span class="ds-sr-only"> {m.personName}</span>
        </Link>{" "}
        <PostButton
          ctx={ctx}
          action={`${base}/members/${m.id}/delete`}
          label={t("common.remove")}
          hiddenText={m.personName}
          variant="tertiary"
          size="sm"
        />
      </>
    ),
  };
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {body.name}
      </h1>
      <FollowButton ctx={ctx} />
      <p class="ds-paragraph summary-line">
        {bodyKindLabel(t, body.kind)} · {network.name} <VisibilityTag t={t} visibility={body.visibility} />
      </p>
      {members.some((m) => m.personIsDemo) ? <Notice kind="warning">{t("demo.notice")}</Notice> : null}
      <h2 class="ds-heading" data-size="sm">
        {t("body.mandate")}
      </h2>
      <p class="ds-paragraph">{body.mandate || t("body.noMandate")}</p>
      {props.canEdit ? (
        <div class="button-row">
          <ButtonLink href={`${base}/edit`}>{t("common.edit")}</ButtonLink>
          <PostButton ctx={ctx} action={`${base}/delete`} label={t("body.delete")} variant="tertiary" danger />
        </div>
      ) : null}
      <Section id="body-members-heading" title={t("body.members")}>
        {members.length === 0 ? (
          <p class="ds-paragraph">{t("body.noMembers")}</p>
        ) : (
          <ListTable
            ctx={ctx}
            label={t("body.members")}
            rows={members}
            rowKey={(m) => m.id}
            columns={[
              {
                label: t("people.name"),
                cell: (m) => (
                  <>
                    <Link href={`/people/${m.personId}`}>{m.personName}</Link> {m.personIsDemo ? <DemoTag t={t} /> : null}
                  </>
                ),
              },
              { label: t("body.role"), cell: (m) => roleLabel(t, m.role) },
              { label: t("body.represents"), cell: (m) => m.organisationName ?? "" },
              { label: t("membership.since"), cell: (m) => (m.fromDate ? date(m.fromDate) : "") },
              { label: t("membership.to"), cell: (m) => (m.toDate ? date(m.toDate) : "") },
              ...(props.canEdit ? [actions] : []),
            ]}
          />
        )}
      </Section>
      {props.canEdit ? (
        <Section id="add-member-heading" title={t("body.addMember")}>
          <Form ctx={ctx} form={props.form} action={`${base}/members`} submitLabel={t("body.addMember")}>
            <SelectField
              name="personId"
              label={t("body.person")}
              required
              placeholder={t("form.choose")}
              options={props.people}
            />
            <SeatFields t={t} form={props.form} organisations={props.organisations} />
          </Form>
          <p class="ds-paragraph">
            <Link href="/people/new">{t("body.personMissing")}</Link>
          </p>
        </Section>
      ) : null}
      <BodyDocuments
        ctx={ctx}
        base={base}
        documents={props.documents}
        canEdit={props.canEdit}
        form={props.documentForm}
        maxUploadMb={props.maxUploadMb}
      />
      {props.canEdit ? <History ctx={ctx} entries={props.history} /> : null}
    </>
  );
}

export function BodyMemberFormPage(props: FormPageProps & { organisations: Option[] }) {
  const { ctx, form } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      <SeatFields t={t} form={form} organisations={props.organisations} />
    </FormPage>
  );
}

/** What a seat in a body is, apart from who holds it: the organisation represented, the role and the dates. */
function SeatFields({ t, form, organisations }: { t: Translate; form: FormState; organisations: Option[] }) {
  return (
    <>
      <SelectField
        t={t}
        form={form}
        name="organisationId"
        label={t("body.represents")}
        description={t("body.representsHint")}
        placeholder={t("form.none")}
        options={organisations}
      />
      <SelectField t={t} form={form} name="role" label={t("body.role")} required options={optionsOf(t, BODY_ROLES, roleLabel)} />
      <DateRangeFields t={t} form={form} />
    </>
  );
}
