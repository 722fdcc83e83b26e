import type { FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../platform/access/page-access.ts";
import { parseOrBadRequest } from "../../platform/http/validation.ts";
import type { AppContext, ModuleServices } from "../../platform/module.ts";
import { emptyForm, type FormState } from "../../platform/ui/components.tsx";
import { savedNotice } from "../../platform/ui/saved-notice.tsx";
import { NeedPage } from "./needs.views.tsx";
import { needParams } from "./params.ts";

/** The forms of a need's page, each coming back with its own input and errors. */
export type NeedForms = Partial<
  Record<"support" | "document" | "merge" | "move" | "split" | "nationalLink" | "nationalStart", FormState>
>;

/** What the policies of a need's writes are checked against: the need by :id (404 if none), and the need the kernel let the writer act on. */
export function needAccess(needs: ModuleServices["needs"]) {
  const needInPath = byPathId((id) => needs.resource(id));
  const authorizedNeed = (req: FastifyRequest) => {
    const { actor, resource: need } = authorized(req, needInPath);
    return { actor, need };
  };
  return { needInPath, authorizedNeed };
}

/** The need's page: what it is, who shares it, its documents, assessments, decisions and history, and the forms that change it. */
export async function renderNeed(
  { services, config }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  forms: NeedForms = {},
) {
  const { needs, networks, access } = services;
  const { id } = parseOrBadRequest(needParams, req.params);
  const detail = await needs.get(id, req.actor);
  const { need } = detail;
  const canEdit = can(req.actor, "need.update", need);
  const canManage = can(req.actor, "need.manage", need);
  // Only the need's own network's secretariat links it to a national need; a merged need lives on in another.
  const canLink = can(req.actor, "need.linkNational", need) && need.state !== "merged";
  const [mine, history, assessments, decisions, networkList, siblings, national, passedOn] = await Promise.all([
    req.actor ? access.organisationsActingFor(req.actor) : Promise.resolve([]),
    canEdit ? services.audit.history("need", id) : Promise.resolve([]),
    services.assessment.ofNeed(id, req.actor),
    services.meetings.decisionsAbout({ needIds: [id] }, req.actor),
    canManage ? networks.switcher() : Promise.resolve([]),
    canManage ? needs.list({ networkId: need.networkId }, req.actor, "title", 1000, 0).then((r) => r.items) : Promise.resolve([]),
    services.nationalNeeds.ofNeed(req.actor, need, canLink),
    services.needSubmissions.ofNeed(req.actor, id),
  ]);
  const { t } = req.i18n;
  return reply.page(
    <>
      {savedNotice(req)}
      <NeedPage
        ctx={req.pageContext()}
        detail={detail}
        assessments={assessments}
        decisions={decisions}
        canEdit={canEdit}
        canManage={canManage}
        mine={mine.map((o) => ({ value: o.id, label: o.name }))}
        supportForm={forms.support ?? emptyForm()}
        documentForm={{ ...(forms.document ?? emptyForm()), idPrefix: "doc-" }}
        mergeForm={{ ...(forms.merge ?? emptyForm()), idPrefix: "merge-" }}
        moveForm={{ ...(forms.move ?? emptyForm()), idPrefix: "move-" }}
        splitForm={{ ...(forms.split ?? emptyForm()), idPrefix: "split-" }}
        networks={networkList.filter((n) => n.id !== need.networkId).map((n) => ({ value: n.id, label: n.name }))}
        mergeOptions={siblings
          .filter((n) => n.id !== need.id && !["approved", "rejected"].includes(n.state))
          .map((n) => ({ value: n.id, label: `${n.title} (${n.organisationName})` }))}
        national={{ ...national, submissions: passedOn }}
        canLinkNational={canLink}
        nationalLinkForm={forms.nationalLink ?? emptyForm()}
        nationalStartForm={forms.nationalStart ?? emptyForm({ title: need.title })}
        maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
        history={history}
      />
    </>,
    {
      title: need.title,
      // A merged need is followed through the one it went into.
      follow: need.state === "merged" ? undefined : { kind: "need", id },
      forms: Object.values(forms),
      crumbs: [{ href: "/needs", label: t("need.listTitle") }, { label: need.title }],
    },
  );
}
