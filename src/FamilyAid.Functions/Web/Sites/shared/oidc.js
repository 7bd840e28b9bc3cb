// Sign-in with an OpenID Connect authority (Microsoft Entra ID): the authorization-code flow with PKCE of a public
// client (a single-page application: no secret). The verifier, state and nonce wait in sessionStorage for the one
// redirect back; the access token then lives where every session token lives (session.js), and the code never stays
// in the address bar.
import { claims, signIn } from './session.js';

const PENDING = 'familyaid.oidc';

/** Whether the options name an authority the page can sign in with. */
export function oidcConfigured(options) {
  return !!(options?.authority && options.clientId && options.scope);
}

/** Sends the browser to the authority's authorize endpoint; it comes back to this page with ?code=&state=. */
export async function beginOidcSignIn(options) {
  const metadata = await discover(options.authority);
  const pending = { state: random(), nonce: random(), verifier: random(), tokenEndpoint: metadata.token_endpoint, issuer: metadata.issuer };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: options.clientId, response_type: 'code', response_mode: 'query', redirect_uri: redirectUri(),
    scope: `openid ${options.scope}`, state: pending.state, nonce: pending.nonce,
    code_challenge: await challenge(pending.verifier), code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

/**
 * Finishes a sign-in the authority sent back here: false when this load is no redirect back; true once the access token
 * is kept. Throws Error('oidc-failed') on an error answer, a state that is not ours, or a token not meant for us.
 */
export async function completeOidcSignIn(options) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  // The code is single-use and short-lived, but it still leaves the address bar (history, bookmarks) at once.
  history.replaceState(null, '', location.pathname);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (!pending || params.has('error') || params.get('state') !== pending.state) throw new Error('oidc-failed');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: options.clientId, code: params.get('code'), redirect_uri: redirectUri(),
      code_verifier: pending.verifier, scope: `openid ${options.scope}`,
    }),
    cache: 'no-store',
  });
  const tokens = response.ok ? await response.json() : null;
  // The id token came straight from the token endpoint over TLS (OpenID Connect Core 3.1.3.7): its claims are checked,
  // its signature is the API's business for the access token it validates on every call.
  const id = claims(tokens?.id_token);
  const audiences = [].concat(id?.aud ?? []);
  if (!tokens?.access_token || !id || id.nonce !== pending.nonce || id.iss !== pending.issuer || !audiences.includes(options.clientId)) {
    throw new Error('oidc-failed');
  }
  signIn(tokens.access_token);
  return true;
}

/** The reviewer an authority's access token names, by the claims the app maps: { sub, region, name } or null. */
export function oidcReviewer(c, options) {
  const roles = [].concat(c?.[options.roleClaim] ?? []);
  const region = c?.[options.regionClaim];
  return roles.includes(options.reviewerRole) && typeof region === 'string' && region
    ? { sub: c.name || c[options.subjectClaim], region }
    : null;
}

async function discover(authority) {
  const response = await fetch(`${authority.replace(/\/$/, '')}/.well-known/openid-configuration`, { cache: 'no-store' });
  if (!response.ok) throw new Error('oidc-failed');
  return response.json();
}

// The page's own address, without query: the redirect URI registered for the client.
function redirectUri() {
  return new URL('./', document.baseURI).href;
}

function random() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challenge(verifier) {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
