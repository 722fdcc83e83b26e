import { can } from "../../platform/access/authorize.ts";
import { VISIBILITY_VALUES } from "../../platform/access/visibility.ts";
import { labelFor, osloParts, type Translate } from "../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  CheckboxGroup,
  DemoTag,
  Facts,
  Form,
  FormPage,
  type FormPageProps,
  type FormState,
  InstantFields,
  ItemList,
  Link,
  Notice,
  NumberField,
  type Option,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TextArea,
  TextField,
} from "../../platform/ui/components.tsx";
import type { PageContext } from "../../platform/ui/context.ts";
import { DocumentsSection } from "../../platform/ui/documents.tsx";
import { FollowButton } from "../../platform/ui/follow-button.tsx";
import { actionsColumn, type Column, ListTable } from "../../platform/ui/list-page.tsx";
import type { Gathering, GatheringInvitation, GatheringQuestion, GatheringSession, Registration } from "./gatherings.repo.ts";
import { isFull, type RegistrationState, registrationState } from "./gatherings.service.ts";
import { AUDIENCES, GATHERING_KINDS, LEADER_ROLES } from "./schema.ts";

export interface GatheringRow {
  gathering: Gathering;
  networkSlug: string;
  networkName: string;
  confirmed: number;
}

const kindLabel = (t: Translate, kind: Gathering["kind"]) => labelFor(t, "gathering.kind", kind);

/** When a gathering is, in Norway's time: a day from one time to another, or from one day to another. */
export function when(ctx: PageContext, g: Pick<Gathering, "startsAt" | "endsAt">): string {
  const [starts, ends] = [osloParts(g.startsAt), osloParts(g.endsAt)];
  return starts.date === ends.date
    ? `${ctx.i18n.dateTime(g.startsAt)}–${ends.time}`
    : `${ctx.i18n.dateTime(g.startsAt)} – ${ctx.i18n.dateTime(g.endsAt)}`;
}

/** Coming or past gatherings as a table: when, what, which network, where, places taken. */
export function GatheringTable(props: { ctx: PageContext; rows: readonly GatheringRow[]; label: string; showNetwork: boolean }) {
  const { ctx } = props;
  const { t, number } = ctx.i18n;
  const columns: Column<GatheringRow>[] = [
    {
      label: t("gathering.title"),
      cell: (r) => (
        <>
          <Link href={`/gatherings/${r.gathering.id}`}>{r.gathering.title}</Link>
          {r.gathering.isDemo ? <DemoTag t={t} /> : null}
        </>
      ),
    },
    { label: t("gathering.when"), cell: (r) => when(ctx, r.gathering) },
    { label: t("gathering.kindLabel"), cell: (r) => kindLabel(t, r.gathering.kind) },
    ...(props.showNetwork
      ? [
          {
            label: t("gathering.network"),
            cell: (r: GatheringRow) => <Link href={`/n/${r.networkSlug}/gatherings`}>{r.networkName}</Link>,
          },
        ]
      : []),
    { label: t("gathering.place"), cell: (r) => r.gathering.place || (r.gathering.videoUrl ? t("gathering.online") : "") },
    {
      label: t("gathering.registered"),
      numeric: true,
      cell: (r) =>
        r.gathering.capacity === null
          ? number(r.confirmed)
          : t("gathering.placesTaken", { n: number(r.confirmed), capacity: number(r.gathering.capacity) }),
    },
  ];
  return (
    <ListTable
      ctx={ctx}
      label={props.label}
      rows={props.rows}
      rowKey={(r) => r.gathering.id}
      columns={columns}
      empty={t("gathering.none")}
    />
  );
}

