// The readings the contract leaves open (clauses.md: "the platform must not guess
// silently"). Each is a contract parameter; these texts are what records and reports show
// as "which clause and which reading was applied", in the reader's language (issue 15; the
// sentences are src/i18n/messages/readings.ts).
import { defaultTerms, type ContractTerms } from './terms';
import type { Locale } from '../i18n/locale';
import { READING_TEXT, type ReadingKey } from '../i18n/messages/readings';
import { fill, type Values } from '../i18n/report-text';

export interface AppliedReading {
  parameter: string;
  clause: string;
  value: string;
  reading: string;
}

/** A reading's sentence in one language; English by default, the text records and workflow histories carry. */
export const readingText = (key: ReadingKey, values: Values = {}, locale: Locale = 'en'): string =>
  fill(READING_TEXT[key][locale], values);

export function otherCommitmentReadingText(reading: '6.5' | '6.2.2', t: ContractTerms, locale: Locale = 'en'): string {
  const p = t.penalties;
  return reading === '6.5'
    ? readingText(
        'otherCommitment.6.5',
        { minPercent: p.otherCommitmentMinPercent, maxPercent: p.otherCommitmentMaxPercent },
        locale,
      )
    : readingText('otherCommitment.6.2.2', { fixedPercent: p.otherCommitmentFixedPercent }, locale);
}

export function goLiveCountingText(
  counting: 'completed' | 'started',
  periodDays: number,
  locale: Locale = 'en',
): string {
  return counting === 'completed'
    ? readingText('goLive.completed', { periodDays, lastFreeDay: periodDays - 1 }, locale)
    : readingText('goLive.started', { periodDays }, locale);
}

export function onsiteClockText(clock: 'report' | 'response', locale: Locale = 'en'): string {
  return readingText(clock === 'report' ? 'onsiteClock.report' : 'onsiteClock.response', {}, locale);
}

export function remediationDaysText(days: number, locale: Locale = 'en'): string {
  return readingText('remediation', { days }, locale);
}

/** All open readings of these terms, for the contract record and reports, in the reader's language (English by default). */
export function appliedReadings(t: ContractTerms, locale: Locale = 'en'): AppliedReading[] {
  const p = t.penalties;
  return [
    {
      parameter: 'penalties.otherCommitmentReading',
      clause: '6.2.2/6.5',
      value: p.otherCommitmentReading,
      reading: otherCommitmentReadingText(p.otherCommitmentReading, t, locale),
    },
    {
      parameter: 'penalties.goLiveCounting',
      clause: '6.3',
      value: p.goLiveCounting,
      reading: goLiveCountingText(p.goLiveCounting, p.goLivePeriodDays, locale),
    },
    {
      parameter: 'faults.onsiteClock',
      clause: '4.9.2',
      value: t.faults.onsiteClock,
      reading: onsiteClockText(t.faults.onsiteClock, locale),
    },
    {
      parameter: 'faults.analysisDocumentHours',
      clause: '4.9.2',
      value: String(t.faults.analysisDocumentHours),
      reading: readingText('analysisDocument', { hours: t.faults.analysisDocumentHours }, locale),
    },
    {
      parameter: 'recurring.customerCareVisitsPerQuarter',
      clause: '4.1',
      value: String(t.recurring.customerCareVisitsPerQuarter),
      reading: readingText('customerCare', { visits: t.recurring.customerCareVisitsPerQuarter }, locale),
    },
    {
      parameter: 'recurring.remediationDays',
      clause: '4.6',
      value: String(t.recurring.remediationDays),
      reading: remediationDaysText(t.recurring.remediationDays, locale),
    },
    ...statedTimeReadings(t, locale),
    // Fixed readings (not yet terms parameters): how the cycles count quarters (src/domain/cycles.ts).
    {
      parameter: 'cycles.quarters',
      clause: '4.1/4.3',
      value: 'contract-quarters',
      reading: readingText('quarters', {}, locale),
    },
    {
      parameter: 'cycles.extensionQuarters',
      clause: '3/4.3',
      value: 'due-at-full-quarter',
      reading: readingText('extensionQuarters', {}, locale),
    },
  ];
}

/** The contract names no rule for facts stated after the event (phoned-in reports, callbacks typed in later): issue 10's readings. */
export function statedTimeReadings(t: ContractTerms, locale: Locale = 'en'): AppliedReading[] {
  const st = t.statedTimes ?? defaultTerms().statedTimes; // terms recorded in older workflow histories have none
  // 'default' first, then by kind: stored terms (jsonb) do not keep the order the keys were given in.
  const windows = Object.entries(st.backdateHours)
    .sort(([a], [b]) => (a === 'default' ? -1 : b === 'default' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([k, h]) => `${k}: ${h} h`)
    .join(', ');
  return [
    {
      parameter: 'statedTimes.backdateHours',
      clause: '4.9',
      value: windows,
      reading: readingText('statedTimes.backdate', { windows }, locale),
    },
    {
      parameter: 'statedTimes.toleranceSeconds',
      clause: '4.9',
      value: String(st.toleranceSeconds),
      reading: readingText('statedTimes.tolerance', { seconds: st.toleranceSeconds }, locale),
    },
    {
      parameter: 'statedTimes.contestHours',
      clause: '4.9',
      value: String(st.contestHours),
      reading: readingText('statedTimes.contest', { hours: st.contestHours }, locale),
    },
  ];
}
