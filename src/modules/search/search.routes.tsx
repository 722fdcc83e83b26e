import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authorized } from "../../platform/access/page-access.ts";
import { formRoute } from "../../platform/http/form-route.ts";
import { dbId, PAGE_SIZE, pageParam, parseOrBadRequest, query } from "../../platform/http/validation.ts";
import type { AppContext } from "../../platform/module.ts";
import { emptyForm, type FormState } from "../../platform/ui/components.tsx";
import { savedNotice } from "../../platform/ui/saved-notice.tsx";
import { filterChoices, runSearch } from "./search.ts";
import { SearchPage, WordPairsPage } from "./search.views.tsx";

/** The site search over every module's records, and the administrators' word pairs. */
export function searchRoutes(app: FastifyInstance, ctx: AppContext) {
  const { services } = ctx;

  app.get("/search", { config: { policy: "public" } }, async (req, reply) => {
    const { t } = req.i18n;
    const choices = await filterChoices(ctx);
    const outcome = await runSearch(ctx, choices, req.actor, req.query);
    const values = req.query as Record<string, unknown>;
    const form: FormState = outcome.ok ? emptyForm(values) : { values, errors: outcome.errors };
    const q = outcome.ok ? outcome.params.q : String(values.q ?? "").trim();
    // A filter that names nothing known is the asker's mistake: the form says which, with what was sent
    // (a page with a form's errors answers 422, as every form does).
    return reply.page(
      <SearchPage
        ctx={req.pageContext()}
        form={form}
        choices={choices}
        result={outcome.ok ? outcome.result : null}
        q={q}
        kind={outcome.ok ? outcome.filters.kind : undefined}
        page={outcome.ok ? outcome.params.page : 1}
        url={req.url}
      />,
      {
        title: q ? t("search.titleFor", { q }) : t("search.title"),
        crumbs: [{ href: "/", label: "Samverk" }, { label: t("search.title") }],
        forms: [form],
      },
    );
  });

  const wordsQuery = query({ q: z.string().trim().max(60).optional(), page: pageParam });
  const wordsPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState) => {
    const { q = "", page } = parseOrBadRequest(wordsQuery, req.query);
    const { items, total } = await services.wordPairs.list(q, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    const title = req.i18n.t("search.words.title");
    return reply.page(
      <WordPairsPage
        ctx={req.pageContext()}
        form={form}
        q={q}
        items={items}
        total={total}
        page={page}
        limit={PAGE_SIZE}
        url={req.url}
        saved={savedNotice(req)}
      />,
      { title, crumbs: [{ href: "/", label: "Samverk" }, { label: title }], forms: [form] },
    );
  };

  formRoute(app, {
    path: "/admin/search-words",
    policy: "search.words.manage",
    show: (req, reply, form) => wordsPage(req, reply, form),
    submit: (actor, _r, body) => services.wordPairs.add(actor, body),
    done: () => "/admin/search-words?saved=1",
  });

  app.post("/admin/search-words/:id/delete", { config: { policy: "search.words.manage" } }, async (req, reply) => {
    const { actor } = authorized(req);
    await services.wordPairs.remove(actor, parseOrBadRequest(z.object({ id: dbId }), req.params).id);
    // Back to the list as it was filtered.
    const { q } = parseOrBadRequest(z.object({ q: z.string().trim().max(60).optional() }).passthrough(), req.body ?? {});
    return reply.redirect(`/admin/search-words?saved=1${q ? `&q=${encodeURIComponent(q)}` : ""}`, 303);
  });
}
