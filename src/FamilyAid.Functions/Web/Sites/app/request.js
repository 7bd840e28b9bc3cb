// 家庭共济 / 亲情账户 requests: choose what the region's policy allows, enter the relative, upload the documents,
// submit and follow the timeline; and, for the relative, consent and the face check.
import { api } from './shared/session.js';
import { $, button, el, explain, say, signedOutBy, t, tell } from './ui.js';
import { prepare, put } from './upload.js';

const KINDS = ['sharing', 'proxy'];
const RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'maternal-grandparent', 'grandchild', 'maternal-grandchild'];
const FINAL = new Set(['approved', 'rejected', 'cancelled', 'expired']);
const POLL_MS = 3000;
let current = null;
let poller = null;

/** Wires the form once. */
export function setUp() {
  $('kinds').append(...KINDS.map((kind, i) => choice('kind', kind, t(`kind.${kind}`), t(`kindNote.${kind}`), i === 0)));
  $('region').addEventListener('change', loadPolicy);
  $('new-request').addEventListener('submit', create);
  $('submit').addEventListener('click', submit);
  $('close-request').addEventListener('click', () => { stop(); $('request').hidden = true; $('new-request').hidden = false; });
}

/** Shows the tab: the policy of the chosen region, the caller's requests and those waiting for their consent. */
export async function show() {
  await Promise.all([loadPolicy(), loadRequests(), current && !$('request').hidden ? open(current.id) : null]);
}

function choice(name, value, text, note, checked = false, disabledWhy = null) {
  const label = el('label', 'choice');
  const input = el('input');
  Object.assign(input, { type: 'radio', name, value, checked, disabled: !!disabledWhy });
  label.append(input, el('span', '', text));
  if (note || disabledWhy) label.append(el('small', disabledWhy ? 'why' : 'muted', disabledWhy || note));
  return label;
}

async function loadPolicy() {
  const region = $('region').value;
  let policy;
  try {
    const response = await fetch(new URL(`../policies/${encodeURIComponent(region)}`, document.baseURI));
    policy = await response.json();
    if (!response.ok) throw Object.assign(new Error(), { body: policy });
  } catch (e) {
    tell($('new-request-error'), explain(e));
    return;
  }
  const now = policy.inForce;
  $('policy-note').textContent = t('policy', { version: now.version, from: now.effectiveFrom });
  $('commitment-row').hidden = !now.commitmentInApp;
  const picked = document.querySelector('input[name=relation]:checked')?.value;
  $('relations').replaceChildren($('relations').querySelector('legend'), ...RELATIONS.map(relation => {
    const later = policy.upcoming.find(v => v.relations.includes(relation));
    const why = now.relations.includes(relation) ? null
      : later ? t('fromDate', { date: later.effectiveFrom }) : t('notInPolicy', { version: now.version });
    return choice('relation', relation, t(`relation.${relation}`), null, relation === picked && !why, why);
  }));
}

async function create(event) {
  event.preventDefault();
  const relation = document.querySelector('input[name=relation]:checked')?.value;
  const member = { name: $('member-name').value.trim(), residentId: $('member-id').value.trim().toUpperCase(), phone: $('member-phone').value.trim() };
  if (!relation) return tell($('new-request-error'), t('pickRelation'));
  if (!member.name || !member.residentId || !member.phone) return tell($('new-request-error'), t('fillAll'));
  tell($('new-request-error'), null);
  const body = { kind: document.querySelector('input[name=kind]:checked').value, region: $('region').value, relation, member };
  if (!$('commitment-row').hidden) body.commitmentConfirmed = $('commitment').checked;
  try {
    const created = await api('bindings', { method: 'POST', body });
    $('new-request').reset();
    say(t('created'));
    await open(created.id);
    await loadRequests();
  } catch (e) {
    if (!signedOutBy(e)) tell($('new-request-error'), explain(e));
  }
}

/** Opens a request: its documents while they are wanted, its facts and timeline, refreshed until it is final. */
export async function open(id) {
  stop();
  try {
    current = await api(`bindings/${encodeURIComponent(id)}`);
  } catch (e) {
    if (!signedOutBy(e)) say(explain(e));
    return;
  }
  $('new-request').hidden = true;
  $('request').hidden = false;
  render(current, true);
  poll();
}

function render(b, withDocuments) {
  $('request-title').textContent = t('requestTitle', { kind: t(`kind.${b.kind}`), relation: t(`relation.${b.relation}`), name: b.member.name });
  const facts = [['requestId', b.id], ['status', t(`status.${b.status}`)], ['requestedAt', t.dateTime(b.requestedAt)],
    ['dueAt', t.dateTime(b.dueAt)], ['policyVersion', b.policyVersion ?? '—']];
  $('request-facts').replaceChildren(...facts.flatMap(([key, value]) => [el('dt', '', t(key)), el('dd', `fact-${key}`, value)]));
  $('documents-part').hidden = b.status !== 'awaiting-documents';
  if (withDocuments) $('documents').replaceChildren(...b.documents.map(d => documentRow(b.id, d)));
  $('timeline').replaceChildren(...b.timeline.map(e => {
    const item = el('li');
    item.append(el('time', '', t.dateTime(e.at)), ' ', t(`event.${e.event}`));
    return item;
  }));
}

