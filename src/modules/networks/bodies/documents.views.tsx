import { VISIBILITY_VALUES, type Visibility } from "../../../platform/access/visibility.ts";
import { ALLOWED_EXTENSIONS } from "../../../platform/files/files.ts";
import {
  FileField,
  Form,
  type FormState,
  ItemList,
  optionsOf,
  PostButton,
  Section,
  SelectField,
  TextField,
} from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";
import { VisibilityTag } from "../fields.tsx";

/** A body's documents: every viewer sees those they may; editors upload and delete. */
export function BodyDocuments(props: {
  ctx: PageContext;
  base: string;
  documents: { id: number; title: string; visibility: Visibility; fileName: string; size: number; createdAt: Date }[];
  canEdit: boolean;
  form: FormState;
  maxUploadMb: number;
}) {
  const { ctx, base, form } = props;
  const { t, date, number } = ctx.i18n;
  return (
    <Section id="documents-heading" title={t("documents.title")}>
      <ItemList
        items={props.documents}
        empty={t("documents.none")}
        itemKey={(d) => d.id}
        item={(d) => (
          <>
            <a class="ds-link" href={`${base}/documents/${d.id}`} download>
              {d.title}
            </a>{" "}
            <span class="summary-line">
              ({d.fileName}, {t("documents.size", { kb: number(Math.max(1, Math.round(d.size / 1024))) })}, {date(d.createdAt)})
            </span>{" "}
            <VisibilityTag t={t} visibility={d.visibility} />
            {props.canEdit ? (
              <PostButton
                ctx={ctx}
                action={`${base}/documents/${d.id}/delete`}
                label={t("documents.delete")}
                hiddenText={d.title}
                variant="tertiary"
                size="sm"
                danger
              />
            ) : null}
          </>
        )}
      />
      {props.canEdit ? (
        <>
          <h3 class="ds-heading" data-size="xs" id="add-document-heading">
            {t("documents.add")}
          </h3>
          <Form ctx={ctx} form={form} action={`${base}/documents`} submitLabel={t("documents.upload")} multipart>
            <TextField name="title" label={t("documents.docTitle")} required />
            <FileField
              name="file"
              label={t("documents.file")}
              description={t("documents.fileHint", { mb: props.maxUploadMb })}
              accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(",")}
              required
            />
            <SelectField
              name="visibility"
              label={t("documents.visibility")}
              required
              options={optionsOf(t, VISIBILITY_VALUES, "visibility")}
            />
          </Form>
        </>
      ) : null}
    </Section>
  );
}
