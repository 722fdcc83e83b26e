import { z } from "zod";
import type { Actor } from "../../../platform/access/actor.ts";
import { canSee } from "../../../platform/access/visibility.ts";
import { audited } from "../../../platform/audit/audited.ts";
import type { Db } from "../../../platform/db/client.ts";
import { type FieldError, invalid, NotFoundError, ok, type Result } from "../../../platform/http/errors.ts";
import { optionalId, optionalText, requiredDate, toFieldErrors } from "../../../platform/http/validation.ts";
import type { NeedService } from "../../needs/index.ts";
import type { ProjectService } from "../../projects/index.ts";
import { MeetingRepo } from "../meetings/meetings.repo.ts";
import { PRIORITY_TRACKS, type PriorityTrack } from "../schema.ts";
import { PriorityRepo, type Ranking } from "./priorities.repo.ts";

/** A need or a project in a ranking, named "need:12" or "project:5". */
const rankedKey = z.string().regex(/^(need|project):\d{1,9}$/, "errors.choice");

export const rankingInput = z.object({
  decidedOn: requiredDate,
  note: optionalText(2000),
  meetingId: optionalId,
  entries: z
    .array(
      z.object({
        key: rankedKey,
        track: z.enum(PRIORITY_TRACKS, "errors.choice"),
        rank: z.coerce.number("errors.rank").int("errors.rank").min(1, "errors.rank").max(1000, "errors.rank"),
      }),
    )
    .max(1000),
});

/** Assessed and prioritised needs, and projects not yet closing, can be ranked. */
const RANKABLE_NEED_STATES = new Set(["assessed", "prioritised"]);
const RANKABLE_PHASES = new Set(["idea", "concept", "planning", "execution"]);

export interface Candidate {
  key: string;
  kind: "need" | "project";
  id: number;
  title: string;
  detail: string;
  /** Where it stands in the current ranking, to start the form from. */
  track: PriorityTrack;
  rank: number | null;
}

/**
 * The steering group's prioritised list of needs and projects, split into national and local. Each
 * ranking is kept with its decision date, so the list can be compared with any earlier one.
 */
export class PriorityService {
  readonly repo: PriorityRepo;
  /** The meetings a ranking may name as where it was decided. */
  private readonly meetings: MeetingRepo;

  constructor(
    private readonly db: Db,
    private readonly needs: NeedService,
    private readonly projects: ProjectService,
  ) {
    this.repo = new PriorityRepo(db);
    this.meetings = new MeetingRepo(db);
  }

  rankings(networkId: number) {
    return this.repo.rankingsOf(networkId);
  }

  /**
   * A ranking (the newest unless one is named) with its entries as the viewer may see them, and how
   * each moved since the ranking before it.
   */
  async view(networkId: number, viewer: Actor | null, rankingId?: number) {
    const rankings = await this.repo.rankingsOf(networkId);
    const index = rankingId ? rankings.findIndex((r) => r.id === rankingId) : 0;
    if (rankingId && index < 0) throw new NotFoundError();
    const current: Ranking | undefined = rankings[index];
    const previous: Ranking | undefined = rankings[index + 1];
    const entries = await this.repo.entriesOf([current?.id, previous?.id].filter((id): id is number => id !== undefined));
    const visible = entries.filter((e) =>
      e.entry.needId
        ? canSee(viewer, { networkId: e.networkId, visibility: e.needVisibility!, bodyId: e.needBodyId })
        : canSee(viewer, { networkId: e.networkId, visibility: e.projectVisibility!, bodyId: e.projectBodyId }),
    );
    const keyOf = (e: (typeof entries)[number]) => (e.entry.needId ? `need:${e.entry.needId}` : `project:${e.entry.projectId}`);
    const before = new Map(visible.filter((e) => e.entry.rankingId === previous?.id).map((e) => [keyOf(e), e.entry]));
    const rows = visible
      .filter((e) => e.entry.rankingId === current?.id)
      .map((e) => {
        const earlier = before.get(keyOf(e));
        return {
          key: keyOf(e),
          track: e.entry.track,
          position: e.entry.position,
          needId: e.entry.needId,
          projectId: e.entry.projectId,
          title: e.needTitle ?? e.projectTitle ?? "",
          /** Where the need or the project stands: its state or its phase. */
          needState: e.needState,
          projectPhase: e.projectPhase,
          /** Places moved up since the previous ranking (negative: down); null if new there. */
          moved: earlier && earlier.track === e.entry.track ? earlier.position - e.entry.position : null,
        };
      });
    return { rankings, current: current ?? null, previous: previous ?? null, rows };
  }

