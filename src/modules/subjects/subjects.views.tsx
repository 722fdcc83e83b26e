import type { ComponentChildren } from "preact";
import { labelFor, type Translate } from "../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  DemoTag,
  Facts,
  FilterForm,
  Form,
  FormPage,
  type FormPageProps,
  type FormState,
  ItemList,
  Link,
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
import { JOIN_POLICIES, REVIEW_VERDICTS, SUBJECT_VISIBILITIES } from "./schema.ts";
import type { SubjectMember, SubjectNetwork, SubjectQuestion, SubjectRepo, SubjectReview } from "./subjects.repo.ts";

type NoteRow = Awaited<ReturnType<SubjectRepo["notes"]>>[number];
type QuestionRow = Awaited<ReturnType<SubjectRepo["questions"]>>[number];
type ReviewRow = Awaited<ReturnType<SubjectRepo["reviews"]>>[number];
type PersonRow = Awaited<ReturnType<SubjectRepo["members"]>>[number];
type Owner = { id: number; slug: string; name: string };

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => <p class="ds-paragraph">{p}</p>);

const MembersOnly = ({ t, visibility }: { t: Translate; visibility: string }) =>
  visibility === "members" ? (
    <span class="ds-tag" data-color="warning">
      {t("subject.membersOnly")}
    </span>
  ) : null;

/** The subject networks, with which networks own each and how many take part. */
export function SubjectListPage(props: {
  ctx: PageContext;
  rows: { subject: SubjectNetwork; members: number; owners: Owner[] }[];
  mine: { subject: SubjectNetwork; member: SubjectMember }[];
  mayCreate: boolean;
}) {
  const { ctx } = props;
  const { t, number } = ctx.i18n;
  const columns: Column<(typeof props.rows)[number]>[] = [
    {
      label: t("subject.name"),
      cell: (r) => (
        <>
          <Link href={`/subject-networks/${r.subject.slug}`}>{r.subject.name}</Link>
          {r.subject.isDemo ? <DemoTag t={t} /> : null}
        </>
      ),
    },
    {
      label: t("subject.owners"),
      cell: (r) =>
        r.subject.national
          ? t("subject.national")
          : r.owners.map((o, i) => (
              <>
                {i > 0 ? ", " : null}
                <Link href={`/n/${o.slug}`}>{o.name}</Link>
              </>
            )),
    },
    { label: t("subject.joinPolicyLabel"), cell: (r) => labelFor(t, "subject.joinPolicy", r.subject.joinPolicy) },
    { label: t("subject.memberCount"), numeric: true, cell: (r) => number(r.members) },
  ];
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("subject.listTitle")}
      </h1>
      <p class="ds-paragraph">{t("subject.intro")}</p>
      <div class="button-row">
        {props.mayCreate ? (
          <ButtonLink href="/subject-networks/new" variant="primary">
            {t("subject.new")}
          </ButtonLink>
        ) : null}
        <ButtonLink href="/experience">{t("experience.searchTitle")}</ButtonLink>
        <ButtonLink href="/questions">{t("question.searchTitle")}</ButtonLink>
      </div>
      {props.mine.length ? (
        <Section id="mine-heading" title={t("subject.mine")}>
          <ItemList
            items={props.mine}
            empty=""
            itemKey={(m) => m.subject.id}
            item={(m) => (
              <>
                <Link href={`/subject-networks/${m.subject.slug}`}>{m.subject.name}</Link>
                {m.member.approved ? ` (${labelFor(t, "subject.role", m.member.role)})` : ` (${t("subject.pending")})`}
              </>
            )}
          />
        </Section>
      ) : null}
      <ListTable
        ctx={ctx}
        label={t("subject.listTitle")}
        rows={props.rows}
        rowKey={(r) => r.subject.id}
        columns={columns}
        empty={t("subject.none")}
      />
    </>
  );
}

