import { ALLOWED_EXTENSIONS } from "../../../platform/files/files.ts";
import { FileField, Form, type FormState } from "../../../platform/ui/components.tsx";
import type { PageContext } from "../../../platform/ui/context.ts";

/** Uploading the strategy's document as adopted, or replacing it, folded under the strategy's facts. */
export function DocumentUpload(props: {
  ctx: PageContext;
  strategyId: number;
  hasDocument: boolean;
  form: FormState;
  maxUploadMb: number;
}) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  const form = { ...props.form, idPrefix: "document-" };
  return (
    <details class="no-print" open={form.errors.length > 0}>
      <summary>{props.hasDocument ? t("strategy.replaceDocument") : t("strategy.uploadDocument")}</summary>
      <Form
        ctx={ctx}
        form={form}
        action={`/strategies/${props.strategyId}/document`}
        submitLabel={t("documents.upload")}
        multipart
      >
        <FileField
          name="file"
          label={t("documents.file")}
          description={t("documents.fileHint", { mb: props.maxUploadMb })}
          accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(",")}
          required
        />
      </Form>
    </details>
  );
}
