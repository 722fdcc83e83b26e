import { TableScroll } from "./components.tsx";
import type { PageContext } from "./context.ts";

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, unknown>;
  security?: unknown[];
}

/** The OpenAPI document as a readable, accessible page; the JSON stays the source. */
export function ApiDocsPage({
  ctx,
  document,
}: {
  ctx: PageContext;
  document: { paths: Record<string, Record<string, unknown>> };
}) {
  const { t } = ctx.i18n;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op: op as Operation })),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags[0] ?? ""))];
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("apiDocs.title")}
      </h1>
      <p class="ds-paragraph">{t("apiDocs.intro")}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/api/openapi.json">
          {t("apiDocs.download")}
        </a>
      </p>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 class="ds-heading" data-size="md" id={`tag-${tag}`}>
            {tag}
          </h2>
          {operations
            .filter((o) => o.op.tags[0] === tag)
            .map(({ path, method, op }) => (
              <details class="ds-details api-operation" key={op.operationId}>
                <summary>
                  <code>
                    {method} {path}
                  </code>{" "}
                  {op.summary}
                  {op.security ? ` (${t("apiDocs.needsLogin")})` : ""}
                </summary>
                <div>
                  {op.parameters?.length ? (
                    <TableScroll label={t("apiDocs.parameters")}>
                      <table class="ds-table" data-size="sm">
                        <caption>{t("apiDocs.parameters")}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t("apiDocs.name")}</th>
                            <th scope="col">{t("apiDocs.in")}</th>
                            <th scope="col">{t("apiDocs.required")}</th>
                            <th scope="col">{t("apiDocs.schema")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {op.parameters.map((p) => (
                            <tr key={p.name}>
                              <td>
                                <code>{p.name}</code>
                              </td>
                              <td>{p.in}</td>
                              <td>{p.required ? t("common.yes") : t("common.no")}</td>
                              <td>
                                <code>{JSON.stringify(p.schema)}</code>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </TableScroll>
                  ) : null}
                  {op.requestBody ? (
                    <>
                      <h3 class="ds-heading" data-size="2xs">
                        {t("apiDocs.body")}
                      </h3>
                      <pre class="api-schema">{JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}</pre>
                    </>
                  ) : null}
                  <h3 class="ds-heading" data-size="2xs">
                    {t("apiDocs.responses")}
                  </h3>
                  <p class="ds-paragraph">{Object.keys(op.responses).join(", ")}</p>
                </div>
              </details>
            ))}
        </section>
      ))}
    </>
  );
}
