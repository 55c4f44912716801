// The dongle obligation's state before any fact, and the facts of a running contract entered at
// onboarding (issue 10 item 4): the vendor's declaration, the hospital's verification and the
// restrictions it found (6.6), each at its own time, judged by the workflow like live ones (4.10).
// Pure: facts go through the callback.
import type { PastDongleFinding } from '../../domain/onboarding';
import { addFinding, type RecordFact } from './dongle-rules';
import type { DongleInput, DongleState } from './dongle-messages';
import { enteredFor } from '../kernel/stated-times';

export const initialDongleState = (input: Pick<DongleInput, 'contractId'>): DongleState => ({
  contractId: input.contractId,
  deadline: { deadlineAt: '', lastDay: '', provisional: false, provisionalYears: [] },
  declarations: [],
  deadlineMissed: false,
  findings: [],
  contractEnded: null,
  stated: [],
  history: [],
});

const ONBOARDED_STATEMENT = 'declared before the contract was entered (onboarding)';

/**
 * The declaration (the vendor's), its verification and the restrictions found (the hospital's),
 * entered by the admin on their behalf, in time order; each finding awaits its judgement (pending).
 */
export function enterOnboarded(
  s: DongleState,
  past: { declaredAt?: string; verifiedAt?: string; findings?: PastDongleFinding[] },
  by: string,
  record: RecordFact,
): void {
  const findings = [...(past.findings ?? [])].sort((a, b) => Date.parse(a.foundAt) - Date.parse(b.foundAt));
  const found = (until: number) => {
    while (findings.length && Date.parse(findings[0]!.foundAt) < until) {
      const x = findings.shift()!;
      const detail = { findingId: x.findingId, description: x.description };
      const f = record('restriction.report', detail, '6.6', enteredFor(x.foundAt, 'hospital'));
      addFinding(s, by, x.findingId, x.description, f);
    }
  };
  if (past.declaredAt) {
    found(Date.parse(past.declaredAt));
    declare(s, { declaredAt: past.declaredAt, verifiedAt: past.verifiedAt }, by, record, found);
  }
  found(Infinity);
}

function declare(
  s: DongleState,
  past: { declaredAt: string; verifiedAt?: string | undefined },
  by: string,
  record: RecordFact,
  found: (until: number) => void,
): void {
  const d = record(
    'removal.declare',
    { statement: ONBOARDED_STATEMENT },
    '4.10',
    enteredFor(past.declaredAt, 'vendor'),
  );
  if (past.verifiedAt) found(Date.parse(past.verifiedAt));
  const v = past.verifiedAt
    ? record('removal.verify', { accepted: true }, '4.10', enteredFor(past.verifiedAt, 'hospital'))
    : undefined;
  s.declarations.push({
    at: past.declaredAt,
    by,
    removed: [],
    statement: ONBOARDED_STATEMENT,
    factSeq: d.seq,
    verification: v ? { at: past.verifiedAt!, by, accepted: true, factSeq: v.seq } : null,
  });
}
