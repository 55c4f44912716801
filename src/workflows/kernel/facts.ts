// One fact format for every case family. A fact says what happened (type, detail, clause),
// when it happened (occurredAt: stated by the caller, default the instant it was recorded),
// when the platform recorded it (recordedAt, workflow time), who recorded it, on whose behalf,
// and, when the stated time lies before the recording beyond the clock tolerance, which party
// stated it (that party's claim, visible and contestable by the other one).
// Plain JSON: it travels in workflow payloads and continue-as-new. Instants are epoch ms.
import type { Actor, Party } from './actors';

export interface Fact {
  seq: number;
  type: string;
  occurredAt: number;
  recordedAt: number;
  recordedBy: Actor;
  onBehalfOf?: Party;
  statedBy?: Party;
  clause?: string;
  detail: Record<string, unknown>;
}

/** A fact before the timeline gives it its sequence number. */
export type FactInput = Omit<Fact, 'seq'>;

/** Appends a fact to a timeline with the next sequence number. */
export function appendFact(timeline: Fact[], f: FactInput): Fact {
  const fact: Fact = {
    seq: timeline.length + 1,
    type: f.type,
    occurredAt: f.occurredAt,
    recordedAt: f.recordedAt,
    recordedBy: f.recordedBy,
    detail: f.detail,
  };
  if (f.onBehalfOf) fact.onBehalfOf = f.onBehalfOf;
  if (f.statedBy) fact.statedBy = f.statedBy;
  if (f.clause) fact.clause = f.clause;
  timeline.push(fact);
  return fact;
}