/** The gatherings, coming first and the past ones after, with a calendar to subscribe to. */
export function GatheringListPage(props: {
  ctx: PageContext;
  title: string;
  intro: string;
  coming: readonly GatheringRow[];
  past: readonly GatheringRow[];
  calendarHref: string | null;
  newHref: string | null;
  showNetwork: boolean;
  /** For the network's secretariat: other networks' gatherings it is invited to hold together. */
  invitations: readonly { gathering: Gathering; networkName: string }[];
  invitationBase: string;
}) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph">{props.intro}</p>
      <div class="button-row">
        {props.newHref ? (
          <ButtonLink href={props.newHref} variant="primary">
            {t("gathering.new")}
          </ButtonLink>
        ) : null}
        {props.calendarHref ? <ButtonLink href={props.calendarHref}>{t("gathering.subscribe")}</ButtonLink> : null}
      </div>
      {props.invitations.length ? (
        <Section id="invitations-heading" title={t("gathering.invitations")}>
          <ItemList
            items={props.invitations}
            empty=""
            itemKey={(r) => r.gathering.id}
            item={(r) => (
              <>
                <Link href={`/gatherings/${r.gathering.id}`}>{r.gathering.title}</Link> ({r.networkName}, {when(ctx, r.gathering)}
                ){" "}
                <PostButton
                  ctx={ctx}
                  action={`${props.invitationBase}/${r.gathering.id}/accept`}
                  label={t("gathering.acceptHosting")}
                  hiddenText={r.gathering.title}
                  size="sm"
                />
              </>
            )}
          />
        </Section>
      ) : null}
      <Section id="coming-heading" title={t("gathering.coming")}>
        <GatheringTable ctx={ctx} rows={props.coming} label={t("gathering.coming")} showNetwork={props.showNetwork} />
      </Section>
      <Section id="past-heading" title={t("gathering.past")}>
        <GatheringTable ctx={ctx} rows={props.past} label={t("gathering.past")} showNetwork={props.showNetwork} />
      </Section>
    </>
  );
}

export function GatheringFormPage(props: FormPageProps & { subjectOptions: Option[]; inviteOptions: Option[] }) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      <SelectField
        name="kind"
        label={t("gathering.kindLabel")}
        required
        options={optionsOf(t, GATHERING_KINDS, "gathering.kind")}
      />
      <TextField name="title" label={t("gathering.title")} required />
      <TextArea name="description" label={t("gathering.description")} rows={6} />
      <InstantFields
        name="starts"
        dateLabel={t("gathering.startsDate")}
        timeLabel={t("gathering.startsTime")}
        timeHint={t("gathering.timeHint")}
        required
      />
      <InstantFields
        name="ends"
        dateLabel={t("gathering.endsDate")}
        timeLabel={t("gathering.endsTime")}
        timeHint={t("gathering.timeHint")}
        required
      />
      <TextField name="place" label={t("gathering.place")} />
      <TextField name="videoUrl" label={t("gathering.videoUrl")} type="url" />
      <SelectField
        name="audience"
        label={t("gathering.audienceLabel")}
        required
        options={optionsOf(t, AUDIENCES, "gathering.audience")}
      />
      <CheckboxGroup
        name="invitedNetworkIds"
        label={t("gathering.hosts")}
        description={t("gathering.hostsHint")}
        options={props.inviteOptions}
      />
      <SelectField
        name="subjectNetworkId"
        label={t("gathering.subjectNetwork")}
        description={t("gathering.subjectNetworkHint")}
        options={props.subjectOptions}
        placeholder={t("gathering.noSubjectNetwork")}
      />
      <SelectField
        name="visibility"
        label={t("gathering.visibilityLabel")}
        description={t("gathering.visibilityHint")}
        required
        options={optionsOf(
          t,
          VISIBILITY_VALUES.filter((v) => v !== "body"),
          "visibility",
        )}
      />
      <NumberField name="capacity" label={t("gathering.capacity")} description={t("gathering.capacityHint")} />
      <InstantFields
        name="closes"
        dateLabel={t("gathering.closesDate")}
        timeLabel={t("gathering.closesTime")}
        timeHint={t("gathering.timeHint")}
        description={t("gathering.closesHint")}
      />
      <NumberField
        name="personalDataDays"
        label={t("gathering.personalDataDays")}
        description={t("gathering.personalDataDaysHint")}
      />
      <TextArea name="report" label={t("gathering.report")} description={t("gathering.reportHint")} rows={5} />
    </FormPage>
  );
}

