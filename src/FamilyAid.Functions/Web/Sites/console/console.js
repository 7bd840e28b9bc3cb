// The reviewer console: sign in, work the region's queue, read a request with its documents, decide it.
import { sentence } from './shared/problems.js';
import { api, ApiProblem, claims, devSignIn, onSignOut, onTokenPasted, signedIn, signInOptions, signOut } from './shared/session.js';
import { translatePage, translator } from './shared/text.js';
import { el, renderDocuments } from './documents.js';
import { rejectReasons, words } from './words.js';
import { remoteEntry, remoteFacts, remoteSummary } from './remote.js';
import { beginOidcSignIn, completeOidcSignIn, oidcConfigured, oidcReviewer } from './shared/oidc.js';

const t = translator(words);
const $ = id => document.getElementById(id);
const POLL_MS = 10000;
let queue = [];
let current = null;
let poller = null;
let options = { devSignIn: false };
// Requests decided here, or found decided by someone else: the queue drops them at once, although the API takes
// them out of the queue a moment after the decision (an effect).
const decided = new Set();

translatePage(t);
$('reject-reason').replaceChildren(
  Object.assign(el('option', '', t('pickReason')), { value: '' }),
  ...rejectReasons.map(key => Object.assign(el('option', '', t(`reason.${key}`)), { value: key })));

// ---- sign-in ------------------------------------------------------------------
onSignOut(reason => showSignIn(reason));

function showSignIn(reason) {
  clearInterval(poller);
  current = null;
  $('work').hidden = true;
  $('who').hidden = $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-reason').hidden = !reason;
  $('sign-in-reason').textContent = reason === 'expired' ? t('expired') : reason ? t(reason) : '';
  $('token').focus();
}

function start() {
  const c = claims();
  // A local token names the role and region itself; the authority's names them in the claims the app maps.
  const reviewer = c?.role === 'reviewer' && c.region ? { sub: c.sub, region: c.region } : oidcReviewer(c, options);
  if (!reviewer) {
    signOut('notReviewer');
    return;
  }
  $('sign-in').hidden = true;
  $('work').hidden = false;
  $('who').hidden = $('sign-out').hidden = false;
  $('who').textContent = t('who', reviewer);
  $('detail').hidden = true;
  $('detail-state').hidden = false;
  loadQueue();
  clearInterval(poller);
  poller = setInterval(loadQueue, POLL_MS);
  // The token's own expiry ends the session even when nothing is clicked.
  if (c.exp) setTimeout(() => { if (!signedIn()) signOut('expired'); }, Math.max(0, c.exp * 1000 - Date.now()) + 500);
}

onTokenPasted(start, () => t('notAToken'));

$('dev-form').addEventListener('submit', async event => {
  event.preventDefault();
  await devSignIn({ sub: $('dev-sub').value, role: 'reviewer', region: $('dev-region').value });
  start();
});

$('oidc-sign-in').addEventListener('click', () => beginOidcSignIn(options).catch(() => showSignIn('oidcFailed')));

$('sign-out').addEventListener('click', () => signOut());

// ---- the queue ----------------------------------------------------------------
async function loadQueue() {
  if ($('queue').hidden && !queue.length) $('queue-state').textContent = t('loading');
  try {
    // Binding requests and remote registrations in one queue: escalated first, then oldest first.
    const [bindings, remotes] = await Promise.all([api('review/queue'), api('review/remote-registrations')]);
    queue = [...bindings.map(entry => ({ ...entry, type: 'binding' })), ...remotes.map(remoteEntry)]
      .filter(entry => !decided.has(entry.id))
      .sort((a, b) => (b.escalated - a.escalated) || (Date.parse(a.submittedAt) - Date.parse(b.submittedAt)));
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 401) return;
    say(failure(e));
    return;
  }
  $('queue').hidden = queue.length === 0;
  $('queue-state').textContent = queue.length === 0
    ? t('emptyQueue')
    : t('queueCount', { n: queue.length, at: t.dateTime(new Date().toISOString()) });
  $('queue').tBodies[0].replaceChildren(...queue.map(queueRow));
}

