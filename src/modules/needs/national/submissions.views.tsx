import { labelFor } from "../../../platform/i18n/i18n.ts";
import {
  ButtonLink,
  CheckboxGroup,
  DemoTag,
  Facts,
  Form,
  FormPage,
  type FormPageProps,
  type FormState,
  Link,
  LinkList,
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
import { ListTable } from "../../../platform/ui/list-page.tsx";
import { RECIPIENT_KINDS, SUBMISSION_VISIBILITIES } from "../schema.ts";
import { recipientKindLabel, recipientOf } from "./labels.ts";
import type { Submission } from "./submissions.repo.ts";
import type { SubmissionService } from "./submissions.service.ts";

type Item = Awaited<ReturnType<SubmissionService["items"]>>[number];

/** A network's submissions to national bodies, latest first. */
export function SubmissionsPage(props: {
  ctx: PageContext;
  network: { slug: string; name: string };
  submissions: Submission[];
  canManage: boolean;
}) {
  const { ctx, network } = props;
  const { t, date } = ctx.i18n;
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("submission.listTitle", { network: network.name })}
      </h1>
      <p class="ds-paragraph">{t("submission.listIntro")}</p>
      <div class="button-row">
        {props.canManage ? (
          <ButtonLink href={`/n/${network.slug}/needs/submissions/new`} variant="primary">
            {t("submission.new")}
          </ButtonLink>
        ) : null}
        <ButtonLink href={`/needs?network=${network.slug}`}>{t("submission.networkNeeds")}</ButtonLink>
        <ButtonLink href="/needs/national">{t("national.title")}</ButtonLink>
      </div>
      <ListTable
        ctx={ctx}
        label={t("submission.listTitle", { network: network.name })}
        rows={props.submissions}
        rowKey={(s) => s.id}
        empty={t("submission.none")}
        columns={[
          {
            label: t("submission.title"),
            cell: (s) => (
              <>
                <Link href={`/needs/submissions/${s.id}`}>{s.title}</Link> {s.isDemo ? <DemoTag t={t} /> : null}
              </>
            ),
          },
          { label: t("submission.recipient"), cell: (s) => recipientOf(t, s) },
          { label: t("submission.sentOn"), cell: (s) => date(s.sentOn) },
          {
            label: t("submission.answer"),
            cell: (s) => (s.answeredOn ? t("submission.answeredOn", { date: date(s.answeredOn) }) : t("submission.noAnswer")),
          },
          { label: t("submission.visibility"), cell: (s) => labelFor(t, "visibility", s.visibility) },
        ]}
      />
    </>
  );
}

/** The form of a new or changed submission: to whom, what, when, who reads it, and the network's needs to pass on. */
export function SubmissionFormPage(
  props: FormPageProps & {
    networkName: string;
    needs: Option[];
    /** Where a submission that exists is deleted, below its form. */
    deleteAction?: string;
  },
) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <>
      <FormPage {...props} intro={<p class="ds-paragraph">{t("submission.formIntro", { network: props.networkName })}</p>}>
        <SelectField
          name="recipientKind"
          label={t("submission.recipientKind")}
          required
          placeholder={t("form.choose")}
          options={optionsOf(t, RECIPIENT_KINDS, recipientKindLabel)}
        />
        <TextField name="recipientName" label={t("submission.recipientName")} description={t("submission.recipientNameHint")} />
        <TextField name="title" label={t("submission.title")} required />
        <TextArea name="coverNote" label={t("submission.coverNote")} description={t("submission.coverNoteHint")} rows={8} />
        <TextField name="sentOn" label={t("submission.sentOn")} type="date" width="short" required />
        <SelectField
          name="visibility"
          label={t("submission.visibility")}
          description={t("submission.visibilityHint")}
          options={SUBMISSION_VISIBILITIES.map((v) => ({ value: v, label: labelFor(t, "visibility", v) }))}
        />
        {props.needs.length ? (
          <CheckboxGroup
            name="needIds"
            label={t("submission.needs")}
            description={t("submission.needsHint")}
            options={props.needs}
          />
        ) : (
          <Notice>{t("submission.noNeeds")}</Notice>
        )}
      </FormPage>
      {props.deleteAction ? (
        <Section id="delete-heading" title={t("submission.deleteHeading")}>
          <p class="ds-paragraph">{t("submission.deleteHint")}</p>
          <PostButton ctx={ctx} action={props.deleteAction} label={t("submission.delete")} danger />
        </Section>
      ) : null}
    </>
  );
}

