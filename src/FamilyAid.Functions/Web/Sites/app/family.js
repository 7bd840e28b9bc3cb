// The family view: the caller's balances, the members with their quota (共济额度), the statement, and ending a
// relationship after a confirmation.
import { api, ApiProblem, claims } from './shared/session.js';
import { $, button, confirmed, el, explain, money, say, signedOutBy, t } from './ui.js';
import { regions } from './words.js';

let onVoucher = () => {};

/** Shows the tab; resolves the family (or null when the caller is in no active relationship). */
export async function show(showVoucher = onVoucher) {
  onVoucher = showVoucher;
  const [family, account] = await Promise.all([load('families/mine'), load('accounts/mine/entries?take=20')]);
  const me = claims()?.sub;
  $('family-empty').hidden = !!family;
  const balances = [];
  if (account) {
    balances.push(['balance', money(account.balanceFen)], ['reserved', money(account.reservedFen ?? 0)],
      ['available', money(account.balanceFen - (account.reservedFen ?? 0))]);
  }
  if (family?.poolFen != null) balances.push(['pool', money(family.poolFen)]);
  if (family && family.authorizer.id !== me) balances.push(['sharer', family.authorizer.name]);
  $('balances').hidden = balances.length === 0;
  $('balances').replaceChildren(...balances.flatMap(([key, value]) => [el('dt', '', t(key)), el('dd', '', value)]));
  $('members').replaceChildren(...(family?.members ?? []).map(m => memberCard(m, family.authorizer.id === me, m.personId === me)));
  statement(account);
  return family;
}

/** GETs a path; null when it is not there (404) or failed (said in the status line). */
export async function load(path) {
  try {
    return await api(path);
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 404) return null;
    if (!signedOutBy(e)) say(explain(e));
    return null;
  }
}

function memberCard(m, iAmSharer, itIsMe) {
  const card = el('li', 'card member');
  card.dataset.relationship = m.relationshipId;
  card.append(el('h3', '', `${m.name}（${t(`relation.${m.relation}`)}）`),
    el('p', 'muted', `${t(`kind.${m.kind}`)} · ${m.residentIdMasked} · ${regions[m.region] ?? m.region}`));
  if (m.quotaFen != null) card.append(el('p', 'quota', `${t('quota')}：${money(m.quotaFen)}`));
  if (iAmSharer && m.kind === 'sharing') card.append(quotaForm(m));
  const actions = el('div', 'actions');
  if (iAmSharer && m.kind === 'proxy') actions.append(button(t('showVoucher', { name: m.name }), () => onVoucher(m)));
  if (iAmSharer || itIsMe) actions.append(button(t('endRelationship'), () => end(m), 'danger'));
  card.append(actions);
  return card;
}

function quotaForm(m) {
  const form = el('form', 'inline');
  const id = `quota-${m.relationshipId}`;
  const label = el('label', '', t('quotaLabel', { name: m.name }));
  label.htmlFor = id;
  const input = el('input', 'mono');
  Object.assign(input, { id, type: 'number', min: '0', step: '0.01', inputMode: 'decimal', value: ((m.quotaFen ?? 0) / 100).toFixed(2) });
  const set = el('button', '', t('setQuota'));
  set.type = 'submit';
  form.append(label, input, set);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const answer = await api(`relationships/${encodeURIComponent(m.relationshipId)}/quota`,
        { method: 'PUT', body: { amountFen: Math.round(Number(input.value) * 100) } });
      say(t('quotaSet', { amount: money(answer.quotaFen) }));
      await show();
    } catch (e) {
      if (!signedOutBy(e)) say(explain(e));
    }
  });
  return form;
}

async function end(m) {
  if (!await confirmed(t('confirmEnd', { name: m.name, kind: t(`kind.${m.kind}`) }))) return;
  try {
    await api(`relationships/${encodeURIComponent(m.relationshipId)}`, { method: 'DELETE' });
    say(t('ended', { name: m.name }));
  } catch (e) {
    if (!signedOutBy(e)) say(explain(e));
  }
  await show();
}

function statement(account) {
  const entries = account?.entries ?? [];
  $('statement').hidden = entries.length === 0;
  $('statement-empty').hidden = entries.length > 0;
  $('statement').tBodies[0].replaceChildren(...entries.map(e => {
    const row = el('tr');
    row.append(el('td', '', t.dateTime(e.at)), el('td', '', t(`reason.${e.reason}`)),
      el('td', e.amountFen < 0 ? 'out' : 'in', money(e.amountFen)), el('td', '', money(e.balanceAfterFen)));
    return row;
  }));
}
