// A real OpenID provider on loopback for the single sign-on tests: the certified `oidc-provider` package with a
// confidential client, test accounts passed in as JSON, and a minimal sign-in form of its own (the package's
// development pages load fonts from Google; this one loads nothing). It makes no request to any other host: the client
// is static (no jwks_uri, no sector identifier), the keys are generated here.
//
// Settings (environment):
//   OIDC_TEST_PORT                 port on 127.0.0.1; the issuer is http://127.0.0.1:<port>
//   OIDC_TEST_CLIENT_ID, _SECRET   the one client
//   OIDC_TEST_REDIRECT_URIS        comma-separated redirect URIs of that client
//   OIDC_TEST_ACCOUNTS             JSON: { "<login>": { "claims": {...}, "idTokenAudience"?: "<other client id>" } };
//                                  the login is the `sub`. `idTokenAudience` makes the provider sign that account's ID
//                                  tokens for another audience (a token meant for another application).
//   OIDC_TEST_CLOCK_OFFSET_SECONDS shifts this process's clock (e.g. -600: ten minutes slow), so with a short
//   OIDC_TEST_ID_TOKEN_TTL         ID token lifetime (seconds) its ID tokens are already expired when they arrive.
//
// The provider insists on what the app must send: PKCE with S256, state and nonce.
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_TEST_PORT ?? 4140);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? "{}");
const clockOffsetMs = Number(process.env.OIDC_TEST_CLOCK_OFFSET_SECONDS ?? 0) * 1000;
const idTokenTtl = Number(process.env.OIDC_TEST_ID_TOKEN_TTL ?? 600);

if (clockOffsetMs !== 0) {
  // The provider computes every timestamp (iat, exp, code and session lifetimes) from Date.now.
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + clockOffsetMs;
}

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: `e2e-${port}`, use: "sig", alg: "RS256" };

const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const page = (title, body) =>
  `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_TEST_CLIENT_ID ?? "terminvergabe",
      client_secret: process.env.OIDC_TEST_CLIENT_SECRET ?? "e2e-client-secret",
      redirect_uris: (process.env.OIDC_TEST_REDIRECT_URIS ?? "").split(",").filter(Boolean),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: {
    keys: [randomBytes(32).toString("hex")],
    // Cookies ignore ports: two test providers on 127.0.0.1 must not read each other's.
    names: { session: `_session_${port}`, interaction: `_interaction_${port}`, resume: `_interaction_resume_${port}` },
  },
  async findAccount(_ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
  },
  // Roles ride on the always-granted openid scope, as a Keycloak mapper or Entra ID app roles would put them.
  claims: {
    openid: ["sub", "roles", "groups"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name", "preferred_username"],
  },
  // Scope claims in the ID token itself (Keycloak and Entra ID do the same): the app reads roles from it.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
  ttl: { IdToken: idTokenTtl, AccessToken: 600, AuthorizationCode: 60, Interaction: 3600, Session: 3600, Grant: 3600 },
  async renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = page("Fehler", `<h1>Fehler beim Anmeldedienst</h1><p>${escapeHtml(out.error)}</p>`);
  },
});

provider.use(async (ctx, next) => {
  if (ctx.path === "/auth" && ctx.method === "GET") {
    const missing = ["state", "nonce", "code_challenge"].filter((name) => !ctx.query[name]);
    if (missing.length > 0 || ctx.query.code_challenge_method !== "S256") {
      ctx.status = 400;
      ctx.type = "text";
      ctx.body = `the test provider requires state, nonce and PKCE (S256); missing: ${missing.join(", ") || "S256"}`;
      return;
    }
  }
  await next();
  // An account marked with idTokenAudience gets its ID token re-signed, with this provider's own key, for that
  // audience: everything else about the token is genuine.
  if (ctx.path === "/token" && ctx.status === 200 && ctx.body?.id_token) {
    const [header, payload] = ctx.body.id_token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const audience = accounts[claims.sub]?.idTokenAudience;
    if (audience) {
      const input = `${header}.${Buffer.from(JSON.stringify({ ...claims, aud: audience })).toString("base64url")}`;
      ctx.body = { ...ctx.body, id_token: `${input}.${sign("sha256", Buffer.from(input), privateKey).toString("base64url")}` };
    }
  }
});

async function readForm(req) {
  let raw = "";
  for await (const chunk of req) raw += chunk;
  return new URLSearchParams(raw);
}

function loginPage(uid, error) {
  return page(
    "Anmeldedienst (Test)",
    `<h1>Anmeldedienst Musterstadt (Test)</h1>
     ${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
     <form method="post" action="/interaction/${uid}/login">
       <label for="login">Benutzername</label>
       <input id="login" name="login" autocomplete="username" required>
       <button type="submit">Beim Anmeldedienst anmelden</button>
     </form>
     <form method="post" action="/interaction/${uid}/abort">
       <button type="submit">Zugriff verweigern</button>
     </form>`,
  );
}

/** Consent is given at once for what the client asked for: a provider the organisation runs for its own staff. */
async function grantFor(details, accountId) {
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope ?? "openid"));
  const missingClaims = details.prompt.details?.missingOIDCClaims;
  if (missingClaims) grant.addOIDCClaims(missingClaims);
  return grant.save();
}

async function interaction(req, res, url) {
  const [, , uid, step] = url.pathname.split("/");
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  if (req.method === "GET" && !step) {
    if (details.prompt.name === "consent") {
      const grantId = await grantFor(details, details.session.accountId);
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    return res.end(loginPage(uid));
  }
  if (req.method === "POST" && step === "login") {
    const login = (await readForm(req)).get("login")?.trim() ?? "";
    if (!Object.hasOwn(accounts, login)) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      return res.end(loginPage(uid, "Unbekannter Benutzername."));
    }
    const grantId = await grantFor(details, login);
    return provider.interactionFinished(req, res, { login: { accountId: login }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }
  if (req.method === "POST" && step === "abort") {
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "The user denied access" }, { mergeWithLastSubmission: false });
  }
  res.writeHead(404).end();
}

const handleProvider = provider.callback();
const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", issuer);
  if (!url.pathname.startsWith("/interaction/")) return handleProvider(req, res);
  interaction(req, res, url).catch((error) => {
    console.error(`oidc test provider: ${error?.message ?? error}`);
    if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
    res.end("interaction failed");
  });
});
server.listen(port, "127.0.0.1", () => console.info(`oidc test provider at ${issuer}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