function queueRow(entry) {
  const row = el('tr');
  row.dataset.id = entry.id;
  markCurrent(row, entry.id === current?.id);
  const label = entry.type === 'remote'
    ? remoteSummary(entry.view, t)
    : `${t(`kind.${entry.kind}`)} · ${t(`relation.${entry.relation}`)} · ${entry.id.slice(-6)}`;
  const open = el('button', 'link', label);
  open.type = 'button';
  open.addEventListener('click', () => openRequest(entry.id));
  const request = el('span');
  request.append(...(entry.type === 'remote' ? [badge('remote', t('remote')), ' '] : []), open);
  const mark = entry.escalated ? badge('escalated', t('escalated')) : entry.overdue ? badge('overdue', t('overdue')) : badge('on-time', t('onTime'));
  const cells = [request, t.dateTime(entry.submittedAt), t.dateTime(entry.dueAt), mark].map(content => {
    const cell = el('td');
    cell.append(content);
    return cell;
  });
  row.append(...cells);
  return row;
}

function markCurrent(row, isCurrent) {
  if (isCurrent) row.setAttribute('aria-current', 'true');
  else row.removeAttribute('aria-current');
}

function badge(kind, text) {
  return el('span', `badge ${kind}`, text);
}

// ---- a request ----------------------------------------------------------------
async function openRequest(id) {
  $('detail-state').hidden = false;
  $('detail-state').textContent = t('loading');
  $('detail').hidden = true;
  const type = queue.find(e => e.id === id)?.type ?? 'binding';
  const path = type === 'remote' ? 'review/remote-registrations' : 'review/bindings';
  try {
    current = { id, type, view: await api(`${path}/${encodeURIComponent(id)}`) };
  } catch (e) {
    if (!(e instanceof ApiProblem && e.status === 401)) say(failure(e));
    return;
  }
  if (type === 'remote') renderRegistration(current.view);
  else renderRequest(current.view);
  document.querySelectorAll('#queue tbody tr').forEach(r => markCurrent(r, r.dataset.id === id));
}

function renderRequest(view) {
  const b = view.binding;
  const policy = b.policyVersion ?? view.policyVersion ?? b.timeline.find(e => e.policyVersion)?.policyVersion;
  const facts = [
    ['requestId', b.id], ['kind', t(`kind.${b.kind}`)], ['relation', t(`relation.${b.relation}`)], ['status', t(`status.${b.status}`)],
    ['submittedAt', t.dateTime(b.submittedAt)], ['dueAt', t.dateTime(b.dueAt)],
    ...(policy ? [['policyVersion', String(policy)]] : []),
  ];
  $('facts').replaceChildren(...facts.flatMap(([key, value]) => [el('dt', '', t(key)), el('dd', '', value)]));
  const people = view.people ?? { authorizer: {}, member: { name: b.member.name, residentIdMasked: b.member.residentIdMasked } };
  $('people').tBodies[0].replaceChildren(...[['authorizer', people.authorizer], ['member', people.member]].map(([role, p]) => {
    const row = el('tr');
    row.append(el('th', '', t(role)), el('td', '', p.name ?? '—'), el('td', 'mono', p.residentIdMasked ?? '—'),
      el('td', '', p.age == null ? '—' : t('ageYears', { n: p.age })));
    row.firstChild.scope = 'row';
    return row;
  }));
  renderDocuments($('documents'), view.documents, t);
  $('timeline').replaceChildren(...b.timeline.map(e => {
    const item = el('li');
    item.append(el('time', '', t.dateTime(e.at)), ' ', t(`event.${e.event}`));
    return item;
  }));
  showDecisions(b.status === 'in-review', b.status === 'awaiting-face-check');
}

// A remote registration: its facts, the one person, its proof in place of uploads, its timeline; no counter check.
function renderRegistration(view) {
  $('facts').replaceChildren(...remoteFacts(view, t).flatMap(([key, value]) => [el('dt', '', t(key)), el('dd', '', value)]));
  const p = view.person ?? {};
  const row = el('tr');
  row.append(el('th', '', t('person')), el('td', '', p.name ?? '—'), el('td', 'mono', p.residentIdMasked ?? '—'),
    el('td', '', p.age == null ? '—' : t('ageYears', { n: p.age })));
  row.firstChild.scope = 'row';
  $('people').tBodies[0].replaceChildren(row);
  $('documents').replaceChildren(el('p', 'muted', t('noUploads', { proof: t(`proof.${view.proof}`) })));
  $('timeline').replaceChildren(...(view.timeline ?? []).map(e => {
    const item = el('li');
    item.append(el('time', '', t.dateTime(e.at)), ' ', t(`remoteEvent.${e.event}`), ...(e.reason ? [`：${e.reason}`] : []));
    return item;
  }));
  showDecisions(view.status === 'in-review', false);
}