/** What a reader is told about registering, by where the gathering stands. */
function RegistrationBox(props: {
  ctx: PageContext;
  g: Gathering;
  state: RegistrationState;
  full: boolean;
  mayRegister: boolean;
  subject: { slug: string; name: string } | null;
}) {
  const { ctx, g } = props;
  const { t, dateTime } = ctx.i18n;
  if (props.state === "over") return <Notice>{t("gathering.over")}</Notice>;
  if (props.state === "closed") return <Notice>{t("gathering.registrationClosed")}</Notice>;
  if (!props.mayRegister)
    return (
      <Notice>
        {t(
          g.audience === "subject_network"
            ? "gathering.subjectOnly"
            : g.audience === "invited"
              ? "gathering.invitedOnly"
              : "gathering.membersOnly",
        )}{" "}
        {props.subject && g.audience === "subject_network" ? (
          <Link href={`/subject-networks/${props.subject.slug}`}>
            {t("gathering.toSubjectNetwork", { name: props.subject.name })}
          </Link>
        ) : null}{" "}
        {ctx.actor || g.audience === "invited" ? null : (
          <Link href={`/login?returnTo=${encodeURIComponent(`/gatherings/${g.id}/register`)}`}>{t("gathering.signIn")}</Link>
        )}
      </Notice>
    );
  return (
    <>
      <p class="ds-paragraph">
        {t("gathering.registerBy", { date: dateTime(g.registrationClosesAt ?? g.startsAt) })}
        {props.full ? ` ${t("gathering.fullWaitingList")}` : ""}
      </p>
      <ButtonLink href={`/gatherings/${g.id}/register`} variant="primary">
        {props.full ? t("gathering.joinWaitingList") : t("gathering.register")}
      </ButtonLink>
    </>
  );
}

