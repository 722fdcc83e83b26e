import { AccountService } from "./modules/accounts/accounts.service.ts";
import { InvitationService } from "./modules/accounts/invitations.service.ts";
import { ConsultationService } from "./modules/consultations/consultations.service.ts";
import { MeetingService } from "./modules/decisions/meetings.service.ts";
import { PriorityService } from "./modules/decisions/priorities.service.ts";
import { DirectoryService } from "./modules/directory/directory.service.ts";
import { AssessmentService } from "./modules/needs/assessment.service.ts";
import { NeedService } from "./modules/needs/needs.service.ts";
import { AccessService } from "./modules/networks/access.service.ts";
import { NetworkService } from "./modules/networks/networks.service.ts";
import { ProjectService } from "./modules/projects/projects.service.ts";
import { AdoptionService } from "./modules/roadmap/adoption.service.ts";
import { RoadmapService } from "./modules/roadmap/roadmap.service.ts";
import { SolutionService } from "./modules/solutions/solutions.service.ts";
import { AmbitionService } from "./modules/strategies/ambitions.service.ts";
import { StrategyService } from "./modules/strategies/strategies.service.ts";
import { ThemeService } from "./modules/strategies/themes.service.ts";
import { type AuditSearch, historyOf, searchAudit } from "./platform/audit/audit.ts";
import { ApiTokenService } from "./platform/auth/api-tokens.ts";
import { OidcLogin } from "./platform/auth/oidc.ts";
import { SessionStore } from "./platform/auth/sessions.ts";
import { UserService } from "./platform/auth/users.ts";
import type { Config } from "./platform/config.ts";
import type { Db } from "./platform/db/client.ts";
import { type DataVersion, keepUntilChange } from "./platform/db/data-version.ts";
import { Throttle } from "./platform/http/throttle.ts";
import { isLocale } from "./platform/i18n/i18n.ts";
import { MailDelivery, Outbox, smtpTransport } from "./platform/mail/mail.ts";
import { ensureSecret } from "./platform/secret.ts";

type ServiceConfig = Pick<Config, "SAMVERK_SESSION_HOURS"> &
  Partial<
    Pick<
      Config,
      | "OIDC_ISSUER"
      | "OIDC_CLIENT_ID"
      | "OIDC_CLIENT_SECRET"
      | "OIDC_SCOPES"
      | "OIDC_NAME_CLAIM"
      | "OIDC_EMAIL_CLAIM"
      | "OIDC_LABEL"
    >
  > &
  Partial<Pick<Config, "SAMVERK_SESSION_IDLE_MINUTES" | "SAMVERK_INVITATIONS_PER_HOUR" | "SAMVERK_INPUTS_PER_TEN_MINUTES">> &
  Partial<Pick<Config, "SMTP_URL" | "SAMVERK_MAIL_FROM" | "SAMVERK_PUBLIC_URL" | "PORT" | "SAMVERK_SECRET">>;

const consoleLog = { error: (o: object, m: string) => console.error(m, o) };

/** One instance of each service per app; modules reach each other only through these. */
export function createServices(
  db: Db,
  config: ServiceConfig,
  log: { error(o: object, m: string): void } = consoleLog,
  options: {
    /** The installation runs in this one process (the embedded database): counters may live in memory. */
    oneProcess?: boolean;
    /** The data's version: what is counted from the data may be kept until it changes. */
    dataVersion?: DataVersion;
  } = {},
) {
  const directory = new DirectoryService(db, (personId, organisationId) =>
    networks.repo.networkIdsOfPerson(personId, organisationId),
  );
  const networks = new NetworkService(db, directory.organisations, directory.people);
  const users = new UserService(db);
  const sessions = new SessionStore(db, config.SAMVERK_SESSION_HOURS, config.SAMVERK_SESSION_IDLE_MINUTES ?? 120);
  const delivery = new MailDelivery(
    db,
    config.SMTP_URL ? smtpTransport(config.SMTP_URL) : null,
    config.SAMVERK_MAIL_FROM ?? "Samverk <no-reply@samverk.invalid>",
    log,
  );
  // Links in e-mail point at the configured public address, never at a Host header a client chose.
  const baseUrl = (config.SAMVERK_PUBLIC_URL ?? `http://localhost:${config.PORT ?? 3000}`).replace(/\/$/, "");
  const access = new AccessService(db, networks.repo, directory.organisations, { delivery, baseUrl });
  const projects = new ProjectService(
    db,
    networks.repo,
    directory.organisations,
    directory.people,
    access,
    { baseUrl, delivery },
    keepUntilChange(options.dataVersion),
  );
  const needs = new NeedService(db, access, networks.repo, projects.repo, { baseUrl, delivery });
  const assessment = new AssessmentService(db, networks.repo, needs);
  const roadmap = new RoadmapService(db);
  const strategies = new StrategyService(db, access);
  const adoption = new AdoptionService(db, roadmap.repo, directory.organisations, access);
  return {
    directory,
    networks,
    projects,
    needs,
    assessment,
    meetings: new MeetingService(db, networks.repo, needs, projects, assessment),
    priorities: new PriorityService(db, needs, projects),
    roadmap,
    adoption,
    strategies,
    ambitions: new AmbitionService(db, roadmap.repo, adoption),
    themes: new ThemeService(db, strategies),
    solutions: new SolutionService(db, access, directory.organisations, directory.people, projects.repo, networks.repo),
    access,
    users,
    sessions,
    audit: {
      history: (entity: string, id: string | number) => historyOf(db, entity, id),
      search: (filter: AuditSearch) => searchAudit(db, filter),
    },
    mail: { delivery, outbox: new Outbox(db) },
    accounts: new AccountService(db, users, sessions, delivery, baseUrl, {
      directoryEntriesFor: (email) => directory.people.byEmail(email),
      networkAccessOf: (userId) => access.repo.allOf(userId),
      removeNetworkAccess: (tx, userId) => access.repo.with(tx).removeAllOf(userId),
    }),
    // An account's language is known where it chose one for its need digest.
    invitations: new InvitationService(
      db,
      delivery,
      baseUrl,
      access,
      config.SAMVERK_INVITATIONS_PER_HOUR ?? 30,
      async (userId) => {
        const locale = (await needs.repo.digestSetting(userId))?.locale;
        return isLocale(locale) ? locale : undefined;
      },
    ),
    throttle: new Throttle(db, options.oneProcess),
    consultations: new ConsultationService(
      db,
      strategies,
      networks.repo,
      projects.repo,
      { delivery, baseUrl },
      () => ensureSecret(db, config.SAMVERK_SECRET),
      config.SAMVERK_INPUTS_PER_TEN_MINUTES,
      keepUntilChange(options.dataVersion),
    ),
    oidc: new OidcLogin(
      {
        OIDC_ISSUER: config.OIDC_ISSUER,
        OIDC_CLIENT_ID: config.OIDC_CLIENT_ID,
        OIDC_CLIENT_SECRET: config.OIDC_CLIENT_SECRET,
        OIDC_SCOPES: config.OIDC_SCOPES ?? "openid email profile",
        OIDC_NAME_CLAIM: config.OIDC_NAME_CLAIM ?? "name",
        OIDC_EMAIL_CLAIM: config.OIDC_EMAIL_CLAIM ?? "email",
        OIDC_LABEL: config.OIDC_LABEL ?? "ID-porten",
      },
      baseUrl,
    ),
    apiTokens: new ApiTokenService(db, async (id) => (await networks.repo.byId(id)) !== undefined),
  };
}

export type Services = ReturnType<typeof createServices>;
