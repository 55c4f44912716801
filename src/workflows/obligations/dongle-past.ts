// The dongle obligation's state before any fact, and the facts of a running contract entered at
// onboarding (issue 10 item 4): the vendor's declaration and the hospital's verification, each
// at its own time, judged below like live ones (4.10). Pure: facts go through the callback.
import type { RecordFact } from './dongle-rules';
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

/** The declaration (the vendor's) and its verification (the hospital's), entered by the admin on their behalf. */
export function enterOnboarded(
  s: DongleState,
  past: { declaredAt: string; verifiedAt?: string },
  by: string,
  record: RecordFact,
): void {
  const d = record(
    'removal.declare',
    { statement: ONBOARDED_STATEMENT },
    '4.10',
    enteredFor(past.declaredAt, 'vendor'),
  );
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
