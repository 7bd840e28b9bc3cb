// Small pieces every part of the applicant's page uses: elements, money, the problem sentence, a confirmation.
import { ApiProblem } from './shared/session.js';
import { sentence } from './shared/problems.js';
import { translator } from './shared/text.js';
import { words } from './words.js';

/** The page's words: always simplified Chinese. */
export const t = translator(words, 'zh');

/** An element by id. */
export const $ = id => document.getElementById(id);

/** A new element with a class and text. */
export function el(tag, className = '', text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A button that runs an action. */
export function button(text, action, className = '') {
  const b = el('button', className, text);
  b.type = 'button';
  b.addEventListener('click', action);
  return b;
}

/** Fen as yuan: ¥1,234.50. */
export function money(fen) {
  return t('yuan', { amount: (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) });
}

/** What went wrong, as a sentence: every problem answer through the shared explanation of its code. */
export function explain(error) {
  return sentence(error instanceof ApiProblem ? error.body : null);
}

/** Shows (or, with null, hides) a message in an alert paragraph. */
export function tell(paragraph, text) {
  paragraph.hidden = !text;
  paragraph.textContent = text || '';
}

/** The status line at the top. */
export function say(text) {
  $('status').textContent = text;
}

/** Asks for a yes in the page's own dialog; resolves true on 确定. */
export function confirmed(question) {
  const dialog = $('confirm');
  $('confirm-text').textContent = question;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true }));
}

/** Today in China, as YYYY-MM-DD. */
export function chinaToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Whether a failed call already ended the session (nothing more to say then). */
export function signedOutBy(error) {
  return error instanceof ApiProblem && error.status === 401;
}
