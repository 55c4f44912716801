// A quarterly inspection's first state (4.3, 4.6: nothing reported, acknowledged or flagged
// yet) and its history lines as the API has shown them. Pure: the workflow and its tests build
// the state from these; what each fact changes is in inspection-rules.ts.
import type { Fact } from '../kernel/facts';
import type { InspectionInput, InspectionState } from './inspection-messages';

const iso = (ms: number) => new Date(ms).toISOString();

export function initialState({ contractId, year, quarter }: InspectionInput): InspectionState {
  return {
    contractId,
    year,
    quarter,
    periodStart: '',
    dueAt: '',
    status: 'open',
    breached: false,
    report: null,
    submittedAt: null,
    lateByMs: null,
    acknowledgedAt: null,
    remediation: [],
    stated: [],
    history: [],
  };
}

/** The history lines as the API has shown them: when (the fact's time), who, what. */
export const historyOf = (timeline: Fact[]): InspectionState['history'] =>
  timeline.map((f) => ({
    at: iso(f.occurredAt),
    by: f.recordedBy.name,
    event: f.type,
    ...(Object.keys(f.detail).length ? { detail: f.detail } : {}),
  }));
