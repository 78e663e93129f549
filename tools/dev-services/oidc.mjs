// Development-only OpenID Connect provider (oidc-provider) for local runs and tests.
// Any login with any password signs in; see OIDC-FLOW.md for the HTTP steps.
//
// Environment:
//   OIDC_PORT           port on 127.0.0.1 (default 9400)
//   OIDC_ISSUER         issuer (default http://127.0.0.1:$OIDC_PORT)
//   OIDC_CLIENT_ID      the one static client (default platform-local)
//   OIDC_CLIENT_SECRET  its secret (default platform-local-secret)
//   OIDC_REDIRECT_URIS  comma list of allowed redirect URIs
//                       (default http://127.0.0.1:5000/api/auth/callback/local)
//   OIDC_POST_LOGOUT_REDIRECT_URIS  optional comma list for RP-initiated logout
//
// Accounts (no store; derived from the login typed on the login form):
//   sub            = the login, lower-cased
//   email          = the login if it contains "@", else "<login>@example.test"
//   email_verified = true, except for logins starting with "unverified+": then false and
//                    the prefix is dropped from email and name, so
//                    "unverified+bob@example.test" claims email "bob@example.test" unverified
//                    (with sub "unverified+bob@example.test").
//   name           = the part of the email before "@"
//
// GitHub stand-in (for the Api's `github` provider type; see OIDC-FLOW.md): the same
// provider also answers GitHub's two user API calls, for access tokens it issued itself:
//   GET /github/user         {"id": <number from the account id>, "login", "name", "email": null, "avatar_url": null}
//   GET /github/user/emails  [{"email", "primary": true, "verified": <email_verified>, "visibility": null}]
// Authorize at /auth and exchange the code at /token as usual (with scope `openid`).
//
// Signing keys and cookie keys are made anew at every start: tokens and sessions do not
// survive a restart, which is fine for development and tests.
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 9400);
const issuer = (process.env.OIDC_ISSUER || `http://127.0.0.1:${port}`).replace(/\/+$/, '');
const clientId = process.env.OIDC_CLIENT_ID || 'platform-local';
const clientSecret = process.env.OIDC_CLIENT_SECRET || 'platform-local-secret';
const list = (value) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const redirectUris = list(process.env.OIDC_REDIRECT_URIS);
if (redirectUris.length === 0) redirectUris.push('http://127.0.0.1:5000/api/auth/callback/local');
const postLogoutRedirectUris = list(process.env.OIDC_POST_LOGOUT_REDIRECT_URIS);

const UNVERIFIED_PREFIX = 'unverified+';
const SCOPES = ['openid', 'email', 'profile'];
const CLAIMS = { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] };

// A stable, positive, JSON-safe (< 2^48) number for an account id, as GitHub's user ids are numbers.
export function gitHubIdFor(accountId) {
  return crypto.createHash('sha256').update(accountId).digest().readUIntBE(0, 6) || 1;
}

export function accountFor(login) {
  const unverified = login.toLowerCase().startsWith(UNVERIFIED_PREFIX);
  const address = unverified ? login.slice(UNVERIFIED_PREFIX.length) : login;
  const email = address.includes('@') ? address : `${address}@example.test`;
  return {
    sub: login.toLowerCase(),
    email,
    email_verified: !unverified,
    name: email.slice(0, email.lastIndexOf('@')),
  };
}

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };

