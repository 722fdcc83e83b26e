import type { FastifyInstance } from "fastify";
import { systemActor } from "../../src/platform/access/actor.ts";

/**
 * The pages the journeys look at, by name and path, with ids from the demo data: shared by the
 * browser journeys (axe on every page in bokmål, a representative set in nynorsk and English) and
 * the server test that every page in nynorsk and English has every string (src/platform/i18n/pages.test.ts).
 */
export interface PageSource {
  services: FastifyInstance["services"];
  /** A JSON API answer, anonymously. */
  // biome-ignore lint/suspicious/noExplicitAny: the demo data's API answers, read by field
  api(path: string): Promise<any>;
  /** A page's HTML as the administrator. */
  adminHtml(path: string): Promise<string>;
}

/** Every public page, by path. Ids come from the demo data through the API. */
export async function publicPages(s: PageSource): Promise<[string, string][]> {
  const { api } = s;
  const [molde] = (await api("/api/v1/organisations?q=1506")).items;
  const [coop] = (await api("/api/v1/organisations?kind=it_cooperation")).items;
  const bodies = (await api("/api/v1/networks/digi-rogaland/bodies")).items;
  const contact = (await api("/api/v1/networks/digi-rogaland")).contacts[0];
  const project = await demoProject(s);
  const [solution] = (await api("/api/v1/solutions?sort=-users&limit=1")).items;
  const ids = await decisionIds(s);
  const [rogalandMember] = (await api("/api/v1/networks/digi-rogaland/members?limit=1")).items;
  return [
    ["front page", "/"],
    ["networks", "/networks"],
    ["network", "/n/digi-more-og-romsdal"],
    ["body", `/n/digi-rogaland/bodies/${bodies[0].id}`],
    ["organisations", "/organisations"],
    ["filtered organisations", "/organisations?kind=municipality&county=15&sort=-population"],
    ["municipality", `/organisations/${molde.id}`],
    ["IT cooperation", `/organisations/${coop.id}`],
    ["people", "/people"],
    ["person", `/people/${contact.personId}`],
    ["search", "/search?q=molde"],
    ["search in nynorsk, many kinds", "/search?q=teneste"],
    ["search, one kind, filtered", "/search?q=digitalisering&kind=project&network=digi-rogaland&from=2020-01-01"],
    ["search, did you mean", "/search?q=digitalsering"],
    // A digest's stop link opens this page whatever the key; the key is checked when it is used.
    ["stop e-mail about what you follow", `/mail/stop/${"A".repeat(32)}`],
    ["projects", "/projects"],
    ["filtered projects", "/projects?q=kommunane&phase=execution&sort=-start"],
    ["timeline", "/projects/timeline"],
    ["benefits overview", "/projects/benefits?network=digi-rogaland"],
    ["timeline by quarter", "/projects/timeline?view=quarter&year=2026&network=digi-nordland"],
    ["project", `/projects/${project.id}`],
    ["benefit", `/projects/${project.id}/benefits/${project.benefits[0].id}`],
    ["solutions", "/solutions"],
    ["filtered solutions", "/solutions?q=kart&sort=-users"],
    ["solution", `/solutions/${solution.id}`],
    ["needs", "/needs"],
    ["filtered needs", "/needs?network=digi-rogaland&state=prioritised&sort=-inhabitants"],
    ["need", `/needs/${ids.needId}`],
    ["needs across the networks", "/needs/national"],
    ["needs across the networks, unlinked too", "/needs/national?unlinked=1&sort=-inhabitants"],
    ["a national need", `/needs/national/${ids.nationalNeedId}`],
    ["a network's submissions to national bodies", "/n/digi-more-og-romsdal/needs/submissions"],
    ["a submission with its answer", `/needs/submissions/${ids.submissionId}`],
    ["assessment rounds", "/n/digi-rogaland/rounds"],
    ["round with chart", `/rounds/${ids.decidedRoundId}`],
    ["need in a round", `/rounds/${ids.decidedRoundId}/needs/${ids.decidedNeedId}`],
    ["meetings", "/n/digi-rogaland/meetings"],
    ["meeting with approved minutes", `/meetings/${ids.approvedMeetingId}`],
    ["invitation for printing", `/meetings/${ids.approvedMeetingId}/papers`],
    ["minutes for printing", `/meetings/${ids.approvedMeetingId}/minutes`],
    ["decision register", "/n/digi-rogaland/decisions"],
    ["priorities", "/n/digi-rogaland/priorities"],
    ["national solutions", "/roadmap"],
    ["filtered national solutions", "/roadmap?category=health&network=digi-rogaland"],
    ["national solution", `/roadmap/${ids.nationalSolutionId}`],
    ["roadmap timeline", "/roadmap/timeline"],
    ["roadmap timeline by quarter", "/roadmap/timeline?view=quarter&year=2027&category=health"],
    ["adoption matrix", "/roadmap/adoption?network=digi-rogaland"],
    ["adoption matrix by county", "/roadmap/adoption?county=15&category=messaging"],
    ["a municipality's adoption", `/organisations/${molde.id}/adoption`],
    ["a municipality's own roadmap", `/organisations/${molde.id}/roadmap`],
    ["a network's budget for national solutions", "/n/digi-rogaland/roadmap/budget"],
    ["the members compared", "/n/digi-rogaland/member-reports?sort=-projects&chart=adoption"],
    ["a member's report", `/n/digi-rogaland/member-reports/${rogalandMember.organisationId}`],
    [
      "a member's report for a year, printable",
      `/n/digi-rogaland/member-reports/${rogalandMember.organisationId}?year=2026&print=1`,
    ],
    ["adoption over time", `/roadmap/${ids.nationalSolutionId}/adoption?network=digi-rogaland`],
    ["a solution with joint rollouts", `/roadmap/${ids.rolloutSolutionId}`],
    ["strategies", "/strategies"],
    ["filtered strategies", "/strategies?network=digi-rogaland&status=adopted"],
    ["an adopted strategy", `/strategies/${ids.adoptedStrategyId}`],
    ["themes in common", "/n/digi-rogaland/strategies/themes"],
    ["a network's strategy dashboard", "/n/digi-rogaland/strategies"],
    ["an ambition of use", `/n/digi-rogaland/ambitions/${ids.adoptionAmbitionId}`],
    ["an ambition of joint projects", `/n/digi-rogaland/ambitions/${ids.projectsAmbitionId}`],
    ["a shared strategy drawn from the members'", `/strategies/${ids.sharedStrategyId}`],
    ["a network's consultations", "/n/digi-rogaland/consultations"],
    ["a consultation with published inputs", `/consultations/${ids.consultationId}`],
    ["giving input", `/consultations/${ids.consultationId}/input`],
    ["gatherings", "/gatherings"],
    ["a network's gatherings", "/n/digi-rogaland/gatherings"],
    ["a gathering with a programme", `/gatherings/${ids.gatheringId}`],
    ["a past gathering with its report", `/gatherings/${ids.pastGatheringId}`],
    ["registering for a gathering", `/gatherings/${ids.gatheringId}/register`],
    ["a network's news", "/n/digi-rogaland/news"],
    ["a news item", `/news/${ids.newsId}`],
    ["subscribing to a newsletter", "/n/digi-rogaland/newsletter"],
    ["a subject network's news", "/subject-networks/helse-og-omsorg/news"],
    // A newsletter's links open these pages whatever the secret; it is checked when the button is pressed.
    ["confirming a newsletter subscription", `/newsletter/confirm/${"A".repeat(32)}`],
    ["leaving a newsletter", `/newsletter/stop/${"A".repeat(32)}`],
    ["a network's surveys", "/n/digi-rogaland/surveys"],
    ["a survey's public results", `/surveys/${ids.surveys.closed}/results`],
    ["answering a survey through a personal link", `/survey/${ids.surveys.token}`],
    ["a network's economy", "/n/digi-rogaland/economy"],
    ["a public budget with fees and released time", "/n/digi-rogaland/economy/2025"],
    ["a network's annual plans and reports", "/n/digi-rogaland/annual"],
    ["a published annual report", "/n/digi-rogaland/annual/report/2025"],
    ["subject networks", "/subject-networks"],
    ["a subject network", "/subject-networks/helse-og-omsorg"],
    ["experience from every network", "/experience?q=tilsyn"],
    ["an experience note", `/experience/${ids.noteId}`],
    ["questions to the subject networks", "/questions"],
    ["a question with its answer", `/questions/${ids.questionId}`],
    ["login", "/login"],
    ["login after a reset", "/login?reset=1"],
    ["forgotten password", "/password/forgot"],
    ["check your mail", "/password/forgot/sent"],
    ["unusable reset link", "/password/reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["accessibility statement", "/accessibility"],
    ["privacy", "/privacy"],
    ["API docs", "/api/docs"],
    ["not found", "/finst-ikkje"],
  ];
}

/** Demo needs, rounds and meetings of Digi Rogaland: the newest (open) ones and the oldest (decided) ones. */
async function decisionIds(s: PageSource) {
  const { networks, needs, assessment, meetings } = s.services;
  const rogaland = (await networks.repo.bySlug("digi-rogaland"))!;
  const rounds = await assessment.roundsOf(rogaland.id, null);
  const meetingList = await meetings.list(rogaland.id, null);
  const decided = rounds.at(-1)!.round;
  const { items } = await needs.list({ networkId: rogaland.id }, null, "created", 1, 0);
  const ambitionsOfRogaland = await s.services.ambitions.repo.list(rogaland.id);
  const shared = await s.services.strategies.detail((await s.services.strategies.currentOfNetwork(rogaland.id))!.id);
  return {
    needId: items[0]!.id,
    // A demo national need, and the demo's answered submission to a national body.
    nationalNeedId: (await s.api("/api/v1/national-needs?limit=1")).items[0].nationalNeedId as number,
    submissionId: (await s.api("/api/v1/networks/digi-more-og-romsdal/need-submissions?limit=1")).items[0].id as number,
    openRoundId: rounds[0]!.round.id,
    openNeedId: (await assessment.results(rounds[0]!.round.id, null)).results[0]!.needId,
    decidedRoundId: decided.id,
    decidedNeedId: (await assessment.results(decided.id, null)).results[0]!.needId,
    openMeetingId: meetingList[0]!.meeting.id,
    approvedMeetingId: meetingList.at(-1)!.meeting.id,
    // A national solution with demo milestones, one of them moved.
    nationalSolutionId: (await s.services.roadmap.list({ q: "Digital postkasse" }))[0]!.solution.id,
    adoptedStrategyId: (await s.services.strategies.repo.list({ networkId: rogaland.id, status: "adopted" }))[0]!.strategy.id,
    // The demo's shared draft is out for consultation, which may still be changed.
    draftStrategyId: (await s.services.strategies.repo.list({ networkId: rogaland.id })).find((i) =>
      ["draft", "consultation"].includes(i.strategy.status),
    )!.strategy.id,
    adoptionAmbitionId: ambitionsOfRogaland.find((a) => a.kind === "solution_adoption")!.id,
    projectsAmbitionId: ambitionsOfRogaland.find((a) => a.kind === "joint_projects")!.id,
    sharedStrategyId: shared.strategy.id,
    consultationId: (await s.services.consultations.repo.ofNetwork(rogaland.id))[0]!.consultation.id,
    sharedFocusAreaId: shared.focusAreas[0]!.id,
    sharedMeasureId: shared.measures[0]!.id,
    gatheringId: (await s.services.gatherings.list(null, { networkId: rogaland.id, when: { at: new Date(), past: false } })).find(
      (g) => g.gathering.kind === "conference",
    )!.gathering.id,
    pastGatheringId: (
      await s.services.gatherings.list(null, { networkId: rogaland.id, when: { at: new Date(), past: true } })
    )[0]!.gathering.id,
    // The demo's experience, a question with its answer, and a review.
    noteId: (await s.api("/api/v1/experience?subjectNetwork=helse-og-omsorg&limit=1")).items[0].id as number,
    questionId: (await s.api("/api/v1/questions?subjectNetwork=helse-og-omsorg&limit=1")).items[0].id as number,
    reviewId: (await s.api("/api/v1/subject-networks/helse-og-omsorg")).reviews[0].id as number,
    surveys: await demoSurveys(s, rogaland.id),
    newsId: (await s.services.news.latest(null, 1, { networkId: rogaland.id }))[0]!.item.id,
    // One that demo networks roll out together.
    rolloutSolutionId: (await s.services.roadmap.list({ q: "DigiSos" }))[0]!.solution.id,
  };
}

/** Digi Rogaland's demo survey: last year's (closed, public) and this year's repeat (open), and a personal link not yet answered. */
async function demoSurveys(s: PageSource, networkId: number) {
  const { surveys } = s.services;
  const rows = await surveys.list(networkId, { userId: null, label: "pages", isAdmin: true });
  const open = rows.find((r) => r.status === "open" && r.isDemo)!;
  const closed = rows.find((r) => r.status === "closed" && r.isDemo)!;
  const waiting = (await surveys.recipients(open.id)).find((r) => !r.recipient.answeredAt)!.recipient;
  return { open: open.id, closed: closed.id, token: await surveys.tokenOf({ ...waiting, email: waiting.email ?? "" }) };
}

/** A demo project with status reports and a measured benefit, so every section of its page shows. */
async function demoProject({ api }: PageSource) {
  const { items } = await api("/api/v1/projects?limit=500");
  for (const item of items) {
    const project = await api(`/api/v1/projects/${item.id}`);
    if (project.latestStatus && project.benefits.some((b: { measurements: unknown[] }) => b.measurements.length > 1))
      return project;
  }
  throw new Error("the demo data has a project with reports and measured benefits");
}

/** A demo project an organisation has asked to take part in, so the decision form shows. */
async function projectAskedToJoin(s: PageSource): Promise<number> {
  const { projects } = s.services;
  const { items } = await projects.repo.list({ phase: "idea" }, null, "title", 500, 0);
  for (const item of items) if ((await projects.repo.joinRequestsOf(item.id)).length) return item.id;
  throw new Error("the demo data has a project with a request to take part");
}

/** A released time row of Digi Rogaland's 2025 budget: the API shows who was released only to the network's people. */
async function releasedId(s: PageSource): Promise<number> {
  const { economy, networks } = s.services;
  const rogaland = (await networks.bySlug("digi-rogaland"))!;
  const budget = (await economy.repo.budget(rogaland.id, 2025))!;
  return (await economy.repo.released([budget.id], null))[0]!.id;
}

export async function adminPages(s: PageSource): Promise<[string, string][]> {
  const { api } = s;
  const project = await demoProject(s);
  const [solution] = (await api("/api/v1/solutions?sort=-users&limit=1")).items;
  const [molde] = (await api("/api/v1/organisations?q=1506")).items;
  const [coop] = (await api("/api/v1/organisations?kind=it_cooperation")).items;
  const members = (await api("/api/v1/networks/digi-rogaland/members?limit=1")).items;
  const bodies = (await api("/api/v1/networks/digi-rogaland/bodies")).items;
  const contact = (await api("/api/v1/networks/digi-rogaland")).contacts[0];
  const ids = await decisionIds(s);
  // Digi Rogaland's closed year is public in the demo data, so its ids come through the API.
  const budget = await api("/api/v1/networks/digi-rogaland/budgets/2025");
  return [
    ["network (editor)", "/n/digi-rogaland"],
    ["new network", "/networks/new"],
    ["search word pairs", "/admin/search-words"],
    ["edit network", "/n/digi-rogaland/edit"],
    ["add members", "/n/digi-rogaland/members/new"],
    ["edit membership", `/n/digi-rogaland/members/${members[0].id}/edit`],
    ["new body", "/n/digi-rogaland/bodies/new"],
    ["body (editor)", `/n/digi-rogaland/bodies/${bodies[0].id}`],
    ["edit body", `/n/digi-rogaland/bodies/${bodies[0].id}/edit`],
    ["edit seat in body", `/n/digi-rogaland/bodies/${bodies[0].id}/members/${bodies[0].members[0].id}/edit`],
    ["new organisation", "/organisations/new"],
    ["edit municipality", `/organisations/${molde.id}/edit`],
    ["edit IT cooperation", `/organisations/${coop.id}/edit`],
    ["new person", "/people/new"],
    ["outbox", "/admin/outbox"],
    ["own sessions", "/account/sessions"],
    ["what you follow", "/following"],
    ["activity", "/activity"],
    ["audit trail", "/admin/audit?entity=network"],
    ["invitations", "/admin/invitations"],
    ["my data", "/account/data"],
    ["API tokens", "/account/tokens"],
    ["change e-mail", "/account/email"],
    ["edit person", `/people/${contact.personId}/edit`],
    ["people and access", "/n/digi-rogaland/people"],
    ["change access", await firstAccessEditPath(s)],
    ["project (editor)", `/projects/${project.id}`],
    ["project with a request to take part", `/projects/${await projectAskedToJoin(s)}`],
    ["new project", "/n/digi-rogaland/projects/new"],
    ["network sectors", "/n/digi-rogaland/sectors"],
    ["phase checklists", "/n/digi-rogaland/checklists"],
    ["edit project", `/projects/${project.id}/edit`],
    ["project participants", `/projects/${project.id}/participants`],
    ["project funding, links and documents", `/projects/${project.id}/resources`],
    ["new status report", `/projects/${project.id}/reports/new?copy=1`],
    ["new benefit", `/projects/${project.id}/benefits/new`],
    ["edit benefit", `/projects/${project.id}/benefits/${project.benefits[0].id}/edit`],
    ["solution (editor)", `/solutions/${solution.id}`],
    ["new solution", "/solutions/new"],
    ["edit solution", `/solutions/${solution.id}/edit`],
    ["import publiccode.yml", "/solutions/import"],
    ["new need", "/n/digi-rogaland/needs/new"],
    ["need (secretariat)", `/needs/${ids.needId}`],
    ["edit need", `/needs/${ids.needId}/edit`],
    ["a national need (secretariat)", `/needs/national/${ids.nationalNeedId}`],
    ["new submission to a national body", "/n/digi-more-og-romsdal/needs/submissions/new"],
    ["a submission (secretariat)", `/needs/submissions/${ids.submissionId}`],
    ["edit a submission", `/needs/submissions/${ids.submissionId}/edit`],
    ["assessment criteria", "/n/digi-rogaland/assessment"],
    ["new round", "/n/digi-rogaland/rounds/new"],
    ["scoring a need", `/rounds/${ids.openRoundId}/needs/${ids.openNeedId}`],
    ["open meeting (secretariat)", `/meetings/${ids.openMeetingId}`],
    ["new meeting", "/n/digi-rogaland/meetings/new"],
    ["edit meeting", `/meetings/${ids.openMeetingId}/edit`],
    ["new ranking", "/n/digi-rogaland/priorities/rank"],
    ["national solution (editor)", `/roadmap/${ids.nationalSolutionId}`],
    ["edit national solution", `/roadmap/${ids.nationalSolutionId}/edit`],
    ["new national solution", "/roadmap/new"],
    ["new regional initiative", "/n/digi-rogaland/initiatives/new"],
    ["reporting a municipality's adoption", `/organisations/${molde.id}/adoption`],
    ["uploading statuses", "/n/digi-rogaland/adoption/import"],
    ...(await importPages(s)),
    ["national editors", "/roadmap/editors"],
    ["linking a rollout project", `/roadmap/${ids.rolloutSolutionId}`],
    ["new strategy", "/strategies/new"],
    ["a draft strategy (editor)", `/strategies/${ids.draftStrategyId}`],
    ["an adopted strategy (editor)", `/strategies/${ids.adoptedStrategyId}`],
    ["edit a strategy", `/strategies/${ids.draftStrategyId}/edit`],
    ["edit a focus area", `/strategies/${ids.sharedStrategyId}/focus-areas/${ids.sharedFocusAreaId}/edit`],
    ["edit a measure", `/strategies/${ids.sharedStrategyId}/measures/${ids.sharedMeasureId}/edit`],
    ["tagging a strategy with themes", `/strategies/${ids.adoptedStrategyId}/themes`],
    ["themes in common (secretariat)", "/n/digi-rogaland/strategies/themes"],
    ["a network's strategy dashboard (secretariat)", "/n/digi-rogaland/strategies"],
    ["new ambition", "/n/digi-rogaland/ambitions/new"],
    ["an ambition (secretariat)", `/n/digi-rogaland/ambitions/${ids.adoptionAmbitionId}`],
    ["a consultation (secretariat)", `/consultations/${ids.consultationId}`],
    ["handling inputs", `/consultations/${ids.consultationId}/inputs`],
    ["a consultation's summary", `/consultations/${ids.consultationId}/summary`],
    ["new consultation", `/strategies/${ids.sharedStrategyId}/consultations/new`],
    ["writing news", "/n/digi-rogaland/news/new"],
    ["editing news", `/news/${ids.newsId}/edit`],
    ["a network's news (secretariat)", "/n/digi-rogaland/news"],
    ["sending a newsletter", "/n/digi-rogaland/newsletters"],
    ["writing a subject network's news", "/subject-networks/helse-og-omsorg/news/new"],
    ["new gathering", "/n/digi-rogaland/gatherings/new"],
    ["a gathering (secretariat)", `/gatherings/${ids.gatheringId}`],
    ["edit a gathering", `/gatherings/${ids.gatheringId}/edit`],
    ["a gathering's participants", `/gatherings/${ids.gatheringId}/participants`],
    ["marking attendance", `/gatherings/${ids.pastGatheringId}/participants`],
    ["a network's surveys (secretariat)", "/n/digi-rogaland/surveys"],
    ["new survey", "/n/digi-rogaland/surveys/new"],
    ["an open survey (secretariat)", `/surveys/${ids.surveys.open}`],
    ["edit a survey", `/surveys/${ids.surveys.open}/edit`],
    ["a survey's results with last year's beside", `/surveys/${ids.surveys.open}/results`],
    ["a network's economy (secretariat)", "/n/digi-rogaland/economy"],
    ["a budget (secretariat)", "/n/digi-rogaland/economy/2026"],
    ["a budget's cost-sharing key", "/n/digi-rogaland/economy/2026/settings"],
    ["a member's fee statement", `/n/digi-rogaland/economy/2025/fees/${budget.statements[0].organisationId}`],
    ["edit a budget line", `/n/digi-rogaland/economy/2025/lines/${budget.lines[0].id}`],
    ["edit released time", `/n/digi-rogaland/economy/2025/released/${await releasedId(s)}`],
    ["annual plans and reports (secretariat)", "/n/digi-rogaland/annual"],
    ["an adopted annual plan", "/n/digi-rogaland/annual/plan/2026"],
    ["a draft annual plan", "/n/digi-rogaland/annual/plan/2027"],
    ["writing an annual plan", "/n/digi-rogaland/annual/plan/2027/edit"],
    ["a subject network (coordinator)", "/subject-networks/informasjonssikkerheit-og-personvern"],
    ["new subject network", "/subject-networks/new"],
    ["edit a subject network", "/subject-networks/helse-og-omsorg/edit"],
    ["sharing experience", "/subject-networks/helse-og-omsorg/experience/new"],
    ["edit an experience note", `/experience/${ids.noteId}/edit`],
    ["asking a subject network", "/subject-networks/helse-og-omsorg/questions/new"],
    ["answering a question", `/questions/${ids.questionId}`],
    ["asking for a review", `/projects/${project.id}/reviews`],
    ["recording a review", `/subject-networks/helse-og-omsorg/reviews/${ids.reviewId}`],
    ["your calendar", "/account/calendar"],
  ];
}

/**
 * The import's steps (decision 0039), with runs made for the purpose: one whose rows have a problem
 * (its mapping and its preview), and one applied (its report).
 */
async function importPages(s: PageSource): Promise<[string, string][]> {
  const { imports, networks } = s.services;
  const rogaland = (await networks.bySlug("digi-rogaland"))!;
  const network = { id: rogaland.id, slug: rogaland.slug, name: rogaland.name };
  const actor = systemActor("pages");
  const start = async (name: string, lines: string[]) => {
    const result = await imports.start(actor, network, { kind: "projects" }, { name, data: Buffer.from(lines.join("\r\n")) });
    if (!result.ok) throw new Error(`import run ${name}: ${JSON.stringify(result.errors)}`);
    return result.value;
  };
  const troubled = await start("prosjekter.csv", [
    "Tittel;Fase;Startdato",
    "Et prosjekt;Idé;2027-01-01",
    "Et annet;Kanskje;31.02.2027",
  ]);
  const applied = await start("nye-prosjekter.csv", ["Tittel;Fase", `Prosjekt fra importsiden ${troubled.id};Idé`]);
  const answer = await imports.apply(imports.scope(actor, network), applied);
  if (!answer.ok) throw new Error("the import for the pages applies");
  return [
    ["importing from a spreadsheet", "/n/digi-rogaland/import"],
    ["mapping an import's columns", `/n/digi-rogaland/import/${troubled.id}`],
    ["an import's rows with problems", `/n/digi-rogaland/import/${troubled.id}/preview`],
    ["an import's report", `/n/digi-rogaland/import/${applied.id}`],
  ];
}

/** The demo data gives each network's secretariat leader an account; its edit page is linked from the list. */
async function firstAccessEditPath(s: PageSource): Promise<string> {
  const href = (await s.adminHtml("/n/digi-rogaland/people")).match(/href="([^"]*\/people\/[^"]*\/edit)"/)?.[1];
  if (!href) throw new Error("the demo secretariat is listed");
  return href;
}
