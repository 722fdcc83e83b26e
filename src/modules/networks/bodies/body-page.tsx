import type { FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { slugAndId } from "../params.ts";
import { pageInNetwork } from "../parts.tsx";
import { savedNotice } from "../saved-notice.tsx";
import { BodyPage } from "./bodies.views.tsx";

/** The body's page; `form` is the add-member form's state, `documentForm` the upload form's. */
export async function renderBodyPage(
  { services, config }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  slug: string,
  id: number,
  form: FormState,
  documentForm: FormState = emptyForm({ visibility: "public" }),
) {
  const { networks, directory } = services;
  const { network, body, members } = await networks.visibleBody(slug, id, req.actor);
  const canEdit = can(req.actor, "body.manage", network);
  const [people, orgs, history] = canEdit
    ? await Promise.all([directory.people.options(), directory.organisations.options(), services.audit.history("body", id)])
    : [[], [], []];
  const documents = await networks.documentsOf(network, id, req.actor);
  return reply.page(
    <>
      {savedNotice(req)}
      <BodyPage
        ctx={req.pageContext()}
        network={network}
        body={body}
        members={members}
        canEdit={canEdit}
        form={form}
        people={people.map((p) => ({ value: p.id, label: p.organisationName ? `${p.name} (${p.organisationName})` : p.name }))}
        organisations={orgs.map((o) => ({ value: o.id, label: o.name }))}
        history={history}
        documents={documents}
        documentForm={documentForm}
        maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
      />
    </>,
    { ...pageInNetwork(network, body.name, [form, documentForm]), follow: { kind: "body", id } },
  );
}

/** Where a change to the body in the path goes: its page, saying it was saved. */
export const savedBodyPage = (req: FastifyRequest) => {
  const { slug, id } = parseOrBadRequest(slugAndId, req.params);
  return `/n/${slug}/bodies/${id}?saved=1`;
};