const configuration = {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      client_name: 'Platform (local)',
      // A client registered with client_secret_basic also accepts client_secret_post.
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: redirectUris,
      post_logout_redirect_uris: postLogoutRedirectUris,
    },
  ],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  responseTypes: ['code'],
  pkce: { required: () => true },
  scopes: SCOPES,
  claims: CLAIMS,
  // Put the scope's claims into the ID token as well, not only into userinfo, so a relying
  // party that does not call userinfo still sees email, email_verified and name.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: true },
    userinfo: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  ttl: {
    AccessToken: 60 * 60,
    AuthorizationCode: 60,
    IdToken: 60 * 60,
    Interaction: 60 * 60,
    Grant: 14 * 24 * 60 * 60,
    Session: 14 * 24 * 60 * 60,
  },
  jwks: { keys: [signingKey] },
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  // The account id is the lower-cased login (oidc-provider makes it the `sub`); the login
  // as typed is kept so that email and name keep its letter case.
  async findAccount(_ctx, id) {
    const login = typedLogins.get(id) ?? id;
    return {
      accountId: id,
      async claims() {
        return { ...accountFor(login), sub: id };
      },
    };
  },
  // The client is first-party: grant what it asks for so the consent prompt never shows.
  async loadExistingGrant(ctx) {
    const { provider, client, session } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    const grant = (grantId && (await provider.Grant.find(grantId)))
      || new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(SCOPES.join(' '));
    grant.addOIDCClaims(Object.values(CLAIMS).flat());
    await grant.save();
    return grant;
  },
  renderError(ctx, out) {
    ctx.type = 'json';
    ctx.body = out;
  },
};

const provider = new Provider(issuer, configuration);

// devInteractions signs in with the login exactly as typed; make the account id the
// lower-cased login and remember the typed form (in memory, like everything else here).
const typedLogins = new Map();
const finishInteraction = provider.interactionFinished.bind(provider);
provider.interactionFinished = (req, res, result, options) => {
  const login = result?.login?.accountId;
  if (typeof login === 'string') {
    const accountId = login.toLowerCase();
    typedLogins.set(accountId, login);
    result = { ...result, login: { ...result.login, accountId } };
  }
  return finishInteraction(req, res, result, options);
};
// GitHub-shaped user API (see the header). Registered with provider.use, which runs it
// before the provider's own routes; every other path goes on to the provider.
const GITHUB_USER = '/github/user';
const GITHUB_EMAILS = '/github/user/emails';
provider.use(async (ctx, next) => {
  if (ctx.path !== GITHUB_USER && ctx.path !== GITHUB_EMAILS) return next();
  ctx.set('Cache-Control', 'no-store');
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    ctx.status = 405;
    ctx.set('Allow', 'GET, HEAD');
    ctx.body = { message: 'Method Not Allowed' };
    return undefined;
  }
  // GitHub takes "Bearer <token>" and the older "token <token>".
  const match = /^(?:Bearer|token)\s+(\S+)\s*$/i.exec(ctx.get('authorization'));
  const token = match && (await provider.AccessToken.find(match[1]));
  if (!token || !token.accountId || token.isSenderConstrained()) {
    ctx.status = 401;
    ctx.set('WWW-Authenticate', 'Bearer realm="GitHub"');
    ctx.body = { message: 'Requires authentication', status: '401' };
    return undefined;
  }
  const account = accountFor(typedLogins.get(token.accountId) ?? token.accountId);
  ctx.body = ctx.path === GITHUB_USER
    ? {
      id: gitHubIdFor(token.accountId),
      login: account.email.slice(0, account.email.lastIndexOf('@')),
      name: account.name,
      email: null,
      avatar_url: null,
    }
    : [{ email: account.email, primary: true, verified: account.email_verified, visibility: null }];
  return undefined;
});

provider.on('server_error', (_ctx, err) => console.error('oidc: server_error', err));
provider.on('authorization.error', (_ctx, err) => console.error('oidc: authorization.error', err.message, err.error_description ?? ''));
provider.on('grant.error', (_ctx, err) => console.error('oidc: grant.error', err.message, err.error_description ?? ''));

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc: issuer ${issuer}, discovery ${issuer}/.well-known/openid-configuration`);
  console.log(`oidc: client ${clientId}, redirect uris ${redirectUris.join(' ')}`);
  console.log(`oidc: GitHub stand-in ${issuer}${GITHUB_USER} and ${issuer}${GITHUB_EMAILS}`);
});

const stop = (signal) => {
  console.log(`oidc: ${signal}, stopping`);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
