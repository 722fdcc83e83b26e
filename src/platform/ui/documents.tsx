import type { ComponentChildren } from "preact";
import { ALLOWED_EXTENSIONS } from "../files/files.ts";
import { FileField, Form, type FormState, ItemList, PostButton, TextField } from "./components.tsx";
import type { PageContext } from "./context.ts";

/**
 * A record's documents under a heading: each a download link (with a remove button for those who
 * may), and the upload form of a title and a file. `base` is the record's documents path, for
 * example "/needs/12/documents".
 */
export function DocumentsSection(props: {
  ctx: PageContext;
  id: string;
  title: string;
  emptyText: string;
  base: string;
  documents: { id: number; title: string }[];
  canRemove: boolean;
  upload: { form: FormState; maxUploadMb: number } | null;
  /** More fields of the upload form, after the file (who may read it). */
  extraFields?: ComponentChildren;
}) {
  const { ctx, base } = props;
  const { t } = ctx.i18n;
  return (
    <section aria-labelledby={props.id}>
      <h2 class="ds-heading" data-size="md" id={props.id}>
        {props.title}
      </h2>
      <ItemList
        items={props.documents}
        empty={props.emptyText}
        itemKey={(d) => d.id}
        item={(d) => (
          <>
            <a class="ds-link" href={`${base}/${d.id}`}>
              {d.title}
            </a>{" "}
            {props.canRemove ? (
              <PostButton
                ctx={ctx}
                action={`${base}/${d.id}/delete`}
                label={t("participant.remove")}
                hiddenText={d.title}
                size="sm"
                variant="tertiary"
                danger
              />
            ) : null}
          </>
        )}
      />
      {props.upload ? (
        <Form ctx={ctx} form={props.upload.form} action={base} submitLabel={t("documents.upload")} multipart>
          <TextField t={t} form={props.upload.form} name="title" label={t("documents.docTitle")} required />
          <FileField
            t={t}
            form={props.upload.form}
            name="file"
            label={t("documents.file")}
            description={t("documents.fileHint", { mb: props.upload.maxUploadMb })}
            accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(",")}
            required
          />
          {props.extraFields}
        </Form>
      ) : null}
    </section>
  );
}
