// Codes shown at the counter: one's own payment code (展码) and a proxied relative's e-voucher, drawn as a QR code
// with a countdown, fetched again when it expires.
import { api } from './shared/session.js';
import { create } from './qrcode.js';
import { $, el, explain, signedOutBy, t, tell } from './ui.js';

const QUIET = 4; // modules of white around the symbol, as the QR standard asks
let ticker = null;
let source = null;

/** Wires the buttons once. */
export function setUp() {
  $('my-code').addEventListener('click', () => showCode({ title: t('myCode'), fetch: () => api('payment-codes', { method: 'POST', body: {} }) }));
  $('refresh-code').addEventListener('click', () => source && load(source));
}

/** Lists a button per relative whose e-voucher the caller may show. */
export function offerVouchers(family, me) {
  const proxied = (family?.members ?? []).filter(m => m.kind === 'proxy' && family.authorizer.id === me);
  $('code-choices').replaceChildren($('my-code'), ...proxied.map(m => {
    const b = el('button', '', t('showVoucher', { name: m.name }));
    b.type = 'button';
    b.addEventListener('click', () => showVoucher(m));
    return b;
  }));
}

/** Shows a relative's e-voucher (the caller acts for them). */
export function showVoucher(member) {
  return showCode({ title: t('voucherOf', { name: member.name }), fetch: () => api(`proxy/${encodeURIComponent(member.personId)}/e-voucher`) });
}

function showCode(what) {
  source = what;
  $('code-title').textContent = what.title;
  return load(what);
}

async function load(what) {
  clearInterval(ticker);
  tell($('code-error'), null);
  let code;
  try {
    code = await what.fetch();
  } catch (e) {
    $('code-panel').hidden = true;
    if (!signedOutBy(e)) tell($('code-error'), explain(e));
    return;
  }
  if (what !== source) return;
  draw($('qr'), code.code);
  $('code-text').textContent = code.code;
  $('code-panel').hidden = false;
  const expiresAt = new Date(code.expiresAt).getTime();
  // A code that arrives already expired (the phone's clock ahead of the server's) is not fetched again and again.
  const lives = expiresAt > Date.now();
  const tick = () => {
    const left = Math.ceil((expiresAt - Date.now()) / 1000);
    if (left > 0) return void ($('countdown').textContent = t('countdown', { n: left }));
    clearInterval(ticker);
    if (lives) {
      load(what);
    } else {
      $('countdown').textContent = t('codeExpired');
      $('qr').classList.add('stale');
    }
  };
  $('qr').classList.remove('stale');
  tick();
  ticker = setInterval(tick, 1000);
}

/** Stops the countdown (the tab is left or the session ended) and hides the code. */
export function leave() {
  clearInterval(ticker);
  source = null;
  $('code-panel').hidden = true;
}

function draw(canvas, text) {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const cells = modules.size + 2 * QUIET;
  const scale = Math.max(1, Math.floor(264 / cells));
  canvas.width = canvas.height = cells * scale;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#000';
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column)) context.fillRect((column + QUIET) * scale, (row + QUIET) * scale, scale, scale);
    }
  }
}
