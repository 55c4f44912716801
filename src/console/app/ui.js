// Small shared pieces of every page: the countdown, the refusal box, the badges.
import { html, useEffect, useLayoutEffect, useState } from '../vendor/htm-preact.js';
import { span, t, when } from './i18n.js';

// One clock for every live countdown on the page: a single timer, however many rows (a queue
// of 100 cases had 100 intervals, each re-rendering its row every second).
const ticking = new Set();
let clock;
function subscribe(fn) {
  ticking.add(fn);
  clock ??= setInterval(() => ticking.forEach((f) => f(Date.now())), 1000);
  return () => {
    ticking.delete(fn);
    if (ticking.size === 0) clock = clearInterval(clock);
  };
}
/** The time now, re-rendered once a second while mounted. */
export function useNow() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => subscribe(setNow), []);
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

/**
 * Loads once (and again when deps change); returns [data, error, reload]. Started in a layout
 * effect, right after the render that mounts the page: a plain effect waits for the next frame
 * (preact's afterPaint), up to 16 ms more on every first render.
 */
export function useLoad(load, deps = []) {
  const [state, setState] = useState({ data: undefined, error: undefined });
  const [n, setN] = useState(0);
  useLayoutEffect(() => {
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