export function SubjectFormPage(props: FormPageProps & { ownerOptions: Option[]; mayMakeNational: boolean; creating: boolean }) {
  const { t } = props.ctx.i18n;
  return (
    <FormPage {...props}>
      <TextField name="name" label={t("subject.name")} required />
      <TextArea name="mandate" label={t("subject.mandate")} description={t("subject.mandateHint")} rows={8} />
      <SelectField
        name="joinPolicy"
        label={t("subject.joinPolicyLabel")}
        options={optionsOf(t, JOIN_POLICIES, "subject.joinPolicy")}
      />
      {props.creating ? (
        <SelectField
          name="ownerNetworkId"
          label={t("subject.ownerNetwork")}
          description={t("subject.ownerNetworkHint")}
          options={props.ownerOptions}
          placeholder={props.mayMakeNational ? t("subject.noOwner") : ""}
        />
      ) : null}
      {props.mayMakeNational ? (
        <SelectField
          name="national"
          label={t("subject.nationalLabel")}
          options={[
            { value: "", label: t("common.no") },
            { value: "1", label: t("common.yes") },
          ]}
        />
      ) : null}
    </FormPage>
  );
}

/** A person's name and organisation, as listed among a subject network's people. */
/** A person as listed to those outside too: the name (never the address) and the organisation. */
const personLabel = (p: PersonRow) => [p.name, p.organisationName].filter(Boolean).join(", ") || "–";

