import { ALLOWED_EXTENSIONS } from "../../../platform/files/files.ts";
import { labelFor, type Translate } from "../../../platform/i18n/i18n.ts";
import {
  FileField,
  Form,
  type FormState,
  ItemList,
  Link,
  Notice,
  NumberField,
  type Option,
  PostButton,
  Section,
  SelectField,
  TableScroll,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import type { ProjectDetail } from "../projects.service.ts";
import { RELATION_KINDS, type RelationKind } from "../schema.ts";

type Resources = ProjectDetail["resources"];

/** "Builds on" seen from the project that does, "continued in" from the other. */
const relationLabel = (t: Translate, kind: RelationKind, outgoing: boolean) =>
  outgoing ? labelFor(t, "relations.kind", kind) : labelFor(t, "relations.inverse", kind);

/**
 * Funding, links, related projects and documents. Read-only on the project page; with remove
 * buttons on the page that changes them.
 */
export function ResourceLists(props: { ctx: PageContext; projectId: number; resources: Resources; removable?: boolean }) {
  const { ctx, projectId, resources, removable } = props;
  const { t, number, date } = ctx.i18n;
  const remove = (action: string, hidden: string) =>
    removable ? (
      <PostButton
        ctx={ctx}
        action={action}
        label={t("participant.remove")}
        hiddenText={hidden}
        size="sm"
        variant="tertiary"
        danger
      />
    ) : null;
  const applied = resources.funding.reduce((sum, f) => sum + f.applied, 0);
  const granted = resources.funding.reduce((sum, f) => sum + (f.granted ?? 0), 0);
  return (
    <>
      <Section id="funding-heading" title={t("funding.heading")}>
        {resources.funding.length === 0 ? (
          <p class="ds-paragraph">{t("funding.none")}</p>
        ) : (
          <TableScroll label={t("funding.heading")}>
            <table class="ds-table" data-border>
              <thead>
                <tr>
                  <th scope="col">{t("funding.source")}</th>
                  <th scope="col" class="numeric">
                    {t("funding.applied")}
                  </th>
                  <th scope="col" class="numeric">
                    {t("funding.granted")}
                  </th>
                  {removable ? <th scope="col">{t("participant.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {resources.funding.map((f) => (
                  <tr key={f.id}>
                    <th scope="row">{f.source}</th>
                    <td class="numeric">{number(f.applied)}</td>
                    <td class="numeric">{f.granted === null ? t("funding.pending") : number(f.granted)}</td>
                    {removable ? <td>{remove(`/projects/${projectId}/funding/${f.id}/delete`, f.source)}</td> : null}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("funding.total")}</th>
                  <td class="numeric">{number(applied)}</td>
                  <td class="numeric">{number(granted)}</td>
                  {removable ? <td /> : null}
                </tr>
              </tfoot>
            </table>
          </TableScroll>
        )}
      </Section>
      <Section id="links-heading" title={t("links.heading")}>
        <ItemList
          items={resources.links}
          empty={t("links.none")}
          itemKey={(l) => l.id}
          item={(l) => (
            <>
              <a class="ds-link" href={l.url} rel="noopener noreferrer">
                {l.title}
              </a>{" "}
              {remove(`/projects/${projectId}/links/${l.id}/delete`, l.title)}
            </>
          )}
        />
      </Section>
      <Section id="relations-heading" title={t("relations.heading")}>
        <ItemList
          items={resources.relations}
          empty={t("relations.none")}
          itemKey={(r) => r.id}
          item={(r) => (
            <>
              {relationLabel(t, r.kind, r.outgoing)}: <Link href={`/projects/${r.otherId}`}>{r.otherTitle}</Link>{" "}
              {remove(`/projects/${projectId}/relations/${r.id}/delete`, r.otherTitle)}
            </>
          )}
        />
      </Section>
      <Section id="documents-heading" title={t("documents.title")}>
        <ItemList
          items={resources.documents}
          empty={t("documents.none")}
          itemKey={(d) => d.id}
          item={(d) => (
            <>
              <a class="ds-link" href={`/projects/${projectId}/documents/${d.id}`} download>
                {d.title}
              </a>{" "}
              ({d.fileName}, {t("documents.size", { kb: number(Math.ceil(d.size / 1024)) })}, {date(d.createdAt)}){" "}
              {remove(`/projects/${projectId}/documents/${d.id}/delete`, d.title)}
            </>
          )}
        />
      </Section>
    </>
  );
}

export function ResourcesPage(props: {
  ctx: PageContext;
  detail: ProjectDetail;
  resources: Resources;
  forms: Record<"funding" | "link" | "relation" | "document", FormState>;
  otherProjects: Option[];
  maxUploadMb: number;
}) {
  const { ctx, detail } = props;
  const { t } = ctx.i18n;
  const id = detail.project.id;
  const funding = { ...props.forms.funding, idPrefix: "funding-" };
  const link = { ...props.forms.link, idPrefix: "link-" };
  const relation = { ...props.forms.relation, idPrefix: "relation-" };
  const document = { ...props.forms.document, idPrefix: "document-" };
  const saved = new URL(ctx.url, "http://x").searchParams.get("saved") === "1";
  return (
    <>
      {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
      <h1 class="ds-heading" data-size="lg">
        {t("resources.title")}
      </h1>
      <p class="ds-paragraph">
        <Link href={`/projects/${id}`}>{detail.project.title}</Link>
      </p>
      <ResourceLists ctx={ctx} projectId={id} resources={props.resources} removable />
      <h2 class="ds-heading" data-size="md">
        {t("funding.add")}
      </h2>
      <Form ctx={ctx} form={funding} action={`/projects/${id}/funding`} submitLabel={t("funding.add")}>
        <TextField name="source" label={t("funding.source")} description={t("funding.sourceHint")} required />
        <NumberField name="applied" label={t("funding.applied")} required />
        <NumberField name="granted" label={t("funding.granted")} description={t("funding.grantedHint")} />
      </Form>
      <h2 class="ds-heading" data-size="md">
        {t("links.add")}
      </h2>
      <Form ctx={ctx} form={link} action={`/projects/${id}/links`} submitLabel={t("links.add")}>
        <TextField name="title" label={t("links.title")} required />
        <TextField name="url" label={t("links.url")} type="url" required />
      </Form>
      <h2 class="ds-heading" data-size="md">
        {t("relations.add")}
      </h2>
      <Form ctx={ctx} form={relation} action={`/projects/${id}/relations`} submitLabel={t("relations.add")}>
        <SelectField
          name="kind"
          label={t("relations.kind")}
          required
          options={RELATION_KINDS.map((k) => ({ value: k, label: relationLabel(t, k, true) }))}
        />
        <SelectField
          name="relatedProjectId"
          label={t("relations.project")}
          required
          placeholder={t("form.choose")}
          options={props.otherProjects}
        />
      </Form>
      <h2 class="ds-heading" data-size="md">
        {t("documents.add")}
      </h2>
      <Form ctx={ctx} form={document} action={`/projects/${id}/documents`} submitLabel={t("documents.upload")} multipart>
        <TextField name="title" label={t("documents.docTitle")} required />
        <FileField
          name="file"
          label={t("documents.file")}
          description={t("documents.fileHint", { mb: props.maxUploadMb })}
          accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(",")}
          required
        />
      </Form>
    </>
  );
}
