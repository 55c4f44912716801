// A rights event (6.3-6.7) as the reader reads it (issue 15): the texts its numbers carry in
// English (a threshold's right, the go-live advance event's note) rendered again from those
// numbers in the reader's language, and a withdrawal's cause read back by template.
import { renderBasis } from './basis';
import type { Locale } from './locale';
import type { BasisKey } from './messages/ledger-basis';
import { writtenIn } from './written';

interface RightsEventText {
  clause: string;
  numbers: Record<string, unknown>;
  withdrawn: { cause: string } | null;
}

const THRESHOLD_KEYS: Record<string, BasisKey> = { '6.3': 'threshold.6.3', '6.4/6.5': 'threshold.6.4/6.5' };
const text = (v: unknown) => String(v ?? '');

function numbersIn(e: RightsEventText, locale: Locale): Record<string, unknown> {
  const n = e.numbers;
  const threshold = THRESHOLD_KEYS[e.clause];
  if (typeof n.description === 'string' && threshold && n.thresholdPercent !== undefined)
    return {
      ...n,
      description: renderBasis({ key: threshold, params: { percent: text(n.thresholdPercent) } }, locale),
    };
  if (typeof n.note === 'string' && n.authoritativeEventKey !== undefined) {
    const params = {
      chargedFen: text(n.goLiveDeductionsFen),
      periods: text(n.periods),
      contractAmountFen: text(n.contractAmountFen),
      percent: text(n.thresholdPercent),
      eventKey: text(n.authoritativeEventKey),
    };
    return { ...n, note: renderBasis({ key: 'right.6.3.go-live-pending', params }, locale) };
  }
  return n;
}

/** The event with its platform-written texts in the reader's language. */
export const rightsEventIn = <E extends RightsEventText>(e: E, locale: Locale): E => ({
  ...e,
  numbers: numbersIn(e, locale),
  withdrawn: e.withdrawn ? { ...e.withdrawn, cause: writtenIn(e.withdrawn.cause, locale) } : null,
});