export function GatheringPage(props: {
  ctx: PageContext;
  g: Gathering;
  network: { slug: string; name: string };
  sessions: readonly GatheringSession[];
  questions: readonly GatheringQuestion[];
  counts: { confirmed: number; waiting: number };
  mayRegister: boolean;
  /** The subject network it is for, if any. */
  subject: { slug: string; name: string } | null;
  /** The networks holding it together with its organiser. */
  hosts: readonly { id: number; slug: string; name: string }[];
  /** Co-hosts whose secretariat the viewer is: they may stop holding it together. */
  withdrawAs: readonly { id: number; slug: string; name: string }[];
  sessionForm: FormState;
  questionForm: FormState;
  /** What it left behind: documents and links (a recording). */
  materials: { documents: { id: number; title: string }[]; links: { id: number; title: string; url: string }[] };
  documentForm: FormState;
  linkForm: FormState;
  maxUploadMb: number;
  saved: boolean;
}) {
  const { ctx, g } = props;
  const { t, number, dateTime } = ctx.i18n;
  const manages = can(ctx.actor, "gathering.manage", { networkId: g.networkId, hostNetworkIds: props.hosts.map((h) => h.id) });
  const state = registrationState(g);
  const full = isFull(g, props.counts);
  const changeable = g.startsAt > new Date();
  return (
    <>
      {props.saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
      <h1 class="ds-heading" data-size="lg">
        {g.title}
        {g.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <FollowButton ctx={ctx} />
      <Facts
        facts={[
          [t("gathering.kindLabel"), labelFor(t, "gathering.kind", g.kind)],
          [t("gathering.when"), when(ctx, g)],
          [t("gathering.network"), <Link href={`/n/${props.network.slug}/gatherings`}>{props.network.name}</Link>],
          props.hosts.length
            ? [
                t("gathering.heldWith"),
                props.hosts.map((h, i) => (
                  <>
                    {i > 0 ? ", " : null}
                    <Link href={`/n/${h.slug}/gatherings`}>{h.name}</Link>
                  </>
                )),
              ]
            : null,
          g.place ? [t("gathering.place"), g.place] : null,
          g.videoUrl ? [t("gathering.videoUrl"), <Link href={g.videoUrl}>{g.videoUrl}</Link>] : null,
          [t("gathering.audienceLabel"), labelFor(t, "gathering.audience", g.audience)],
          props.subject
            ? [t("gathering.subjectNetwork"), <Link href={`/subject-networks/${props.subject.slug}`}>{props.subject.name}</Link>]
            : null,
          [
            t("gathering.registered"),
            g.capacity === null
              ? number(props.counts.confirmed)
              : t("gathering.placesTaken", { n: number(props.counts.confirmed), capacity: number(g.capacity) }),
          ],
          props.counts.waiting > 0 ? [t("gathering.waiting"), number(props.counts.waiting)] : null,
        ]}
      />
      {g.description ? <p class="ds-paragraph prewrap">{g.description}</p> : null}
      <div class="button-row">
        <ButtonLink href={`/gatherings/${g.id}/calendar.ics`}>{t("gathering.addToCalendar")}</ButtonLink>
        {props.withdrawAs.map((h) => (
          <PostButton
            ctx={ctx}
            action={`/n/${h.slug}/gatherings/invitations/${g.id}/withdraw`}
            label={t("gathering.stopHosting", { network: h.name })}
            variant="tertiary"
          />
        ))}
        {manages ? (
          <>
            <ButtonLink href={`/gatherings/${g.id}/edit`}>{t("gathering.edit")}</ButtonLink>
            <ButtonLink href={`/gatherings/${g.id}/participants`}>{t("gathering.participants")}</ButtonLink>
          </>
        ) : null}
      </div>
      <Section id="registration-heading" title={t("gathering.registration")}>
        <RegistrationBox ctx={ctx} g={g} state={state} full={full} mayRegister={props.mayRegister} subject={props.subject} />
      </Section>
      <Section id="programme-heading" title={t("gathering.programme")}>
        <ListTable
          ctx={ctx}
          label={t("gathering.programme")}
          rows={props.sessions}
          rowKey={(s) => s.id}
          rowHeader={1}
          empty={t("gathering.noProgramme")}
          columns={[
            { label: t("gathering.time"), cell: (s) => dateTime(s.startsAt) },
            { label: t("gathering.sessionTitle"), cell: (s) => s.title },
            { label: t("gathering.speakers"), cell: (s) => s.speakers },
            { label: t("gathering.room"), cell: (s) => s.room },
            ...actionsColumn<GatheringSession>(t, manages && changeable, (s) => (
              <PostButton
                ctx={ctx}
                action={`/gatherings/${g.id}/sessions/${s.id}/delete`}
                label={t("common.remove")}
                hiddenText={s.title}
                size="sm"
                danger
              />
            )),
          ]}
        />
        {manages && changeable ? (
          <Form
            ctx={ctx}
            form={props.sessionForm}
            action={`/gatherings/${g.id}/sessions`}
            submitLabel={t("gathering.addSession")}
          >
            <TextField name="date" label={t("gathering.date")} type="date" required />
            <TextField name="time" label={t("gathering.time")} description={t("gathering.timeHint")} required />
            <TextField name="title" label={t("gathering.sessionTitle")} required />
            <TextField name="speakers" label={t("gathering.speakers")} />
            <TextField name="room" label={t("gathering.room")} />
          </Form>
        ) : null}
      </Section>
      {manages ? (
        <Section id="questions-heading" title={t("gathering.questions")}>
          <p class="ds-paragraph">{t("gathering.questionsIntro")}</p>
          <ListTable
            ctx={ctx}
            label={t("gathering.questions")}
            rows={props.questions}
            rowKey={(q) => q.id}
            empty={t("gathering.noQuestions")}
            columns={[
              { label: t("gathering.question"), cell: (q) => q.text },
              { label: t("gathering.questionRequired"), cell: (q) => t(q.required ? "common.yes" : "common.no") },
              ...actionsColumn<GatheringQuestion>(t, changeable, (q) => (
                <PostButton
                  ctx={ctx}
                  action={`/gatherings/${g.id}/questions/${q.id}/delete`}
                  label={t("common.remove")}
                  hiddenText={q.text}
                  size="sm"
                  danger
                />
              )),
            ]}
          />
          {changeable ? (
            <Form
              ctx={ctx}
              form={props.questionForm}
              action={`/gatherings/${g.id}/questions`}
              submitLabel={t("gathering.addQuestion")}
            >
              <TextField name="text" label={t("gathering.question")} required />
              <CheckboxGroup
                name="required"
                label={t("gathering.questionRequired")}
                options={[{ value: "1", label: t("gathering.questionMustBeAnswered") }]}
              />
            </Form>
          ) : null}
        </Section>
      ) : null}
      {g.report ? (
        <Section id="report-heading" title={t("gathering.report")}>
          <p class="ds-paragraph prewrap">{g.report}</p>
        </Section>
      ) : null}
      {manages || props.materials.documents.length || props.materials.links.length ? (
        <Section id="materials-heading" title={t("gathering.materials")}>
          <DocumentsSection
            ctx={ctx}
            id="documents-heading"
            title={t("gathering.documents")}
            emptyText={t("gathering.noDocuments")}
            base={`/gatherings/${g.id}/documents`}
            documents={props.materials.documents}
            canRemove={manages}
            upload={manages ? { form: props.documentForm, maxUploadMb: props.maxUploadMb } : null}
          />
          <h3 class="ds-heading" data-size="xs">
            {t("gathering.links")}
          </h3>
          <ItemList
            items={props.materials.links}
            empty={t("gathering.noLinks")}
            itemKey={(l) => l.id}
            item={(l) => (
              <>
                <Link href={l.url}>{l.title}</Link>{" "}
                {manages ? (
                  <PostButton
                    ctx={ctx}
                    action={`/gatherings/${g.id}/links/${l.id}/delete`}
                    label={t("gathering.removeLink")}
                    hiddenText={l.title}
                    size="sm"
                    variant="tertiary"
                    danger
                  />
                ) : null}
              </>
            )}
          />
          {manages ? (
            <Form ctx={ctx} form={props.linkForm} action={`/gatherings/${g.id}/links`} submitLabel={t("gathering.addLink")}>
              <TextField name="title" label={t("gathering.linkTitle")} required />
              <TextField name="url" label={t("gathering.linkUrl")} description={t("gathering.linkHint")} type="url" required />
            </Form>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}

export function RegistrationFormPage(props: {
  ctx: PageContext;
  g: Gathering;
  form: FormState;
  organisations: Option[];
  questions: readonly GatheringQuestion[];
  full: boolean;
  /** The secret of the invitation whose link brought the person here (a gathering by invitation). */
  invitation: string | null;
}) {
  const { ctx, g } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage
      ctx={ctx}
      form={props.form}
      action={`/gatherings/${g.id}/register`}
      title={t("gathering.registerFor", { title: g.title })}
      cancelHref={`/gatherings/${g.id}`}
      submitLabel={props.full ? t("gathering.joinWaitingList") : t("gathering.register")}
      intro={
        <>
          {props.full ? <Notice kind="warning">{t("gathering.fullWaitingList")}</Notice> : null}
          <p class="ds-paragraph">{t("gathering.privacy", { days: g.personalDataDays })}</p>
        </>
      }
    >
      {props.invitation ? <input type="hidden" name="invitation" value={props.invitation} /> : null}
      <TextField name="name" label={t("gathering.name")} autocomplete="name" required />
      <TextField name="email" label={t("gathering.email")} type="email" autocomplete="email" required />
      {g.audience === "leaders" ? (
        <SelectField
          name="leaderRole"
          label={t("gathering.leaderRoleLabel")}
          required
          placeholder=""
          options={optionsOf(t, LEADER_ROLES, "gathering.leaderRole")}
        />
      ) : null}
      <SelectField
        name="organisationId"
        label={t("gathering.organisation")}
        description={t("gathering.organisationHint")}
        placeholder={t("gathering.notInList")}
        options={props.organisations}
      />
      <TextField name="organisationName" label={t("gathering.organisationName")} autocomplete="organization" />
      {props.questions.map((q) => (
        <TextArea key={q.id} name={`q${q.id}`} label={q.text} required={q.required} rows={2} />
      ))}
      <TextArea name="note" label={t("gathering.note")} description={t("gathering.noteHint")} rows={3} />
    </FormPage>
  );
}

export function ReceiptPage(props: {
  ctx: PageContext;
  g: Gathering;
  registration: Registration;
  position: number | null;
  receipt: string;
}) {
  const { ctx, g, registration } = props;
  const { t } = ctx.i18n;
  const base = `/gatherings/${g.id}/registration/${props.receipt}`;
  const active = registration.status !== "cancelled" && registrationState(g) !== "over";
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("gathering.receiptTitle")}
      </h1>
      {registration.status === "confirmed" ? (
        <Notice kind="success">{t("gathering.confirmed", { title: g.title })}</Notice>
      ) : registration.status === "waiting" ? (
        <Notice kind="info">{t("gathering.waitingAt", { title: g.title, n: props.position ?? 0 })}</Notice>
      ) : (
        <Notice>{t("gathering.cancelled")}</Notice>
      )}
      <Facts
        facts={[
          [t("gathering.when"), when(ctx, g)],
          g.place ? [t("gathering.place"), g.place] : null,
          registration.name ? [t("gathering.name"), registration.name] : null,
          registration.email ? [t("gathering.email"), registration.email] : null,
        ]}
      />
      <p class="ds-paragraph">{t("gathering.keepLink")}</p>
      <div class="button-row">
        <ButtonLink href={`/gatherings/${g.id}`}>{t("gathering.toGathering")}</ButtonLink>
        <ButtonLink href={`/gatherings/${g.id}/calendar.ics`}>{t("gathering.addToCalendar")}</ButtonLink>
        {active ? <PostButton ctx={ctx} action={`${base}/cancel`} label={t("gathering.cancel")} danger /> : null}
        {registration.personalDataRemovedAt ? null : (
          <PostButton ctx={ctx} action={`${base}/remove-personal-data`} label={t("gathering.removeData")} variant="tertiary" />
        )}
      </div>
    </>
  );
}

export interface ParticipantRow {
  registration: Registration;
  organisation: string | null;
}

export function ParticipantsPage(props: {
  ctx: PageContext;
  g: Gathering;
  rows: readonly ParticipantRow[];
  byOrganisation: readonly [string, number][];
  questions: readonly GatheringQuestion[];
  form: FormState;
  saved?: boolean;
  /** A gathering by invitation: whom the organiser invited, and the form that invites more. */
  invitations: readonly GatheringInvitation[];
  inviteForm: FormState;
  /** How many the last sending invited. */
  invitedNow?: number | undefined;
}) {
  const { ctx, g } = props;
  const { t, number, dateTime } = ctx.i18n;
  const started = g.startsAt <= new Date();
  const statusLabel = (r: Registration) => labelFor(t, "gathering.status", r.status);
  const confirmed = props.rows.filter((r) => r.registration.status === "confirmed");
  return (
    <>
      {props.saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
      <h1 class="ds-heading" data-size="lg">
        {t("gathering.participantsOf", { title: g.title })}
      </h1>
      <div class="button-row">
        <ButtonLink href={`/gatherings/${g.id}/participants.csv`}>{t("gathering.downloadCsv")}</ButtonLink>
        <ButtonLink href={`/gatherings/${g.id}/participants.xlsx`}>{t("gathering.downloadXlsx")}</ButtonLink>
      </div>
      <Section id="organisations-heading" title={t("gathering.byOrganisation")}>
        <ListTable
          ctx={ctx}
          label={t("gathering.byOrganisation")}
          rows={props.byOrganisation}
          rowKey={([name]) => name}
          empty={t("gathering.noneRegistered")}
          columns={[
            { label: t("gathering.organisation"), cell: ([name]) => name || t("gathering.noOrganisation") },
            { label: t("gathering.registered"), numeric: true, cell: ([, n]) => number(n) },
          ]}
        />
      </Section>
      <Section id="list-heading" title={t("gathering.participants")}>
        <ListTable
          ctx={ctx}
          label={t("gathering.participants")}
          rows={props.rows}
          rowKey={(r) => r.registration.id}
          empty={t("gathering.noneRegistered")}
          columns={[
            { label: t("gathering.name"), cell: (r) => r.registration.name ?? t("gathering.dataRemoved") },
            { label: t("gathering.organisation"), cell: (r) => r.organisation ?? "" },
            { label: t("gathering.email"), cell: (r) => r.registration.email ?? "" },
            { label: t("gathering.statusLabel"), cell: (r) => statusLabel(r.registration) },
            ...(g.audience === "leaders"
              ? [
                  {
                    label: t("gathering.leaderRoleLabel"),
                    cell: (r: ParticipantRow) =>
                      r.registration.leaderRole ? labelFor(t, "gathering.leaderRole", r.registration.leaderRole) : "",
                  },
                ]
              : []),
            ...props.questions.map((q) => ({
              label: q.text,
              class: "prewrap",
              cell: (r: ParticipantRow) => r.registration.answers[String(q.id)] ?? "",
            })),
            { label: t("gathering.note"), class: "prewrap", cell: (r) => r.registration.note },
            { label: t("gathering.registeredAt"), cell: (r) => dateTime(r.registration.createdAt) },
          ]}
        />
      </Section>
      {g.audience === "invited" ? (
        <Section id="invitees-heading" title={t("gathering.invitees")}>
          {props.invitedNow !== undefined ? (
            <Notice kind="success">{t("gathering.invitedNow", { n: props.invitedNow })}</Notice>
          ) : null}
          <ListTable
            ctx={ctx}
            label={t("gathering.invitees")}
            rows={props.invitations}
            rowKey={(i) => i.id}
            empty={t("gathering.noInvitees")}
            columns={[
              { label: t("gathering.email"), cell: (i) => i.email ?? t("gathering.dataRemoved") },
              { label: t("gathering.invitedAt"), cell: (i) => dateTime(i.createdAt) },
              {
                label: t("gathering.statusLabel"),
                cell: (i) => (i.registrationId ? t("gathering.inviteeRegistered") : t("gathering.inviteeNotYet")),
              },
            ]}
          />
          {registrationState(g) === "open" ? (
            <Form
              ctx={ctx}
              form={{ ...props.inviteForm, idPrefix: "invite-" }}
              action={`/gatherings/${g.id}/invitations`}
              submitLabel={t("gathering.inviteSend")}
            >
              <TextArea
                name="emails"
                label={t("gathering.inviteEmails")}
                description={t("gathering.inviteHint")}
                required
                rows={5}
              />
            </Form>
          ) : null}
        </Section>
      ) : null}
      {started && confirmed.length ? (
        <Section id="attendance-heading" title={t("gathering.attendance")}>
          <Form ctx={ctx} form={props.form} action={`/gatherings/${g.id}/attendance`} submitLabel={t("common.save")}>
            <CheckboxGroup
              name="attended"
              label={t("gathering.attended")}
              options={confirmed.map((r) => ({
                value: r.registration.id,
                label: `${r.registration.name ?? t("gathering.dataRemoved")}${r.organisation ? `, ${r.organisation}` : ""}`,
              }))}
            />
          </Form>
        </Section>
      ) : null}
    </>
  );
}
