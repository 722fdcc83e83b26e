import type { FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access/authorize.ts";
import { authorized, byPathId } from "../../../platform/access/page-access.ts";
import type { FieldError } from "../../../platform/http/errors.ts";
import { parseOrBadRequest } from "../../../platform/http/validation.ts";
import type { AppContext, ModuleServices } from "../../../platform/module.ts";
import { emptyForm, type FormState, Notice } from "../../../platform/ui/components.tsx";
import { outcomeLabel } from "../decisions/decisions.views.tsx";
import { meetingParams } from "../params.ts";
import { MeetingPage } from "./meetings.views.tsx";

/** The forms of a meeting's page, each coming back with its own input and errors. */
export interface MeetingForms {
  decision?: { itemId: number; form: FormState };
  item?: FormState;
  paper?: FormState;
  minutes?: FormState;
  /** A change refused outright (the minutes are approved), said at the top of the page. */
  refused?: FieldError[];
}

/**
 * Errors about the meeting or the item as a whole (the minutes are approved, the item is decided)
 * are said at the top, where they are seen whatever forms the page still shows; the rest go to their form.
 */
export const refusedOr = (errors: FieldError[], forms: MeetingForms): MeetingForms =>
  errors.some((e) => e.field === "_" || e.field === "agendaItemId") ? { refused: errors } : forms;

/**
 * What the policies of a meeting's writes are checked against: the meeting by :id (404 if none),
 * and the meeting the kernel then let the writer change.
 */
export function meetingAccess(meetings: ModuleServices["meetings"]) {
  const meetingInPath = byPathId((id) => meetings.resource(id));
  const managed = (req: FastifyRequest) => {
    const { actor, resource } = authorized(req, meetingInPath);
    return { actor, id: resource.meeting.id, meeting: resource.meeting };
  };
  return { meetingInPath, managed };
}

/** The meeting's page: its agenda with each item's decision, its papers and minutes, and the forms that change them. */
export async function renderMeeting(
  { services, config }: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  forms: MeetingForms = {},
) {
  const { meetings, networks, needs, projects } = services;
  const { id } = parseOrBadRequest(meetingParams, req.params);
  const detail = await meetings.get(id, req.actor);
  const { meeting } = detail;
  const canManage = can(req.actor, "meeting.manage", meeting);
  const network = (await networks.byId(meeting.networkId))!;
  const open = canManage && meeting.minutesApprovedAt === null;
  const [needList, projectList, earlier] = await Promise.all([
    open ? needs.list({ networkId: meeting.networkId }, req.actor, "title", 1000, 0) : Promise.resolve({ items: [] }),
    open ? projects.visibleIn(meeting.networkId, req.actor) : Promise.resolve([]),
    meetings.earlierDecisions(open ? detail.items.filter((i) => !i.decision) : [], req.actor),
  ]);
  const { t, date } = req.i18n;
  const saved = (req.query as Record<string, unknown>).saved === "1";
  return reply.page(
    <>
      {saved ? <Notice kind="success">{t("form.saved")}</Notice> : null}
      {forms.refused ? (
        <Notice kind="danger">
          {forms.refused.map((e) => (
            <p class="ds-paragraph" key={e.key}>
              {t(e.key, e.params)}
            </p>
          ))}
        </Notice>
      ) : null}
      <MeetingPage
        ctx={req.pageContext()}
        detail={detail}
        canManage={canManage}
        decisionForm={forms.decision ?? null}
        itemForm={forms.item ?? emptyForm()}
        paperForm={forms.paper ?? emptyForm()}
        minutesForm={forms.minutes ?? emptyForm({ minutesNote: meeting.minutesNote })}
        needOptions={needList.items.map((n) => ({ value: n.id, label: `${n.title} (${n.organisationName})` }))}
        projectOptions={projectList.map((p) => ({ value: p.id, label: p.title }))}
        earlier={Object.fromEntries(
          [...earlier].map(([itemId, rows]) => [
            itemId,
            rows.map((r) => ({
              value: r.decision.id,
              label: `${date(r.decision.decidedOn)}, ${r.meetingTitle}: ${outcomeLabel(t, r.decision.outcome)}`,
            })),
          ]),
        )}
        maxUploadMb={config.SAMVERK_UPLOAD_MAX_MB}
      />
    </>,
    {
      title: meeting.title,
      network,
      ...(forms.refused ? { status: 422 } : {}),
      forms: [forms.decision?.form, forms.item, forms.paper, forms.minutes],
      crumbs: [
        { href: `/n/${network.slug}/meetings`, label: t("meeting.listTitle", { network: network.name }) },
        { label: meeting.title },
      ],
    },
  );
}
