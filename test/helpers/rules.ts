// What the unit tests of the families' pure rules share: the code a rule refuses with, and a
// stand-in for the kernel case's fact recorder (the time as stated, a sequence number).
import type { Fact } from '../../src/workflows/kernel/facts';

/** The code of the failure a rule throws (details of the ApplicationFailure), or 'ok'. */
export function codeOf(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return ((e as { details?: { code: string }[] }).details?.[0] ?? { code: String(e) }).code;
  }
  return 'ok';
}

/** Records facts in a plain timeline at their stated time (recordedAt = occurredAt). */
export function factRecorder() {
  const facts: Fact[] = [];
  return (type: string, detail: Record<string, unknown>, clause: string, time: { occurredAt: number }): Fact => {
    const f: Fact = {
      seq: facts.length + 1,
      type,
      detail,
      clause,
      occurredAt: time.occurredAt,
      recordedAt: time.occurredAt,
      recordedBy: { name: 'test', role: 'system' },
    };
    facts.push(f);
    return f;
  };
}
