// The applicant's page (an H5 stand-in for the mini-programs): sign in as an insured person, then four tabs —
// requests (and the relative's consent), the family, the payment code, remote-treatment registrations.
import { claims, devSignIn, onSignOut, onTokenPasted, signedIn, signInOptions, signOut } from './shared/session.js';
import * as codes from './codes.js';
import * as family from './family.js';
import * as remote from './remote.js';
import * as requests from './request.js';
import { $, explain, say, t } from './ui.js';

const tabs = ['requests', 'family', 'codes', 'remote'];

requests.setUp();
codes.setUp();
remote.setUp();

// ---- sign-in ------------------------------------------------------------------
onSignOut(reason => showSignIn(reason));

function showSignIn(reason) {
  requests.leave();
  codes.leave();
  $('home').hidden = true;
  $('who').hidden = $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-reason').hidden = !reason;
  $('sign-in-reason').textContent = reason ? t(reason) : '';
}

function start() {
  const c = claims();
  if (!c || (c.role && c.role !== 'applicant')) {
    signOut('notApplicant');
    return;
  }
  $('sign-in').hidden = true;
  $('home').hidden = false;
  $('who').hidden = $('sign-out').hidden = false;
  $('who').textContent = t('who', { sub: c.sub });
  // The token's own expiry ends the session even when nothing is tapped.
  if (c.exp) setTimeout(() => { if (!signedIn()) signOut('expired'); }, Math.max(0, c.exp * 1000 - Date.now()) + 500);
  go('requests');
}

$('dev-form').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    await devSignIn({ sub: $('dev-sub').value.trim() });
    start();
  } catch (e) {
    $('sign-in-reason').hidden = false;
    $('sign-in-reason').textContent = explain(e);
  }
});

onTokenPasted(start, () => t('notAToken'));

$('sign-out').addEventListener('click', () => signOut('signedOut'));

// ---- tabs ---------------------------------------------------------------------
document.querySelectorAll('.tabs button').forEach(b => b.addEventListener('click', () => go(b.dataset.tab)));

async function go(tab) {
  requests.leave();
  if (tab !== 'codes') codes.leave();
  say('');
  tabs.forEach(name => { $(`tab-${name}`).hidden = name !== tab; });
  document.querySelectorAll('.tabs button').forEach(b => {
    if (b.dataset.tab === tab) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  });
  const me = claims()?.sub;
  if (tab === 'requests') await requests.show();
  else if (tab === 'family') await family.show(member => go('codes').then(() => codes.showVoucher(member)));
  else if (tab === 'codes') codes.offerVouchers(await family.load('families/mine'), me);
  else if (tab === 'remote') await remote.show(await family.load('families/mine'), me);
}

// ---- start --------------------------------------------------------------------
signInOptions().then(options => { $('dev-form').hidden = !options.devSignIn; });
if (signedIn()) start();
else showSignIn(claims() ? 'expired' : null);
