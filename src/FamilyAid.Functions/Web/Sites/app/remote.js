// 异地就医备案: registrations for oneself and for a relative one acts for (亲情账户), and cancelling one.
import { api } from './shared/session.js';
import { $, button, chinaToday, confirmed, el, explain, say, signedOutBy, t, tell } from './ui.js';
import { cities, remoteKinds } from './words.js';

/** Wires the form once. */
export function setUp() {
  $('remote-kind').replaceChildren(...remoteKinds.map(kind => option(kind, t(`remote.${kind}`))));
  $('remote-city').replaceChildren(...cities.map(([code, name]) => option(code, name)));
  $('remote-form').addEventListener('submit', file);
}

function option(value, text) {
  return Object.assign(el('option', '', text), { value });
}

/** Shows the tab: who the caller may file for (themselves and those they act for), and the registrations. */
export async function show(family, me) {
  const proxied = (family?.members ?? []).filter(m => m.kind === 'proxy' && family.authorizer.id === me);
  const chosen = $('remote-for').value;
  $('remote-for').replaceChildren(option('', t('self')), ...proxied.map(m => option(m.personId, m.name)));
  $('remote-for').value = proxied.some(m => m.personId === chosen) ? chosen : '';
  if (!$('remote-start').value) $('remote-start').value = chinaToday();
  await list(Object.fromEntries(proxied.map(m => [m.personId, m.name])));
}

async function file(event) {
  event.preventDefault();
  tell($('remote-error'), null);
  const city = $('remote-city').value;
  const body = {
    kind: $('remote-kind').value, destination: { provinceCode: city.slice(0, 2), cityCode: city },
    startDate: $('remote-start').value, proof: $('remote-proof').value,
  };
  if ($('remote-for').value) body.forPersonId = $('remote-for').value;
  try {
    const registration = await api('remote-registrations', { method: 'POST', body });
    say(t('registered', { status: t(`remoteStatus.${registration.status}`) }));
    await list(names());
  } catch (e) {
    if (!signedOutBy(e)) tell($('remote-error'), explain(e));
  }
}

function names() {
  return Object.fromEntries([...$('remote-for').options].filter(o => o.value).map(o => [o.value, o.textContent]));
}

async function list(nameOf) {
  let all;
  try {
    all = await api('remote-registrations');
  } catch (e) {
    if (!signedOutBy(e)) say(explain(e));
    return;
  }
  $('remote-empty').hidden = all.length > 0;
  $('registrations').replaceChildren(...all.map(r => {
    const item = el('li', 'card registration');
    item.dataset.id = r.id;
    item.append(el('h3', '', `${t(`remote.${r.kind}`)} · ${cities.find(([code]) => code === r.destination.cityCode)?.[1] ?? r.destination.cityName ?? r.destination.cityCode}`),
      el('p', '', `${t('filedFor', { name: nameOf[r.personId] ?? t('self') })} · ${t(`remoteStatus.${r.status}`)}`),
      el('p', 'muted', `${r.startDate} · ${r.validUntil ? t('validUntil', { date: r.validUntil }) : t('longTerm')}`));
    if (r.status === 'active' || r.status === 'in-review') {
      item.append(button(t('cancelRegistration'), async () => {
        if (!await confirmed(t('confirmCancel'))) return;
        try {
          await api(`remote-registrations/${encodeURIComponent(r.id)}`, { method: 'DELETE' });
        } catch (e) {
          if (!signedOutBy(e)) say(explain(e));
        }
        await list(nameOf);
      }, 'danger'));
    }
    return item;
  }));
}
