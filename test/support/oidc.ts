import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestIdentity {
  email: string;
  email_verified: boolean;
  name: string;
}

/**
 * A real OpenID Connect provider (the oidc-provider package) on loopback, with its built-in login and
 * consent pages: any login name from `accounts` signs in, with any password.
 */
export async function startOidcProvider(options: {
  redirectUri: string;
  postLogoutUri: string;
  accounts: Record<string, TestIdentity>;
}) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "samverk-test",
        client_secret: "samverk-test-secret-samverk-test-secret",
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ["oidc-test-cookie-key"] },
    findAccount: async (_ctx, sub) => {
      const identity = options.accounts[sub];
      if (!identity) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...identity }) };
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    clientId: "samverk-test",
    clientSecret: "samverk-test-secret-samverk-test-secret",
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
