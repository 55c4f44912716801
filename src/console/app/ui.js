// Small shared pieces of every page: the countdown, the refusal box, the badges.
import { html, useEffect, useState } from '../vendor/htm-preact.js';
import { span, t, when } from './i18n.js';

/** A clock for live countdowns: one re-render per second per mounted countdown. */
export function useNow(periodMs = 1000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(id);
  }, [periodMs]);
  return now;
}

/** Time left to dueAt, turning into "overdue" (and the breach colour) when it passes. */
export function Countdown({ dueAt, breached }) {
  const now = useNow();
  if (!dueAt) return html`<span>—</span>`;
  const left = Date.parse(dueAt) - now;
  const over = left <= 0 || breached;
  return html`<span class=${over ? 'countdown over' : 'countdown'} data-due=${dueAt} title=${when(dueAt)}>
    ${left > 0 ? t('dueIn', span(left)) : t('overdue', span(left))}
  </span>`;
}

/** A refusal as the API gave it: message, code and the clause that refused. */
export function Refusal({ error }) {
  if (!error) return null;
  return html`<div class="refusal" role="alert">
    <strong>${t('refused')}</strong> ${error.message} ${error.code ? html` <code>${error.code}</code>` : null}
    ${error.clause ? html` <span class="clause">${t('clause')} ${error.clause}</span>` : null}
  </div>`;
}

export const Badge = ({ kind, children }) => html`<span class=${`badge ${kind}`}>${children}</span>`;

/** Loads once (and again when deps change); returns [data, error, reload]. */
export function useLoad(load, deps = []) {
  const [state, setState] = useState({ data: undefined, error: undefined });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: undefined }),
      (error) => live && setState({ data: undefined, error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, n]);
  return [state.data, state.error, () => setN((x) => x + 1)];
}
