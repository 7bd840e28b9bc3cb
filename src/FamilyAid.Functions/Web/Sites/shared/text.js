// Words of a served page: simplified Chinese, with English for browsers that do not ask for Chinese and for any
// phrase not translated. Dates are shown in China's time zone whatever the browser's.
export const ZONE = 'Asia/Shanghai';

/** 'zh' when the browser prefers Chinese, else 'en'. */
export function language(languages = navigator.languages?.length ? navigator.languages : [navigator.language]) {
  return languages.some(l => (l || '').toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

/** A translator over { zh: {...}, en: {...} }: t(key, values) fills {name} placeholders. */
export function translator(words, lang = language()) {
  const t = (key, values = {}) => {
    const phrase = words[lang]?.[key] ?? words.en[key] ?? key;
    return phrase.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');
  };
  t.lang = lang;
  t.locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  t.dateTime = iso => iso ? new Intl.DateTimeFormat(t.locale, { timeZone: ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—';
  return t;
}

/** Sets lang and fills every [data-t] element's text (and [data-t-label] aria-label, [data-t-placeholder]). */
export function translatePage(t) {
  document.documentElement.lang = t.lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-t]').forEach(e => { e.textContent = t(e.dataset.t); });
  document.querySelectorAll('[data-t-label]').forEach(e => e.setAttribute('aria-label', t(e.dataset.tLabel)));
  document.querySelectorAll('[data-t-placeholder]').forEach(e => e.setAttribute('placeholder', t(e.dataset.tPlaceholder)));
}