/** A subject network's page: mandate, owners, people, and what its members write and do. */
export function SubjectPage(props: {
  ctx: PageContext;
  subject: SubjectNetwork;
  owners: Owner[];
  membership: SubjectMember | null;
  people: PersonRow[];
  /** How many take part in all, whether or not the viewer sees their names. */
  memberCount: number;
  manages: boolean;
  takesPart: boolean;
  notes: NoteRow[];
  questions: QuestionRow[];
  reviews: ReviewRow[];
  joinForm: FormState;
  ownerForm: FormState;
  documents: { id: number; title: string; visibility: string }[];
  documentForm: FormState;
  maxUploadMb: number;
  organisationOptions: Option[];
  /** Networks the viewer runs that do not own it yet. */
  addOwnerOptions: Option[];
  /** Owners the viewer's secretariat may take off. */
  removableOwners: Owner[];
  sections: ComponentChildren;
}) {
  const { ctx, subject } = props;
  const { t, number } = ctx.i18n;
  const base = `/subject-networks/${subject.slug}`;
  const coordinators = props.people.filter((p) => p.member.approved && p.member.role === "coordinator");
  const members = props.people.filter((p) => p.member.approved && p.member.role === "member");
  const pending = props.people.filter((p) => !p.member.approved);
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {subject.name} {subject.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <FollowButton ctx={ctx} />
      <Facts
        facts={[
          [
            t("subject.owners"),
            subject.national
              ? t("subject.national")
              : props.owners.map((o, i) => (
                  <>
                    {i > 0 ? ", " : null}
                    <Link href={`/n/${o.slug}`}>{o.name}</Link>
                  </>
                )),
          ],
          [t("subject.joinPolicyLabel"), labelFor(t, "subject.joinPolicy", subject.joinPolicy)],
          [t("subject.memberCount"), number(props.memberCount)],
        ]}
      />
      <Section id="mandate-heading" title={t("subject.mandate")}>
        {subject.mandate ? paragraphs(subject.mandate) : <p class="ds-paragraph">{t("subject.noMandate")}</p>}
      </Section>
      <div class="button-row">
        {props.manages ? <ButtonLink href={`${base}/edit`}>{t("subject.edit")}</ButtonLink> : null}
        {props.takesPart ? (
          <>
            <ButtonLink href={`${base}/experience/new`} variant="primary">
              {t("experience.new")}
            </ButtonLink>
            <ButtonLink href={`${base}/questions/new`}>{t("question.new")}</ButtonLink>
          </>
        ) : null}
      </div>
      <Section id="take-part-heading" title={t("subject.takePart")}>
        <JoinPanel {...props} base={base} />
      </Section>
      <Section id="people-heading" title={t("subject.people")}>
        <h3 class="ds-heading" data-size="xs">
          {t("subject.coordinators")}
        </h3>
        {/* Those who run it can make a coordinator a member again, or take them out. */}
        {props.manages && coordinators.length ? (
          <PeopleTable {...props} rows={coordinators} base={base} label={t("subject.coordinators")} />
        ) : (
          <ItemList
            items={coordinators}
            empty={t("subject.noCoordinators")}
            itemKey={(p) => p.member.userId}
            item={personLabel}
          />
        )}
        {props.takesPart ? (
          <>
            <h3 class="ds-heading" data-size="xs">
              {t("subject.members")}
            </h3>
            <PeopleTable {...props} rows={members} base={base} label={t("subject.members")} />
          </>
        ) : (
          <p class="ds-paragraph">{t("subject.peopleHidden", { n: props.memberCount - coordinators.length })}</p>
        )}
        {props.manages && pending.length ? (
          <>
            <h3 class="ds-heading" data-size="xs">
              {t("subject.pendingTitle")}
            </h3>
            <PeopleTable {...props} rows={pending} base={base} label={t("subject.pendingTitle")} />
          </>
        ) : null}
      </Section>
      <Section id="experience-heading" title={t("experience.title")}>
        <NoteList ctx={ctx} rows={props.notes} showSubject={false} />
        <ButtonLink href={`/experience?subject=${subject.slug}`}>{t("experience.all")}</ButtonLink>
      </Section>
      <DocumentsSection
        ctx={ctx}
        id="documents-heading"
        title={t("subject.documents")}
        emptyText={t("subject.noDocuments")}
        base={`${base}/documents`}
        documents={props.documents.map((d) => ({
          id: d.id,
          title: d.visibility === "members" ? `${d.title} (${t("subject.membersOnly")})` : d.title,
        }))}
        canRemove={props.manages}
        upload={props.takesPart ? { form: props.documentForm, maxUploadMb: props.maxUploadMb } : null}
        extraFields={props.takesPart ? <VisibilityField t={t} /> : null}
      />
      <Section id="reviews-heading" title={t("review.title")}>
        <ReviewList
          ctx={ctx}
          rows={props.reviews}
          reviewHref={props.manages ? (r) => `${base}/reviews/${r.id}` : null}
          showProject
        />
      </Section>
      <Section id="questions-heading" title={t("question.title")}>
        <QuestionList ctx={ctx} rows={props.questions} showSubject={false} />
        <ButtonLink href={`/questions?subject=${subject.slug}`}>{t("question.all")}</ButtonLink>
      </Section>
      {props.sections}
      {props.addOwnerOptions.length || props.removableOwners.length || props.ownerForm.errors.length ? (
        <Section id="owners-heading" title={t("subject.ownersTitle")}>
          <p class="ds-paragraph">{t("subject.ownersHint")}</p>
          {props.addOwnerOptions.length || props.ownerForm.errors.length ? (
            <Form
              ctx={ctx}
              form={{ ...props.ownerForm, idPrefix: "owner-" }}
              action={`${base}/owners`}
              submitLabel={t("subject.addOwner")}
            >
              <SelectField name="networkId" label={t("subject.ownerNetwork")} options={props.addOwnerOptions} />
            </Form>
          ) : null}
          {props.removableOwners.length ? (
            <ul class="ds-list">
              {props.removableOwners.map((o) => (
                <li key={o.id}>
                  {o.name}{" "}
                  <PostButton
                    ctx={ctx}
                    action={`${base}/owners/${o.id}/remove`}
                    label={t("subject.removeOwner")}
                    hiddenText={o.name}
                    size="sm"
                    variant="tertiary"
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}

/** Join, wait for approval, or leave. */
function JoinPanel(props: {
  ctx: PageContext;
  subject: SubjectNetwork;
  membership: SubjectMember | null;
  joinForm: FormState;
  organisationOptions: Option[];
  base: string;
}) {
  const { ctx, membership, base } = props;
  const { t } = ctx.i18n;
  if (!ctx.actor)
    return (
      <p class="ds-paragraph">
        <Link href={`/login?returnTo=${encodeURIComponent(base)}`}>{t("subject.signInToJoin")}</Link>
      </p>
    );
  if (membership)
    return (
      <div class="stack">
        <p class="ds-paragraph">
          {membership.approved
            ? t("subject.youAreIn", { role: labelFor(t, "subject.role", membership.role) })
            : t("subject.youWait")}
        </p>
        <PostButton ctx={ctx} action={`${base}/leave`} label={membership.approved ? t("subject.leave") : t("subject.withdraw")} />
      </div>
    );
  return (
    <Form
      ctx={ctx}
      form={{ ...props.joinForm, idPrefix: "join-" }}
      action={`${base}/join`}
      submitLabel={props.subject.joinPolicy === "open" ? t("subject.join") : t("subject.askToJoin")}
    >
      <SelectField
        name="organisationId"
        label={t("subject.forOrganisation")}
        options={props.organisationOptions}
        placeholder=""
      />
    </Form>
  );
}

function PeopleTable(props: { ctx: PageContext; rows: PersonRow[]; base: string; manages: boolean; label: string }) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  const action = (p: PersonRow, value: string, label: string, danger = false) => (
    <form method="post" action={`${props.base}/members/${p.member.userId}`} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <input type="hidden" name="action" value={value} />
      <button class="ds-button" data-variant="tertiary" data-size="sm" data-color={danger ? "danger" : undefined} type="submit">
        {label}
        <span class="ds-sr-only"> {p.name}</span>
      </button>
    </form>
  );
  const columns: Column<PersonRow>[] = [
    { label: t("subject.person"), cell: (p) => p.name || p.email },
    { label: t("subject.organisation"), cell: (p) => p.organisationName ?? "" },
    ...actionsColumn<PersonRow>(t, props.manages, (p) => (
      <div class="button-row">
        {!p.member.approved ? action(p, "approve", t("subject.approve")) : null}
        {p.member.approved && p.member.role === "member" ? action(p, "coordinator", t("subject.makeCoordinator")) : null}
        {p.member.approved && p.member.role === "coordinator" ? action(p, "member", t("subject.makeMember")) : null}
        {action(p, "remove", p.member.approved ? t("subject.remove") : t("subject.decline"), true)}
      </div>
    )),
  ];
  return (
    <ListTable
      ctx={ctx}
      label={props.label}
      rows={props.rows}
      rowKey={(p) => p.member.userId}
      columns={columns}
      empty={t("subject.noMembers")}
    />
  );
}

// Experience.

/** What a note is linked to, as links: a project (only when the viewer may see it), a solution, a national solution. */
function NoteLinks({ row, t, prefix = true }: { row: NoteRow; t: Translate; prefix?: boolean }) {
  const links = [
    row.note.projectId && row.projectTitle ? <Link href={`/projects/${row.note.projectId}`}>{row.projectTitle}</Link> : null,
    row.note.solutionId && row.solutionName ? <Link href={`/solutions/${row.note.solutionId}`}>{row.solutionName}</Link> : null,
    row.note.nationalSolutionId && row.nationalSolutionName ? (
      <Link href={`/roadmap/${row.note.nationalSolutionId}`}>{row.nationalSolutionName}</Link>
    ) : null,
  ].filter(Boolean);
  if (!links.length) return null;
  return (
    <>
      {prefix ? `${t("experience.about")} ` : null}
      {links.map((l, i) => (
        <>
          {i > 0 ? ", " : null}
          {l}
        </>
      ))}
    </>
  );
}

/** Experience notes as a list: title, who learned it, what it is about. */
export function NoteList(props: { ctx: PageContext; rows: NoteRow[]; showSubject: boolean }) {
  const { ctx } = props;
  const { t, date } = ctx.i18n;
  return (
    <ItemList
      items={props.rows}
      empty={t("experience.none")}
      itemKey={(r) => r.note.id}
      item={(r) => (
        <>
          <Link href={`/experience/${r.note.id}`}>{r.note.title}</Link> {r.note.isDemo ? <DemoTag t={t} /> : null}
          <MembersOnly t={t} visibility={r.note.visibility} />
          <br />
          <span class="ds-paragraph" data-size="sm">
            {[r.organisationName, date(r.note.createdAt), props.showSubject ? r.subjectName : null].filter(Boolean).join(" · ")}{" "}
            <NoteLinks row={r} t={t} />
          </span>
        </>
      )}
    />
  );
}

export function NotePage(props: { ctx: PageContext; row: NoteRow; mayEdit: boolean; showContactEmail: boolean }) {
  const { ctx, row } = props;
  const { t, date } = ctx.i18n;
  const { note } = row;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {note.title} {note.isDemo ? <DemoTag t={t} /> : null} <MembersOnly t={t} visibility={note.visibility} />
      </h1>
      <Facts
        facts={[
          [t("experience.subject"), <Link href={`/subject-networks/${row.subjectSlug}`}>{row.subjectName}</Link>],
          row.organisationName ? [t("experience.organisation"), row.organisationName] : null,
          // The contact's name is for every reader; the address for those who take part in the subject network.
          row.contactName
            ? [
                t("experience.contact"),
                props.showContactEmail && row.contactEmail ? (
                  <a class="ds-link" href={`mailto:${row.contactEmail}`}>
                    {row.contactName}
                  </a>
                ) : (
                  row.contactName
                ),
              ]
            : null,
          [t("experience.written"), `${date(note.createdAt)}, ${note.authorLabel}`],
          row.projectTitle || row.solutionName || row.nationalSolutionName
            ? [t("experience.linked"), <NoteLinks row={row} t={t} prefix={false} />]
            : null,
        ]}
      />
      <Section id="did-heading" title={t("experience.whatWeDid")}>
        {paragraphs(note.whatWeDid)}
      </Section>
      {note.cost ? (
        <Section id="cost-heading" title={t("experience.cost")}>
          {paragraphs(note.cost)}
        </Section>
      ) : null}
      {note.differently ? (
        <Section id="differently-heading" title={t("experience.differently")}>
          {paragraphs(note.differently)}
        </Section>
      ) : null}
      {props.mayEdit ? (
        <div class="button-row">
          <ButtonLink href={`/experience/${note.id}/edit`}>{t("experience.edit")}</ButtonLink>
          <PostButton ctx={ctx} action={`/experience/${note.id}/delete`} label={t("experience.delete")} danger />
        </div>
      ) : null}
    </>
  );
}

export function NoteFormPage(
  props: FormPageProps & {
    organisationOptions: Option[];
    contactOptions: Option[];
    choices: { projects: Option[]; solutions: Option[]; nationalSolutions: Option[] };
  },
) {
  const { t } = props.ctx.i18n;
  return (
    <FormPage {...props} intro={<p class="ds-paragraph">{t("experience.formIntro")}</p>}>
      <TextField name="title" label={t("experience.titleLabel")} required />
      <TextArea name="whatWeDid" label={t("experience.whatWeDid")} required rows={6} />
      <TextArea name="cost" label={t("experience.cost")} description={t("experience.costHint")} rows={3} />
      <TextArea name="differently" label={t("experience.differently")} rows={4} />
      <SelectField
        name="organisationId"
        label={t("experience.organisation")}
        options={props.organisationOptions}
        placeholder=""
      />
      <SelectField name="contactUserId" label={t("experience.contact")} options={props.contactOptions} placeholder="" />
      <SelectField name="projectId" label={t("experience.project")} options={props.choices.projects} placeholder="" />
      <SelectField name="solutionId" label={t("experience.solution")} options={props.choices.solutions} placeholder="" />
      <SelectField
        name="nationalSolutionId"
        label={t("experience.nationalSolution")}
        options={props.choices.nationalSolutions}
        placeholder=""
      />
      <VisibilityField t={t} />
    </FormPage>
  );
}

const VisibilityField = ({ t }: { t: Translate }) => (
  <SelectField
    name="visibility"
    label={t("subject.visibilityLabel")}
    description={t("subject.visibilityHint")}
    options={optionsOf(t, SUBJECT_VISIBILITIES, "subject.visibility")}
  />
);

/** Search across every subject network's experience (or one's), in Norwegian. */
export function SearchPage(props: {
  ctx: PageContext;
  title: string;
  intro: string;
  action: string;
  values: Record<string, unknown>;
  subjectOptions: Option[];
  children: ComponentChildren;
}) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph">{props.intro}</p>
      <FilterForm t={t} action={props.action} resetHref={props.action} values={props.values}>
        <TextField name="q" label={t("subject.searchWords")} type="search" />
        <SelectField name="subject" label={t("experience.subject")} options={props.subjectOptions} placeholder={t("list.all")} />
      </FilterForm>
      {props.children}
    </>
  );
}

// Reviews.

export function ReviewList(props: {
  ctx: PageContext;
  rows: ReviewRow[];
  showProject: boolean;
  /** Where a coordinator records the review, when the viewer is one. */
  reviewHref: ((r: SubjectReview) => string) | null;
}) {
  const { ctx } = props;
  const { t, date } = ctx.i18n;
  return (
    <ItemList
      items={props.rows}
      empty={t("review.none")}
      itemKey={(r) => r.review.id}
      item={(r) => {
        const rv = r.review;
        return (
          <div class="stack">
            <p class="ds-paragraph">
              <strong>
                {props.showProject ? <Link href={`/projects/${rv.projectId}`}>{r.projectTitle}</Link> : null}
                {props.showProject ? " · " : null}
                <Link href={`/subject-networks/${r.subjectSlug}`}>{r.subjectName}</Link>
              </strong>{" "}
              {rv.isDemo ? <DemoTag t={t} /> : null}
              <br />
              {rv.status === "reviewed" && rv.verdict
                ? `${labelFor(t, "review.verdict", rv.verdict)} (${date(rv.reviewedAt ?? rv.createdAt)})`
                : `${labelFor(t, "review.status", rv.status)} (${t("review.askedOn", { date: date(rv.createdAt), by: rv.requestedByLabel })})`}
            </p>
            {rv.status === "reviewed" ? (
              <Facts
                facts={[
                  [t("review.findings"), rv.findings],
                  rv.recommendations ? [t("review.recommendations"), rv.recommendations] : null,
                ]}
              />
            ) : null}
            {props.reviewHref && rv.status === "requested" ? (
              <ButtonLink href={props.reviewHref(rv)}>{t("review.record")}</ButtonLink>
            ) : null}
          </div>
        );
      }}
    />
  );
}

export function ReviewFormPage(props: FormPageProps & { review: SubjectReview; projectTitle: string }) {
  const { t } = props.ctx.i18n;
  return (
    <FormPage
      {...props}
      intro={
        <Facts
          facts={[
            [t("review.project"), <Link href={`/projects/${props.review.projectId}`}>{props.projectTitle}</Link>],
            [t("review.request"), props.review.request],
            [t("review.askedBy"), props.review.requestedByLabel],
          ]}
        />
      }
    >
      <SelectField
        name="outcome"
        label={t("review.outcome")}
        options={[
          { value: "reviewed", label: t("review.status.reviewed") },
          { value: "declined", label: t("review.status.declined") },
        ]}
      />
      <SelectField
        name="verdict"
        label={t("review.verdictLabel")}
        description={t("review.requiredWhenReviewed")}
        required
        options={optionsOf(t, REVIEW_VERDICTS, "review.verdict")}
        placeholder=""
      />
      <TextArea name="findings" label={t("review.findings")} description={t("review.requiredWhenReviewed")} required rows={6} />
      <TextArea name="recommendations" label={t("review.recommendations")} rows={4} />
    </FormPage>
  );
}

/** On a project's page: its reviews, and for those who run it a link to ask a subject network for one. */
export function ProjectReviews(props: { ctx: PageContext; projectId: number; rows: ReviewRow[]; mayAsk: boolean }) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <Section id="project-reviews-heading" title={t("review.title")}>
      <ReviewList ctx={ctx} rows={props.rows} showProject={false} reviewHref={null} />
      {props.mayAsk ? <ButtonLink href={`/projects/${props.projectId}/reviews`}>{t("review.ask")}</ButtonLink> : null}
    </Section>
  );
}

/** Asking a subject network to review a project. */
export function ReviewRequestPage(props: FormPageProps & { subjectOptions: Option[] }) {
  const { t } = props.ctx.i18n;
  return (
    <FormPage {...props} submitLabel={t("review.send")} intro={<p class="ds-paragraph">{t("review.askIntro")}</p>}>
      <SelectField
        name="subjectNetworkId"
        label={t("review.subjectNetwork")}
        options={props.subjectOptions}
        placeholder=""
        required
      />
      <TextArea name="request" label={t("review.request")} description={t("review.requestHint")} required rows={5} />
    </FormPage>
  );
}

// Questions.

export function QuestionList(props: { ctx: PageContext; rows: QuestionRow[]; showSubject: boolean }) {
  const { ctx } = props;
  const { t, date } = ctx.i18n;
  return (
    <ItemList
      items={props.rows}
      empty={t("question.none")}
      itemKey={(r) => r.question.id}
      item={(r) => (
        <>
          <Link href={`/questions/${r.question.id}`}>{r.question.title}</Link> {r.question.isDemo ? <DemoTag t={t} /> : null}
          <MembersOnly t={t} visibility={r.question.visibility} />
          <br />
          <span class="ds-paragraph" data-size="sm">
            {[
              r.organisationName,
              date(r.question.createdAt),
              props.showSubject ? r.subjectName : null,
              t("question.answerCount", { n: r.answers }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </span>
        </>
      )}
    />
  );
}

export function QuestionPage(props: {
  ctx: PageContext;
  subject: SubjectNetwork;
  question: SubjectQuestion;
  answers: { id: number; body: string; authorLabel: string; createdAt: Date }[];
  answerForm: FormState | null;
}) {
  const { ctx, question } = props;
  const { t, date } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {question.title} {question.isDemo ? <DemoTag t={t} /> : null} <MembersOnly t={t} visibility={question.visibility} />
      </h1>
      <Facts
        facts={[
          [t("experience.subject"), <Link href={`/subject-networks/${props.subject.slug}`}>{props.subject.name}</Link>],
          [t("question.asked"), `${date(question.createdAt)}, ${question.askedByLabel}`],
        ]}
      />
      {paragraphs(question.body)}
      <Section id="answers-heading" title={t("question.answers")}>
        <ItemList
          items={props.answers}
          empty={t("question.noAnswers")}
          itemKey={(a) => a.id}
          item={(a) => (
            <div class="stack">
              {paragraphs(a.body)}
              <p class="ds-paragraph" data-size="sm">
                {a.authorLabel}, {date(a.createdAt)}
              </p>
            </div>
          )}
        />
        {props.answerForm ? (
          <Form
            ctx={ctx}
            form={props.answerForm}
            action={`/questions/${question.id}/answers`}
            submitLabel={t("question.answer")}
            keepsDrafts
          >
            <TextArea name="body" label={t("question.yourAnswer")} required rows={6} />
          </Form>
        ) : null}
      </Section>
    </>
  );
}

export function QuestionFormPage(props: FormPageProps & { organisationOptions: Option[] }) {
  const { t } = props.ctx.i18n;
  return (
    <FormPage {...props}>
      <TextField name="title" label={t("question.titleLabel")} required />
      <TextArea name="body" label={t("question.body")} rows={6} />
      <SelectField
        name="organisationId"
        label={t("experience.organisation")}
        options={props.organisationOptions}
        placeholder=""
      />
      <VisibilityField t={t} />
    </FormPage>
  );
}
