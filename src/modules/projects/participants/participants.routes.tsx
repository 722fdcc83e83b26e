import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { formRoute } from "../../../platform/http/form-route.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import { osloToday } from "../../../platform/i18n/i18n.ts";
import type { AppContext } from "../../../platform/module.ts";
import { emptyForm, type FormState } from "../../../platform/ui/components.tsx";
import { participantParams } from "../params.ts";
import { projectCrumbs, projectRouteAccess } from "../route-kit.ts";
import { ParticipantsPage } from "./participants.views.tsx";

/** The organisations taking part in a project, and in which role. */
export function participantRoutes(app: FastifyInstance, ctx: AppContext) {
  const { projects, directory } = ctx.services;
  const { projectInPath, authorizedProject } = projectRouteAccess(ctx);

  const renderParticipants = async (req: FastifyRequest, reply: FastifyReply, id: number, form: FormState) => {
    const detail = await projects.visible(id, req.actor);
    const { t } = req.i18n;
    const orgs = await directory.organisations.options();
    return reply.page(
      <ParticipantsPage
        ctx={req.pageContext()}
        detail={detail}
        form={form}
        organisations={orgs.map((o) => ({ value: o.id, label: o.name }))}
      />,
      {
        title: t("participant.title", { title: detail.project.title }),
        forms: [form],
        crumbs: projectCrumbs(t, detail.project, t("participant.heading")),
      },
    );
  };

  formRoute(app, {
    path: "/projects/:id/participants",
    policy: "project.update",
    resource: projectInPath,
    storedOnce: true,
    show: (req, reply, form, { id }) => renderParticipants(req, reply, id, form),
    initial: () => emptyForm({ role: "participant", fromDate: osloToday() }),
    submit: (actor, { id }, body) => projects.setParticipant(actor, id, body),
    done: (_, { id }) => `/projects/${id}/participants?saved=1`,
  });

  app.post(
    "/projects/:id/participants/:organisationId/delete",
    { config: { policy: "project.update", resource: projectInPath } },
    async (req, reply) => {
      const { actor, id } = authorizedProject(req);
      const { organisationId } = parseOrBadRequest(participantParams, req.params);
      await projects.removeParticipant(actor, id, organisationId);
      return reply.redirect(`/projects/${id}/participants?saved=1`, 303);
    },
  );
}
