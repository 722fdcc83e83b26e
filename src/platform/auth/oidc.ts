import * as client from "openid-client";
import type { Config } from "../config.ts";

export interface OidcChecks {
  state: string;
  nonce: string;
  verifier: string;
}

export interface OidcIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string;
  idToken: string | undefined;
}

/**
 * Sign-in through any OpenID Connect provider (ID-porten, Ansattporten, Entra ID …), configured by
 * environment: authorization code flow with PKCE, state and nonce checked, and sign-out at the provider.
 */
export class OidcLogin {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly settings: Pick<
      Config,
      | "OIDC_ISSUER"
      | "OIDC_CLIENT_ID"
      | "OIDC_CLIENT_SECRET"
      | "OIDC_SCOPES"
      | "OIDC_NAME_CLAIM"
      | "OIDC_EMAIL_CLAIM"
      | "OIDC_LABEL"
    >,
    private readonly baseUrl: string,
  ) {}

  get enabled(): boolean {
    return Boolean(this.settings.OIDC_ISSUER && this.settings.OIDC_CLIENT_ID);
  }

  get label(): string {
    return this.settings.OIDC_LABEL;
  }

  get redirectUri(): string {
    return `${this.baseUrl}/login/oidc/callback`;
  }

  private config(): Promise<client.Configuration> {
    const issuer = new URL(this.settings.OIDC_ISSUER!);
    // Plain http only for a provider on this machine (tests, development); never across a network.
    const local = issuer.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
    this.configuration ??= client
      .discovery(
        issuer,
        this.settings.OIDC_CLIENT_ID!,
        this.settings.OIDC_CLIENT_SECRET,
        undefined,
        local ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((error) => {
        this.configuration = undefined; // try discovery again next time
        throw error;
      });
    return this.configuration;
  }

  async start(): Promise<{ url: string; checks: OidcChecks }> {
    const config = await this.config();
    const checks = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.OIDC_SCOPES,
      code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: "S256",
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url: url.href, checks };
  }

  async finish(callbackUrl: URL, checks: OidcChecks): Promise<OidcIdentity> {
    const config = await this.config();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let all: Record<string, unknown> = { ...claims };
    if (tokens.access_token) {
      all = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...all };
    }
    const email = all[this.settings.OIDC_EMAIL_CLAIM];
    const name = all[this.settings.OIDC_NAME_CLAIM];
    return {
      subject: `${config.serverMetadata().issuer}|${claims.sub}`,
      email: typeof email === "string" ? email.trim().toLowerCase() : null,
      emailVerified: all.email_verified === true,
      name: typeof name === "string" ? name : "",
      idToken: tokens.id_token,
    };
  }

  async logoutUrl(idToken: string): Promise<string | null> {
    const config = await this.config();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: `${this.baseUrl}/` }).href;
  }
}