function showDecisions(inReview, awaitingFaceCheck) {
  $('approve').disabled = !inReview;
  $('reject-form').querySelector('button').disabled = !inReview;
  $('offline-form').hidden = current.type === 'remote';
  $('offline-form').querySelector('button').disabled = !(inReview || awaitingFaceCheck);
  $('outcome').hidden = true;
  $('detail-state').hidden = true;
  $('detail').hidden = false;
}

// ---- decisions ----------------------------------------------------------------
async function decide(decision, reason) {
  if (!current) return;
  const id = current.id;
  const path = current.type === 'remote' ? 'review/remote-registrations' : 'review/bindings';
  try {
    await api(`${path}/${encodeURIComponent(id)}/decision`, { method: 'POST', body: reason ? { decision, reason } : { decision } });
  } catch (e) {
    if (e instanceof ApiProblem && ['not-in-review', 'registration-not-open'].includes(e.body.code)) showStale(e.body);
    else if (!(e instanceof ApiProblem && e.status === 401)) say(failure(e));
    return;
  }
  decided.add(id);
  say(t({ approve: 'approved', reject: 'rejected', 'verify-offline': 'verified' }[decision], { id }));
  current = null;
  $('detail').hidden = true;
  $('detail-state').hidden = false;
  $('detail-state').textContent = t('pickOne');
  $('reject-form').reset();
  $('offline-form').reset();
  await loadQueue();
}

function showStale(problem) {
  const by = { authorizer: t('authorizerWord'), applicant: t('applicantWord'), system: t('systemWord') }[problem.decidedBy] ?? problem.decidedBy;
  const [statusWord, eventWord] = current.type === 'remote' ? ['remoteStatus', 'remoteEvent'] : ['status', 'event'];
  const status = t(`${statusWord}.${problem.currentStatus}`);
  $('outcome').textContent = problem.decidedBy
    ? t('stale', { by, at: t.dateTime(problem.decidedAt), decision: t(`${eventWord}.${problem.decision}`), status })
    : t('staleUnknown', { status });
  $('outcome').hidden = false;
  $('approve').disabled = true;
  $('reject-form').querySelector('button').disabled = true;
  $('offline-form').querySelector('button').disabled = true;
  decided.add(current.id);
  loadQueue();
}

$('approve').addEventListener('click', () => decide('approve'));
$('reject-form').addEventListener('submit', event => {
  event.preventDefault();
  const key = $('reject-reason').value;
  const text = $('reject-text').value.trim();
  decide('reject', text ? `${t(`reason.${key}`)}：${text}` : t(`reason.${key}`));
});
$('offline-form').addEventListener('submit', event => {
  event.preventDefault();
  decide('verify-offline', $('offline-text').value.trim());
});
$('refresh').addEventListener('click', loadQueue);

function next() {
  const at = queue.findIndex(e => e.id === current?.id);
  const following = queue[at + 1] ?? queue[0];
  if (following) openRequest(following.id);
}

// Shortcuts work anywhere but in a field being typed in.
document.addEventListener('keydown', event => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest('input, textarea, select')) return;
  if ($('work').hidden) return;
  const key = event.key.toLowerCase();
  if (key === 'j' || key === 'n') next();
  else if (key === 'a' && current && !$('approve').disabled) decide('approve');
  else if (key === 'r' && current) $('reject-reason').focus();
  else if (key === 'v' && current && !$('offline-form').hidden) $('offline-text').focus();
  else return;
  event.preventDefault();
});

function say(text) {
  $('status').textContent = text;
}

// A failed call in words: the problem's plain Chinese sentence (shared/problems.js, one table for every page), or the
// API's English detail for a browser that does not ask for Chinese.
function failure(e) {
  return t('failed', { title: t.lang === 'zh' ? sentence(e instanceof ApiProblem ? e.body : null) : e.body?.detail || e.message });
}

// ---- start --------------------------------------------------------------------
options = await signInOptions().catch(() => options);
$('dev-form').hidden = !options.devSignIn;
$('oidc-card').hidden = !oidcConfigured(options);
let failed = false;
if (oidcConfigured(options)) {
  await completeOidcSignIn(options).catch(() => { failed = true; });
}
if (failed) showSignIn('oidcFailed');
else if (signedIn()) start();
else showSignIn(claims() ? 'expired' : null);