  /** What can be ranked in the network, with where each stands now. */
  async candidates(networkId: number, viewer: Actor): Promise<Candidate[]> {
    const [needList, projectList, latest] = await Promise.all([
      this.needs.list({ networkId }, viewer, "title", 1000, 0),
      this.projects.visibleIn(networkId, viewer),
      this.view(networkId, viewer),
    ]);
    const placed = new Map(latest.rows.map((r) => [r.key, r]));
    const candidate = (
      key: string,
      kind: Candidate["kind"],
      id: number,
      title: string,
      detail: string,
      track: PriorityTrack,
    ) => ({
      key,
      kind,
      id,
      title,
      detail,
      track: placed.get(key)?.track ?? track,
      rank: placed.get(key)?.position ?? null,
    });
    return [
      ...needList.items
        .filter((n) => RANKABLE_NEED_STATES.has(n.state))
        .map((n) => candidate(`need:${n.id}`, "need", n.id, n.title, n.organisationName, "local")),
      ...projectList
        .filter((p) => RANKABLE_PHASES.has(p.phase))
        .map((p) =>
          candidate(
            `project:${p.id}`,
            "project",
            p.id,
            p.title,
            p.ownerName ?? p.networkName,
            p.kind === "national" ? "national" : "local",
          ),
        ),
    ];
  }

  /**
   * Saves a new ranking. Ranks are whole numbers, each used once per track; entries without a rank
   * are left out. Earlier rankings stay as they were.
   */
  async rank(actor: Actor, networkId: number, input: unknown): Promise<Result<Ranking>> {
    const parsed = rankingInput.safeParse(input);
    if (!parsed.success) return invalid(toFieldErrors(parsed.error).map((e) => rankField(e, input)));
    const v = parsed.data;
    const allowed = new Set((await this.candidates(networkId, actor)).map((c) => c.key));
    const errors: FieldError[] = [];
    for (const e of v.entries) if (!allowed.has(e.key)) errors.push({ field: `rank_${e.key}`, key: "errors.choice" });
    for (const track of PRIORITY_TRACKS) {
      const seen = new Map<number, string>();
      for (const e of v.entries.filter((x) => x.track === track)) {
        if (seen.has(e.rank)) errors.push({ field: `rank_${e.key}`, key: "errors.duplicateRank", params: { rank: e.rank } });
        seen.set(e.rank, e.key);
      }
    }
    if (v.meetingId !== null) {
      const meeting = await this.meetings.meeting(v.meetingId);
      if (!meeting || meeting.meeting.networkId !== networkId) errors.push({ field: "meetingId", key: "errors.choice" });
    }
    if (errors.length) return invalid(errors);
    const ordered = [...v.entries].sort((a, b) => a.rank - b.rank);
    return ok(
      await audited(this.db, actor, async (tx, audit) => {
        const ranking = await this.repo.with(tx).insertRanking(
          {
            networkId,
            decidedOn: v.decidedOn,
            note: v.note,
            meetingId: v.meetingId,
            createdById: actor.userId,
            createdByLabel: actor.label,
          },
          ordered.map((e) => {
            const [kind, id] = e.key.split(":") as ["need" | "project", string];
            return {
              track: e.track,
              needId: kind === "need" ? Number(id) : null,
              projectId: kind === "project" ? Number(id) : null,
            };
          }),
        );
        await audit({
          action: "create",
          entity: "priority_ranking",
          entityId: ranking.id,
          after: { decidedOn: v.decidedOn, entries: ordered.map((e) => `${e.track}:${e.rank}:${e.key}`) },
        });
        return ranking;
      }),
    );
  }
}

/** Names an error in the entries by the form's field for that row (rank_need_12). */
function rankField(error: FieldError, input: unknown): FieldError {
  const match = error.field.match(/^entries\.(\d+)\.(rank|track|key)$/);
  const key = match ? (input as { entries?: { key?: unknown }[] }).entries?.[Number(match[1])]?.key : undefined;
  return match && typeof key === "string" ? { ...error, field: `${match[2] === "track" ? "track" : "rank"}_${key}` } : error;
}
