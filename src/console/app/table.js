// A plain table of API items: the scalar fields as columns (instants shown in Beijing time,
// fen as yuan), nested ones left to their own page. Used where the console only shows a record.
import { html } from '../vendor/htm-preact.js';
import { when, yuan } from './i18n.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
function cell(key, v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' && INSTANT.test(v)) return when(v);
  if (/Fen$/.test(key) && /^-?\d+$/.test(String(v))) return yuan(v);
  if (typeof v === 'object') return Array.isArray(v) && v.every((x) => typeof x !== 'object') ? v.join(', ') : '…';
  return String(v);
}

export function ItemTable({ items, columns, label, rowAttr }) {
  if (!items || items.length === 0) return html`<p>—</p>`;
  const cols =
    columns ??
    Object.keys(items[0]).filter((k) =>
      items.some((i) => i[k] === null || typeof i[k] !== 'object' || Array.isArray(i[k])),
    );
  return html`<table class="cards" aria-label=${label}>
    <thead>
      <tr>
        ${cols.map((c) => html`<th scope="col">${c}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (i) =>
          html`<tr data-row=${rowAttr ? i[rowAttr] : undefined}>
            ${cols.map((c) => html`<td data-label=${c}>${cell(c, i[c])}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
