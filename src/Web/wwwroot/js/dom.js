// Small DOM helpers shared by the pages: element building, the text of i18n/en.js, the sign-in form.
import { text as strings, errors as errorTexts } from '../i18n/en.js';

/** The text at a dotted key, with {name} blanks filled from vars; the key itself when missing (visible, never blank). */
export function t(key, vars = {}) {
  const value = key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), strings);
  if (typeof value !== 'string') return key;
  return value.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? `{${name}}`));
}

/** A plain-language explanation of an error code, with the ledger's own message after it. */
export function explain(error) {
  const code = error?.code ?? 'INTERNAL_ERROR';
  const plain = errorTexts[code] ?? errorTexts.INTERNAL_ERROR;
  return { code, plain, message: error?.message ?? '' };
}

/** Fills every [data-i18n] element's text and [data-i18n-<attr>] attribute from the strings. */
export function applyI18n(root = document) {
  document.documentElement.lang = strings.lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      if (attr.name.startsWith('data-i18n-')) el.setAttribute(attr.name.slice('data-i18n-'.length), t(attr.value));
    }
  }
}

/** h('p', {class: 'x', onclick}, 'text', child…) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElementNS(tag === 'svg' || attrs.svg ? 'http://www.w3.org/2000/svg' : 'http://www.w3.org/1999/xhtml', tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (name === 'svg' || value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const svg = (tag, attrs = {}, ...children) => h(tag, { ...attrs, svg: true }, ...children);

export const $ = (selector, root = document) => root.querySelector(selector);

/** Replaces an element's children. */
export function show(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** A time as the reader's locale shows it, with the exact UTC value in a <time> element. */
export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return h('time', { datetime: iso, title: iso }, Number.isNaN(d.getTime()) ? iso : d.toLocaleString());
}

/** Shows a status or error message in a live region (role=status or role=alert in the HTML). */
export function say(region, message, kind = 'info') {
  region.className = `message ${kind}`;
  show(region, message);
  region.hidden = !message;
}

/** An error box's content: the plain reason, then the code and the ledger's message. */
export function errorMessage(error) {
  // Not a refusal from the ledger but a fault of the page itself: log it, so it is seen and fixed.
  if (error instanceof Error && !('code' in error)) console.error(error);
  const { code, plain, message } = explain(error);
  return h('span', {}, h('strong', {}, plain), ' ', h('span', { class: 'code' }, `(${code}${message ? `: ${message}` : ''})`));
}

/** The claims of a JWT, read (not verified: the ledger verifies it) to know who is signed in. */
export function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part + '='.repeat((4 - (part.length % 4)) % 4)))));
  } catch {
    return null;
  }
}

/**
 * Wires the sign-in form of a page (#signin with #token, #signed-in with #who and #signout).
 * The token is kept in sessionStorage under the page's role, so a reload keeps the reader signed in
 * but closing the tab forgets it. Calls onChange(token, claims) when someone signs in or out.
 */
export function signIn(role, onChange) {
  const storageKey = `ddl.token.${role}`;
  const form = $('#signin');
  const box = $('#signed-in');
  const message = $('#signin-message');
  function apply(token) {
    const c = token ? claims(token) : null;
    if (token && !c?.sub) {
      say(message, t('signin.malformed'), 'error');
      return;
    }
    if (token && c.role !== role) {
      say(message, t('signin.wrongRole', { role: c.role ?? '?', expected: role }), 'error');
      return;
    }
    say(message, '');
    if (token) sessionStorage.setItem(storageKey, token); else sessionStorage.removeItem(storageKey);
    form.hidden = Boolean(token);
    box.hidden = !token;
    if (token) $('#who').textContent = t('signin.as', { sub: c.sub });
    onChange(token, c);
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply($('#token', form).value.trim());
  });
  $('#signout').addEventListener('click', () => { $('#token', form).value = ''; apply(null); $('#token', form).focus(); });
  const saved = sessionStorage.getItem(storageKey);
  // After the page's module has finished loading, so the callback may use everything it defines.
  queueMicrotask(() => (saved ? apply(saved) : onChange(null, null)));
}

/**
 * The skip link and the site header with its navigation, the same on every page (written once
 * here, not in each HTML file), with the current page marked for screen readers (aria-current).
 * Call it before applyI18n(): its text comes from the data-i18n keys like the rest of the page.
 */
export function pageHeader() {
  const link = (href, key) => h('a', { href, 'data-i18n': key, 'aria-current': href === location.pathname ? 'page' : null });
  document.body.prepend(
    h('a', { class: 'skip', href: '#main', 'data-i18n': 'nav.skip' }),
    h('header', {},
      h('p', { class: 'brand', 'data-i18n': 'brand' }),
      h('nav', { 'data-i18n-aria-label': 'nav.label' },
        link('/', 'nav.public'),
        link('/patient.html', 'nav.patient'),
        link('/pharmacy.html', 'nav.pharmacy'),
        link('/regulator.html', 'nav.regulator'))));
}

/** A table from column headings and rows of cells; `caption` names it for screen readers. */
export function table(caption, headings, rows, attrs = {}) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', attrs,
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headings.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

/** Like t, but `fallback` when the strings have no such key (e.g. an event type added later). */
export function tOr(key, fallback, vars = {}) {
  const value = t(key, vars);
  return value === key ? fallback : value;
}

/** The plain name of an entry type (e.g. "prescription.dispensed"); the type itself when unknown. */
export function typeName(type) {
  return strings.entryTypes[type] ?? type;
}
