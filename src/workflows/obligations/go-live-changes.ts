// Facts that move the 6.3 go-live deadline from outside its updates: a term amendment of the
// date (a new written agreement of the parties) and the history entered at onboarding (the
// one written extension and go-live, each at its own time). Pure: each records its facts
// through the callback it is given and moves the state; the workflow carries out the rest.
import { latestGoLiveExtension } from '../../domain/go-live';
import type { GoLiveExtensionFact } from '../../domain/onboarding';
import type { ContractTerms } from '../../domain/terms';
import type { IsoDate } from '../../domain/time';
import type { Fact } from '../kernel/facts';
import { enteredFor } from '../kernel/stated-times';
import type { GoLiveState } from './go-live-messages';
import { closedTo, type RecordFact } from './go-live-rules';

const iso = (ms: number) => new Date(ms).toISOString();

export interface GoLiveAmendment {
  goLiveDate: IsoDate | null;
  termsVersion: number;
}

/**
 * An amendment of the go-live date replaces the deadline from now on. Periods already charged
 * stay in the ledger (the approver may waive them) and the numbering continues, so no period is
 * charged twice; later periods count from the new date. A pending or approved extension is
 * superseded and the one written extension of 6.3 may be requested against the new date.
 * Without a date the obligation closes. A repeat, or one after go-live or the end, is ignored.
 */
export function amendGoLiveDate(
  s: GoLiveState,
  a: GoLiveAmendment,
  nowMs: number,
  terms: ContractTerms,
  record: (type: string, detail: Record<string, unknown>) => Fact,
): void {
  if (s.liveAt || s.contractEnded || closedTo(s)) return;
  if (a.goLiveDate === s.goLiveDate) return;
  s.amendments.push({ at: iso(nowMs), termsVersion: a.termsVersion, from: s.goLiveDate, to: a.goLiveDate });
  record(a.goLiveDate ? 'golive.amend' : 'golive.date-removed', {
    from: s.goLiveDate,
    to: a.goLiveDate,
    termsVersion: a.termsVersion,
    summary: a.goLiveDate
      ? `golive.amend ${s.goLiveDate} -> ${a.goLiveDate} (terms version ${a.termsVersion})`
      : `golive.date-removed (terms version ${a.termsVersion})`,
  });
  if (!a.goLiveDate) return;
  if (s.extension) s.supersededExtensions.push({ ...s.extension, status: 'superseded' });
  s.extension = null;
  s.goLiveDate = a.goLiveDate;
  s.deadlineDate = a.goLiveDate;
  s.latestExtension = latestGoLiveExtension(a.goLiveDate, terms);
}

/**
 * The history entered at onboarding, for the admin on the parties' behalf: the one written
 * extension requested (the vendor's) and decided (the hospital's) at its times (the API checked
 * it as the live rules do), then go-live (the hospital's). An approved extension moves the
 * deadline, so periods count from it; periods late before go-live are charged as they would have been live.
 */
export function enterOnboarded(
  s: GoLiveState,
  past: { liveAt?: string; extension?: GoLiveExtensionFact },
  by: string,
  record: RecordFact,
): void {
  const e = past.extension;
  if (e) {
    const r = record(
      'extension.request',
      { newDate: e.newDate, reason: e.reason },
      enteredFor(e.requestedAt, 'vendor'),
    );
    const d = record(
      e.approved ? 'extension.approve' : 'extension.refuse',
      { approved: e.approved },
      enteredFor(e.decidedAt, 'hospital'),
    );
    s.extension = {
      requestedAt: iso(r.occurredAt),
      by,
      newDate: e.newDate,
      reason: e.reason,
      status: e.approved ? 'approved' : 'refused',
      decidedBy: by,
      decidedAt: iso(d.occurredAt),
    };
    if (e.approved) s.deadlineDate = e.newDate;
  }
  if (past.liveAt) {
    s.liveAt = past.liveAt;
    s.liveRecordedBy = by;
    s.liveFactSeq = record('golive.record', {}, enteredFor(past.liveAt, 'hospital')).seq;
  }
}