/** A submission as it was sent, printable, with the answer received and (for the secretariat) the forms. */
export function SubmissionPage(props: {
  ctx: PageContext;
  submission: Submission;
  network: { slug: string; name: string };
  items: Item[];
  canManage: boolean;
  answerForm: FormState;
}) {
  const { ctx, submission: s, network, items } = props;
  const { t, date } = ctx.i18n;
  const base = `/needs/submissions/${s.id}`;
  return (
    <article class="print-document">
      <h1 class="ds-heading" data-size="lg">
        {s.title} {s.isDemo ? <DemoTag t={t} /> : null}
      </h1>
      <Facts
        facts={[
          [t("submission.from"), network.name],
          [t("submission.recipient"), recipientOf(t, s)],
          [t("submission.sentOn"), date(s.sentOn)],
          [t("submission.needCount"), t("submission.needsN", { n: items.length })],
          [t("submission.visibility"), labelFor(t, "visibility", s.visibility)],
        ]}
      />
      <p class="ds-paragraph no-print">
        <LinkList
          links={[
            { href: `${base}/needs.csv`, label: t("submission.downloadCsv"), download: true },
            { href: `${base}/needs.xlsx`, label: t("submission.downloadXlsx"), download: true },
            { href: `/n/${network.slug}/needs/submissions`, label: t("submission.allOfNetwork") },
          ]}
        />
      </p>
      {props.canManage ? (
        <div class="button-row">
          <ButtonLink href={`${base}/edit`}>{t("submission.edit")}</ButtonLink>
        </div>
      ) : null}
      {s.coverNote ? (
        <Section id="cover-heading" title={t("submission.coverNote")}>
          <p class="ds-paragraph prewrap">{s.coverNote}</p>
        </Section>
      ) : null}
      <Section id="needs-heading" title={t("submission.needs")}>
        {items.length === 0 ? <p class="ds-paragraph">{t("submission.noItems")}</p> : null}
        <ol class="ds-list">
          {items.map((i) => (
            <li key={i.needId}>
              <h3 class="ds-heading" data-size="xs">
                {i.title}
              </h3>
              <p class="ds-paragraph prewrap">{i.problem}</p>
              <p class="ds-paragraph" data-size="sm">
                {i.organisationName ? `${t("need.organisation")}: ${i.organisationName}. ` : null}
                {i.asSent ? t("submission.asSent") : t("submission.asNow")}
                {i.visible ? (
                  <span class="no-print">
                    {" "}
                    <Link href={`/needs/${i.needId}`}>{t("submission.toNeed")}</Link>
                  </span>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      </Section>
      <Section id="answer-heading" title={t("submission.answer")}>
        {s.answeredOn ? (
          <>
            <p class="ds-paragraph">{t("submission.answeredOn", { date: date(s.answeredOn) })}</p>
            <p class="ds-paragraph prewrap">{s.answer}</p>
          </>
        ) : (
          <p class="ds-paragraph">{t("submission.noAnswer")}</p>
        )}
        {props.canManage ? (
          <div class="no-print">
            <h3 class="ds-heading" data-size="xs">
              {s.answeredOn ? t("submission.changeAnswer") : t("submission.recordAnswer")}
            </h3>
            <Form
              ctx={ctx}
              form={{ ...props.answerForm, idPrefix: "answer-" }}
              action={`${base}/answer`}
              submitLabel={t("submission.saveAnswer")}
            >
              <TextArea name="answer" label={t("submission.answerText")} required rows={6} />
              <TextField name="answeredOn" label={t("submission.answeredOnLabel")} type="date" width="short" required />
            </Form>
          </div>
        ) : null}
      </Section>
    </article>
  );
}