function documentRow(bindingId, doc) {
  const row = el('li', 'document');
  row.dataset.type = doc.type;
  const state = el('p', 'doc-state', doc.uploaded ? t('uploaded') : t('notUploaded'));
  const progress = el('progress');
  Object.assign(progress, { max: 100, value: doc.uploaded ? 100 : 0, hidden: true });
  progress.setAttribute('aria-label', t(`doc.${doc.type}`));
  const note = el('p', 'muted small resized');
  let chosen = null;
  const retry = button(t('retry'), () => send(), 'retry');
  retry.hidden = true;
  const send = async () => {
    retry.hidden = true;
    progress.hidden = false;
    progress.value = 0;
    state.textContent = t('uploading', { n: 0 });
    try {
      await put(`bindings/${encodeURIComponent(bindingId)}/documents/${doc.type}`, chosen.blob, chosen.type, n => {
        progress.value = n;
        state.textContent = t('uploading', { n });
      });
      state.textContent = t('uploaded');
      row.classList.add('done');
    } catch (e) {
      if (signedOutBy(e)) return;
      state.textContent = t('uploadFailed', { why: explain(e) });
      retry.hidden = false;
    }
  };
  const pick = async input => {
    const file = input.files[0];
    if (!file) return;
    chosen = await prepare(file);
    note.textContent = chosen.from ? t('resized', { from: chosen.from, to: chosen.to }) : '';
    input.value = '';
    await send();
  };
  const pickers = el('div', 'pickers');
  pickers.append(picker(doc.type, 'camera', t('camera'), 'image/*', true, pick), picker(doc.type, 'file', t('chooseFile'), 'image/*,application/pdf', false, pick));
  if (doc.uploaded) row.classList.add('done');
  row.append(el('span', 'doc-name', t(`doc.${doc.type}`)), state, progress, note, pickers, retry);
  return row;
}

function picker(type, how, text, accept, capture, pick) {
  const id = `${how}-${type}`;
  const input = el('input', 'sr-only');
  Object.assign(input, { type: 'file', id, accept });
  if (capture) input.setAttribute('capture', 'environment');
  input.addEventListener('change', () => pick(input));
  const label = el('label', 'button', text);
  label.htmlFor = id;
  const wrap = el('span');
  wrap.append(input, label);
  return wrap;
}

async function submit() {
  tell($('submit-error'), null);
  try {
    await api(`bindings/${encodeURIComponent(current.id)}/submit`, { method: 'POST' });
    say(t('submitted'));
    await open(current.id);
    await loadRequests();
  } catch (e) {
    if (!signedOutBy(e)) tell($('submit-error'), explain(e));
  }
}

function poll() {
  if (!current || FINAL.has(current.status)) return;
  poller = setTimeout(async () => {
    try {
      const fresh = await api(`bindings/${encodeURIComponent(current.id)}`);
      const moved = fresh.status !== current.status;
      current = fresh;
      render(fresh, moved && fresh.status === 'awaiting-documents');
      if (moved) loadRequests();
    } catch (e) {
      if (signedOutBy(e)) return;
    }
    poll();
  }, POLL_MS);
}

function stop() {
  clearTimeout(poller);
  poller = null;
}

/** Stops refreshing (the tab is left or the session ended). */
export const leave = stop;

async function loadRequests() {
  let all;
  try {
    all = await api('bindings');
  } catch (e) {
    if (!signedOutBy(e)) say(explain(e));
    return;
  }
  const mine = all.filter(b => b.role === 'authorizer');
  $('requests-empty').hidden = mine.length > 0;
  $('requests').replaceChildren(...mine.map(b => {
    const item = el('li', 'row');
    item.dataset.id = b.id;
    item.append(button(`${t(`kind.${b.kind}`)} · ${t(`relation.${b.relation}`)} · ${b.member.name}`, () => open(b.id), 'link'),
      el('span', `badge ${b.status}`, t(`status.${b.status}`)));
    return item;
  }));
  $('to-confirm').replaceChildren(...all.filter(b => b.role === 'member' && b.status === 'awaiting-face-check').map(invitation));
}

// The relative's side: the request waits for their own face check, on their own sign-in.
function invitation(b) {
  const card = el('div', 'card invite');
  card.dataset.id = b.id;
  const box = el('input');
  Object.assign(box, { type: 'checkbox', id: `consent-${b.id}` });
  const consent = el('label', 'check');
  consent.htmlFor = box.id;
  consent.append(box, ' ', t('consent'));
  const message = el('p', 'face-state');
  message.setAttribute('role', 'status');
  const start = button(t('startFaceCheck'), async () => {
    if (!box.checked) return void (message.textContent = t('needConsent'));
    start.disabled = true;
    try {
      await api(`bindings/${encodeURIComponent(b.id)}/face-check`, { method: 'POST', body: { consent: true } });
      message.textContent = t('faceChecking');
      await waitForVerdict(b.id, message, start);
    } catch (e) {
      start.disabled = false;
      if (!signedOutBy(e)) message.textContent = explain(e);
    }
  }, 'primary');
  card.append(el('h3', '', t('role_member')),
    el('p', '', t('invite', { kind: t(`kind.${b.kind}`), relation: t(`relation.${b.relation}`) })),
    consent, start, message);
  return card;
}

async function waitForVerdict(id, message, start) {
  const began = (await api(`bindings/${encodeURIComponent(id)}`)).timeline.length;
  for (;;) {
    await new Promise(resolve => setTimeout(resolve, 1500));
    const b = await api(`bindings/${encodeURIComponent(id)}`);
    const failed = b.timeline.slice(began).some(e => e.event === 'face-check-failed');
    if (b.status === 'approved') return void (message.textContent = t('facePassed'));
    if (FINAL.has(b.status)) return void (message.textContent = t(`status.${b.status}`));
    if (failed) {
      start.disabled = false;
      return void (message.textContent = t('faceFailed'));
    }
  }
}
