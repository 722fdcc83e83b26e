import {
  ButtonLink,
  Facts,
  Form,
  FormPage,
  type FormPageProps,
  type FormState,
  Link,
  Notice,
  type Option,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TableScroll,
  TextArea,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { DocumentsSection } from "../../../platform/ui/documents.tsx";
import { PROJECT_KINDS } from "../../projects/index.ts";
import { OutcomeTag, outcomeLabel } from "../decisions/decisions.views.tsx";
import { OUTCOMES } from "../schema.ts";
import { meetingHasStarted } from "./held.ts";
import type { Decision } from "./meetings.repo.ts";
import type { MeetingService } from "./meetings.service.ts";

type MeetingList = Awaited<ReturnType<MeetingService["list"]>>;
type Detail = Awaited<ReturnType<MeetingService["get"]>>;

export function MeetingsPage(props: {
  ctx: PageContext;
  network: { slug: string; name: string };
  meetings: MeetingList;
  canCreate: boolean;
}) {
  const { ctx, network } = props;
  const { t, date, number } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("meeting.listTitle", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("meeting.listIntro")}</p>
      <div class="button-row">
        {props.canCreate ? <ButtonLink href={`/n/${network.slug}/meetings/new`}>{t("meeting.new")}</ButtonLink> : null}
        <ButtonLink href={`/n/${network.slug}/decisions`} variant="tertiary">
          {t("decision.register")}
        </ButtonLink>
        <ButtonLink href={`/n/${network.slug}/priorities`} variant="tertiary">
          {t("priority.title")}
        </ButtonLink>
        <ButtonLink href={`/n/${network.slug}/meetings/calendar.ics`} variant="tertiary">
          {t("meeting.subscribe")}
        </ButtonLink>
      </div>
      {props.meetings.length === 0 ? (
        <Notice>{t("meeting.none")}</Notice>
      ) : (
        <TableScroll label={t("meeting.listTitle", { network: network.name })}>
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("meeting.date")}</th>
                <th scope="col">{t("meeting.title")}</th>
                <th scope="col">{t("meeting.body")}</th>
                <th scope="col">{t("meeting.items")}</th>
                <th scope="col">{t("meeting.minutes")}</th>
              </tr>
            </thead>
            <tbody>
              {props.meetings.map((m) => (
                <tr key={m.meeting.id}>
                  <td>{date(m.meeting.meetingDate)}</td>
                  <th scope="row">
                    <Link href={`/meetings/${m.meeting.id}`}>{m.meeting.title}</Link>
                  </th>
                  <td>{m.bodyName}</td>
                  <td class="numeric">{number(m.items)}</td>
                  <td>{m.meeting.minutesApprovedAt ? t("meeting.approved") : t("meeting.notApproved")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function MeetingFormPage(
  props: FormPageProps & {
    bodies: Option[];
  },
) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <FormPage {...props}>
      <TextField name="title" label={t("meeting.title")} required />
      <SelectField name="bodyId" label={t("meeting.body")} required options={props.bodies} />
      <TextField name="meetingDate" label={t("meeting.date")} type="date" width="short" required />
      <TextField name="startTime" label={t("meeting.time")} description={t("meeting.timeHint")} width="short" />
      <TextField name="place" label={t("meeting.place")} />
      <TextField name="link" label={t("meeting.link")} description={t("meeting.linkHint")} type="url" />
      <SelectField
        name="visibility"
        label={t("meeting.visibility")}
        options={[
          { value: "public", label: t("visibility.public") },
          { value: "network", label: t("visibility.network") },
          { value: "body", label: t("visibility.body") },
        ]}
      />
    </FormPage>
  );
}

/** One agenda item's decision, or the form to record it. */
function ItemDecision(props: {
  ctx: PageContext;
  meetingId: number;
  item: Detail["items"][number];
  canManage: boolean;
  form: FormState;
  earlier: Option[];
  /** When the meeting starts, if it has not yet: no decision can be recorded before. */
  notHeld: string | null;
}) {
  const { ctx, item, meetingId } = props;
  const { t, date } = ctx.i18n;
  const d: Decision | null = item.decision;
  if (d)
    return (
      <div class="decision">
        <p class="ds-paragraph">
          <strong>{t("decision.decision")}:</strong> <OutcomeTag t={t} outcome={d.outcome} /> {date(d.decidedOn)}
          {d.isPublic ? null : <> · {t("decision.notPublic")}</>}
        </p>
        <p class="ds-paragraph prewrap">{d.text}</p>
        {d.projectId ? (
          <p class="ds-paragraph">
            <Link href={`/projects/${d.projectId}`}>{t("decision.toProject")}</Link>
          </p>
        ) : null}
        {props.canManage ? (
          <PostButton
            ctx={ctx}
            action={`/meetings/${meetingId}/decisions/${d.id}/delete`}
            label={t("decision.remove")}
            hiddenText={item.item.title}
            size="sm"
            variant="tertiary"
            danger
          />
        ) : null}
      </div>
    );
  if (item.hiddenDecision) return <p class="ds-paragraph">{t("decision.hidden")}</p>;
  if (!props.canManage) return <p class="ds-paragraph">{t("decision.none")}</p>;
  if (props.notHeld) return <p class="ds-paragraph">{t("meeting.notHeldYet", { start: props.notHeld })}</p>;
  const form = { ...props.form, idPrefix: `item${item.item.id}-` };
  return (
    <details class="decision-form" open={form.errors.length > 0}>
      <summary>{t("decision.record")}</summary>
      <Form ctx={ctx} form={form} action={`/meetings/${meetingId}/decisions`} submitLabel={t("decision.save")}>
        <input type="hidden" name="agendaItemId" value={String(item.item.id)} />
        <TextArea name="text" label={t("decision.text")} required />
        <SelectField
          name="outcome"
          label={t("decision.outcome")}
          required
          placeholder={t("form.choose")}
          options={optionsOf(t, OUTCOMES, outcomeLabel)}
        />
        {item.item.needId ? (
          <SelectField
            name="projectKind"
            label={t("decision.projectKind")}
            description={t("decision.projectKindHint")}
            options={optionsOf(t, PROJECT_KINDS, "project.kind")}
          />
        ) : null}
        <TextField name="decidedOn" label={t("decision.date")} type="date" width="short" required />
        <SelectField
          name="isPublic"
          label={t("decision.publicity")}
          options={[
            { value: "1", label: t("decision.public") },
            { value: "0", label: t("decision.notPublic") },
          ]}
        />
        {props.earlier.length ? (
          <SelectField
            name="supersedesId"
            label={t("decision.supersedes")}
            placeholder={t("decision.supersedesNone")}
            options={props.earlier}
          />
        ) : null}
      </Form>
    </details>
  );
}

/** What an agenda item is about (a need, a project, a paper), as a link. */
function AboutLink(props: { label: string; href: string; title: string | null }) {
  return (
    <li>
      {props.label} <Link href={props.href}>{props.title}</Link>
    </li>
  );
}

export function MeetingPage(props: {
  ctx: PageContext;
  detail: Detail;
  canManage: boolean;
  decisionForm: { itemId: number; form: FormState } | null;
  itemForm: FormState;
  paperForm: FormState;
  minutesForm: FormState;
  needOptions: Option[];
  projectOptions: Option[];
  earlier: Record<number, Option[]>;
  maxUploadMb: number;
}) {
  const { ctx, detail } = props;
  const { meeting } = detail;
  const { t, date, dateTime } = ctx.i18n;
  const approved = meeting.minutesApprovedAt !== null;
  const canManage = props.canManage && !approved;
  const defaultDecision = { decidedOn: meeting.meetingDate, isPublic: "1", projectKind: "regional" };
  const notHeld = meetingHasStarted(meeting)
    ? null
    : `${date(meeting.meetingDate)}${meeting.startTime ? ` ${t("meeting.at")} ${meeting.startTime}` : ""}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {meeting.title}
      </h1>
      <Facts
        facts={[
          [t("meeting.body"), detail.bodyName],
          [
            t("meeting.date"),
            `${date(meeting.meetingDate)}${meeting.startTime ? ` ${t("meeting.at")} ${meeting.startTime}` : ""}`,
          ],
          meeting.place ? [t("meeting.place"), meeting.place] : null,
          meeting.link
            ? [
                t("meeting.link"),
                <a class="ds-link" href={meeting.link} rel="noopener noreferrer">
                  {meeting.link}
                </a>,
              ]
            : null,
          [
            t("meeting.minutes"),
            approved
              ? t("meeting.approvedBy", { who: meeting.minutesApprovedByLabel ?? "", when: dateTime(meeting.minutesApprovedAt) })
              : t("meeting.notApproved"),
          ],
        ]}
      />
      <div class="button-row">
        {canManage ? <ButtonLink href={`/meetings/${meeting.id}/edit`}>{t("meeting.edit")}</ButtonLink> : null}
        <ButtonLink href={`/meetings/${meeting.id}/papers`} variant="tertiary">
          {t("meeting.printPapers")}
        </ButtonLink>
        <ButtonLink href={`/meetings/${meeting.id}/minutes`} variant="tertiary">
          {t("meeting.printMinutes")}
        </ButtonLink>
      </div>
      {approved && props.canManage ? <Notice>{t("meeting.approvedNotice")}</Notice> : null}

      <Section id="agenda-heading" title={t("meeting.agenda")}>
        {detail.items.length === 0 ? <p class="ds-paragraph">{t("meeting.noItems")}</p> : null}
        {detail.items.map((i) => (
          <article class="agenda-item" key={i.item.id} aria-labelledby={`item-${i.item.id}`}>
            <h3 class="ds-heading" data-size="sm" id={`item-${i.item.id}`}>
              {t("meeting.itemNumber", { n: i.item.number })}: {i.item.title}
            </h3>
            <ul class="plain-list">
              {i.item.needId ? (
                <AboutLink label={t("meeting.aboutNeed")} href={`/needs/${i.item.needId}`} title={i.needTitle} />
              ) : null}
              {i.item.projectId ? (
                <AboutLink label={t("meeting.aboutProject")} href={`/projects/${i.item.projectId}`} title={i.projectTitle} />
              ) : null}
              {i.item.documentId ? (
                <AboutLink
                  label={t("meeting.paper")}
                  href={`/meetings/${meeting.id}/documents/${i.item.documentId}`}
                  title={i.documentTitle}
                />
              ) : null}
            </ul>
            {i.item.description ? <p class="ds-paragraph prewrap">{i.item.description}</p> : null}
            <ItemDecision
              ctx={ctx}
              meetingId={meeting.id}
              item={i}
              canManage={canManage}
              form={props.decisionForm?.itemId === i.item.id ? props.decisionForm.form : { values: defaultDecision, errors: [] }}
              earlier={props.earlier[i.item.id] ?? []}
              notHeld={notHeld}
            />
            {canManage && !i.decision ? (
              <PostButton
                ctx={ctx}
                action={`/meetings/${meeting.id}/items/${i.item.id}/delete`}
                label={t("meeting.removeItem")}
                hiddenText={i.item.title}
                size="sm"
                variant="tertiary"
                danger
              />
            ) : null}
          </article>
        ))}
        {canManage ? (
          <>
            <h3 class="ds-heading" data-size="sm">
              {t("meeting.addItem")}
            </h3>
            <Form
              ctx={ctx}
              form={{ ...props.itemForm, idPrefix: "item-" }}
              action={`/meetings/${meeting.id}/items`}
              submitLabel={t("meeting.addItem")}
            >
              <TextField name="title" label={t("meeting.itemTitle")} required />
              <TextArea name="description" label={t("meeting.itemDescription")} rows={5} />
              <SelectField
                name="needId"
                label={t("meeting.itemNeed")}
                placeholder={t("meeting.noneChosen")}
                options={props.needOptions}
              />
              <SelectField
                name="projectId"
                label={t("meeting.itemProject")}
                placeholder={t("meeting.noneChosen")}
                options={props.projectOptions}
              />
              {detail.documents.length ? (
                <SelectField
                  name="documentId"
                  label={t("meeting.itemPaper")}
                  placeholder={t("meeting.noneChosen")}
                  options={detail.documents.map((d) => ({ value: d.id, label: d.title }))}
                />
              ) : null}
            </Form>
          </>
        ) : null}
      </Section>

      <DocumentsSection
        ctx={ctx}
        id="papers-heading"
        title={t("meeting.papers")}
        emptyText={t("meeting.noPapers")}
        base={`/meetings/${meeting.id}/documents`}
        documents={detail.documents}
        canRemove={canManage}
        upload={canManage ? { form: { ...props.paperForm, idPrefix: "paper-" }, maxUploadMb: props.maxUploadMb } : null}
      />

      <Section id="minutes-heading" title={t("meeting.minutes")}>
        {meeting.minutesNote ? <p class="ds-paragraph prewrap">{meeting.minutesNote}</p> : null}
        {canManage ? (
          <>
            <Form
              ctx={ctx}
              form={{ ...props.minutesForm, idPrefix: "minutes-" }}
              action={`/meetings/${meeting.id}/minutes`}
              submitLabel={t("meeting.saveMinutes")}
            >
              <TextArea name="minutesNote" label={t("meeting.minutesNote")} description={t("meeting.minutesNoteHint")} rows={5} />
            </Form>
            <p class="ds-paragraph">{t("meeting.approveHint")}</p>
            <PostButton ctx={ctx} action={`/meetings/${meeting.id}/approve`} label={t("meeting.approve")} variant="primary" />
          </>
        ) : null}
      </Section>
    </>
  );
}

/** The invitation and agenda with the case presentations, for printing (innkalling og saksliste). */
export function PapersPage({ ctx, detail }: { ctx: PageContext; detail: Detail }) {
  const { meeting } = detail;
  const { t, date } = ctx.i18n;
  return (
    <article class="print-document">
      <h1 class="ds-heading" data-size="lg">
        {t("meeting.invitation", { body: detail.bodyName })}
      </h1>
      <p class="ds-paragraph lead">{meeting.title}</p>
      <p class="ds-paragraph">
        {date(meeting.meetingDate)}
        {meeting.startTime ? ` ${t("meeting.at")} ${meeting.startTime}` : ""}
        {meeting.place ? `, ${meeting.place}` : ""}
        {meeting.link ? `, ${meeting.link}` : ""}
      </p>
      <h2 class="ds-heading" data-size="md">
        {t("meeting.agenda")}
      </h2>
      <ol class="plain-list">
        {detail.items.map((i) => (
          <li key={i.item.id}>
            {t("meeting.itemNumber", { n: i.item.number })}: {i.item.title}
          </li>
        ))}
      </ol>
      {detail.items.map((i) => (
        <section key={i.item.id}>
          <h2 class="ds-heading" data-size="sm">
            {t("meeting.itemNumber", { n: i.item.number })}: {i.item.title}
          </h2>
          {i.needTitle ? (
            <p class="ds-paragraph">
              {t("meeting.aboutNeed")} {i.needTitle}
            </p>
          ) : null}
          {i.projectTitle ? (
            <p class="ds-paragraph">
              {t("meeting.aboutProject")} {i.projectTitle}
            </p>
          ) : null}
          {i.documentTitle ? (
            <p class="ds-paragraph">
              {t("meeting.paper")} {i.documentTitle}
            </p>
          ) : null}
          <p class="ds-paragraph prewrap">{i.item.description}</p>
        </section>
      ))}
      {detail.documents.length ? (
        <>
          <h2 class="ds-heading" data-size="md">
            {t("meeting.papers")}
          </h2>
          <ul class="ds-list">
            {detail.documents.map((d) => (
              <li key={d.id}>{d.title}</li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}

/** The minutes (protokoll): one decision per item, and whether they are approved. */
export function MinutesPage({ ctx, detail }: { ctx: PageContext; detail: Detail }) {
  const { meeting } = detail;
  const { t, date, dateTime } = ctx.i18n;
  return (
    <article class="print-document">
      <h1 class="ds-heading" data-size="lg">
        {t("meeting.minutesOf", { body: detail.bodyName })}
      </h1>
      <p class="ds-paragraph lead">{meeting.title}</p>
      <p class="ds-paragraph">
        {date(meeting.meetingDate)}
        {meeting.place ? `, ${meeting.place}` : ""}
      </p>
      <p class="ds-paragraph">
        <strong>
          {meeting.minutesApprovedAt
            ? t("meeting.approvedBy", { who: meeting.minutesApprovedByLabel ?? "", when: dateTime(meeting.minutesApprovedAt) })
            : t("meeting.draftMinutes")}
        </strong>
      </p>
      {meeting.minutesNote ? <p class="ds-paragraph prewrap">{meeting.minutesNote}</p> : null}
      {detail.items.map((i) => (
        <section key={i.item.id}>
          <h2 class="ds-heading" data-size="sm">
            {t("meeting.itemNumber", { n: i.item.number })}: {i.item.title}
          </h2>
          {i.decision ? (
            <>
              <p class="ds-paragraph">
                <strong>{t("decision.decision")}</strong> ({outcomeLabel(t, i.decision.outcome).toLowerCase()},{" "}
                {date(i.decision.decidedOn)}):
              </p>
              <p class="ds-paragraph prewrap">{i.decision.text}</p>
            </>
          ) : (
            <p class="ds-paragraph">{i.hiddenDecision ? t("decision.hidden") : t("decision.none")}</p>
          )}
        </section>
      ))}
    </article>
  );
}
