// The record path of a kernel case (record.ts explains the fence): publish the visibility, then
// write, one write at a time (serial.ts), the facts not yet written, the outbox batch, the live
// penalty keys and the family's projection row in one transaction (recordCase). A pass that
// changed nothing writes nothing, unless the API asked for a resync (record.ts). Outward effects
// (a rights event) run after the write that carries their fact.
import { attributePublisher } from './attributes';
import { recordCase } from './activities';
import { serialQueue } from './serial';
import { recordFence } from './record';
import type { Fact } from './facts';
import type { CaseOutbox } from './case-outbox';
import type { CaseOptions, Visibility } from './case';

const iso = (ms: number) => new Date(ms).toISOString();

/** The obligation record's projection row: status, awaiting, breached, next deadline, state. */
const obligationSnapshot = (v: Visibility, state: object, closed: boolean): Record<string, unknown> => ({
  status: v.status,
  awaiting: v.awaiting,
  breached: v.breached,
  nextDeadlineAt: v.nextDeadlineMs === null ? null : iso(v.nextDeadlineMs),
  state,
  closedAt: closed ? iso(Date.now()) : null,
});

export function caseRecorder(
  o: CaseOptions,
  caseId: string,
  timeline: readonly Fact[],
  outbox: CaseOutbox,
  /** Runs after each write (the stated times take the facts' recorded times: case-contests.ts). */
  afterWrite: () => void,
) {
  let persisted = 0;
  let lastSnapshot = '';
  const afterRecord: (() => Promise<unknown>)[] = [];
  const serial = serialQueue();
  const attributes = attributePublisher(true); // the start set contractId, kind, awaiting, breached
  let resync = false; // the API saw an Update fail without an answer: write the head even with nothing new (record.ts)

  return {
    /** An outward effect (a rights event) run after the record write that carries its fact. */
    after(fn: () => Promise<unknown>): void {
      afterRecord.push(fn);
    },
    /** The next record writes the head even if nothing changed (recordResyncSignal). */
    resync(): void {
      resync = true;
    },
    /** Publishes the visibility and writes the completed state through the one record path. */
    record(v: Visibility, state: object, closed = false): Promise<void> {
      attributes.publish({
        contractId: o.contractId,
        kind: o.kind,
        status: v.status,
        awaiting: v.awaiting,
        breached: v.breached,
        nextDeadlineMs: v.nextDeadlineMs,
        ...(o.contractYear === undefined ? {} : { contractYear: o.contractYear }),
        ...(v.overdue === undefined ? {} : { overdue: v.overdue }),
        ...(o.title === undefined ? {} : { title: o.title }),
      });
      return serial.run(async () => {
        const { asOf: _asOf, ...rest } = state as { asOf?: string };
        const key = JSON.stringify([v, rest, closed]);
        const pending = persisted < timeline.length || outbox.pending();
        if (key === lastSnapshot && !pending && !resync) return;
        resync = false;
        lastSnapshot = key;
        const batch = outbox.take();
        const facts = timeline.slice(persisted);
        persisted = timeline.length;
        const snapshot = () => (o.snapshot ?? obligationSnapshot)(v, state, closed);
        await recordCase(
          {
            caseId,
            kind: o.kind,
            contractId: o.contractId,
            fence: recordFence(0),
            lastSeq: timeline.length,
            facts,
            ...batch,
            penaltyKeys: outbox.penaltyKeys(),
            snapshot: snapshot(),
          },
          () => {
            afterWrite();
            // What was written is the state as it now is: the next pass must not write again for
            // the copied times alone (a cached run, which had them already, would not).
            lastSnapshot = JSON.stringify([v, rest, closed]);
            return snapshot();
          },
        );
        while (afterRecord.length) await afterRecord.shift()!();
      });
    },
    idle: () => serial.idle(),
  };
}
