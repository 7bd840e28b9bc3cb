// The signed-in session of a served page: the bearer token lives in sessionStorage only (gone with the tab, never in a
// URL or localStorage), calls to the API carry it, and a 401 or an expired token ends the session.
const KEY = 'familyaid.token';
const listeners = new Set();

/** The API's base URL: the pages are served at /api/<site>/. */
export const apiBase = new URL('../', document.baseURI);

/** The token's claims (read only to show who is signed in and when it expires: the API validates it). */
export function claims(token = sessionStorage.getItem(KEY)) {
  if (!token) return null;
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** Whether a token is kept that has not expired. */
export function signedIn() {
  const c = claims();
  return !!c && (!c.exp || c.exp * 1000 > Date.now());
}

/** Keeps a token for this tab's session; refuses one that is not a JWT. */
export function signIn(token) {
  const trimmed = (token || '').trim();
  if (!claims(trimmed)) throw new Error('not-a-token');
  sessionStorage.setItem(KEY, trimmed);
}

/** Wires the page's pasted-token form (ids `token-form`, `token`, `sign-in-reason`): a token is kept and the page
 * started, anything else is refused with `notAToken()`. */
export function onTokenPasted(start, notAToken) {
  const byId = id => document.getElementById(id);
  byId('token-form').addEventListener('submit', event => {
    event.preventDefault();
    try {
      signIn(byId('token').value);
      byId('token').value = '';
      start();
    } catch {
      byId('sign-in-reason').hidden = false;
      byId('sign-in-reason').textContent = notAToken();
    }
  });
}

/** Ends the session; listeners learn why ('expired' or 'signed-out'). */
export function signOut(reason = 'signed-out') {
  sessionStorage.removeItem(KEY);
  listeners.forEach(listener => listener(reason));
}

/** Calls back when the session ends. */
export function onSignOut(listener) {
  listeners.add(listener);
}

/** A problem answer of the API (RFC 9457), kept whole for the page to explain. */
export class ApiProblem extends Error {
  constructor(status, body) {
    super(body?.title || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

/** Calls the API with the session's token; JSON in and out. A 401 ends the session as expired. */
export async function api(path, { method = 'GET', body } = {}) {
  if (!signedIn()) {
    signOut('expired');
    throw new ApiProblem(401, { code: 'unauthorized' });
  }
  const headers = { Authorization: `Bearer ${sessionStorage.getItem(KEY)}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(path, apiBase), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.status === 401) {
    signOut('expired');
  }
  if (!response.ok) throw new ApiProblem(response.status, json);
  return json;
}

/** How this app lets people sign in: { devSignIn, authority, clientId, scope }. */
export async function signInOptions() {
  const response = await fetch(new URL('sign-in.json', document.baseURI), { cache: 'no-store' });
  return response.ok ? response.json() : { devSignIn: false };
}

/** Development only: a token minted by the app for these claims. */
export async function devSignIn(claimsWanted) {
  const response = await fetch(new URL('dev/sign-in', apiBase), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(claimsWanted),
  });
  if (!response.ok) throw new ApiProblem(response.status, await response.json().catch(() => null));
  signIn((await response.json()).token);
}

/** The Authorization header value of the session, for calls `api` does not make (an upload with progress). */
export function authorization() {
  return `Bearer ${sessionStorage.getItem(KEY)}`;
}
