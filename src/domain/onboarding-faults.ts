// Onboarding a running contract (issue 10 item 4): a fault reported before the contract was
// registered and still open (4.9.x), with the facts its live case records, each at its time:
// the hospital's report; the vendor's response, investigation, analysis document (with the
// hospital's review), engineer on site, replacement and resolution; the hospital's reopenings
// (each with the round's on-site, replacement and resolution) and re-grading; an exclusion
// claimed and decided. A fault already closed (confirmed by the hospital) before registration is out of
// scope. What the platform concludes from it is the fault case's own rules lived again at those
// times (src/workflows/fault/past.ts), for the registration and the dry run alike.

/** A contest of an entered time, made by the other party and decided by the hospital's approver before the registration (clause 6). */
export interface PastContestEntry {
  by: 'hospital' | 'vendor';
  proposedAt: string;
  reason: string;
  contestedAt: string;
  decision?: { outcome: 'stated' | 'contested'; at: string; reason: string };
}

export interface PastFault {
  /** The hospital's own reference for the fault, unique in the onboarding block. */
  faultId: string;
  level: number;
  title: string;
  description: string;
  channel: 'phone' | 'wechat' | 'web' | 'remote';
  affectsOperations: boolean;
  reporter: string;
  reportedAt: string;
  response?: {
    at: string;
    engineer: string;
    how: 'phone' | 'wechat' | 'web' | 'remote' | 'onsite';
    note?: string;
    contest?: PastContestEntry;
  };
  investigatingAt?: string;
  onsite?: { at: string; engineer: string; note?: string; contest?: PastContestEntry };
  replacement?: { at: string; description: string; note?: string; contest?: PastContestEntry };
  resolution?: { at: string; summary: string; contest?: PastContestEntry };
  /** 4.9.2: each analysis document submitted (by its archive reference) and the hospital's review of it. */
  analysis?: {
    at: string;
    reference: string;
    checksum: string;
    note?: string;
    review?: { at: string; decision: 'accept' | 'reject'; reason?: string };
  }[];
  /**
   * 4.9.2: each time the hospital reopened the resolution before it instead of confirming it
   * (the first reopens `resolution`), with what the vendor did in the round that followed: the
   * 12 h / 24 h clocks restart from the reopening, as live.
   */
  reopenings?: {
    at: string;
    reason: string;
    onsite?: { at: string; engineer: string; note?: string; contest?: PastContestEntry };
    replacement?: { at: string; description: string; note?: string; contest?: PastContestEntry };
    resolution?: { at: string; summary: string; contest?: PastContestEntry };
  }[];
  /** 4.9.3: the hospital re-graded the fault. */
  regrades?: { at: string; level: number; reason: string }[];
  /** 4.9.2: an exclusion the vendor claimed, with the hospital's decision. */
  exclusion?: {
    claimedAt: string;
    cause: 'hospital-misoperation' | 'network' | 'hardware' | 'force-majeure';
    evidence: string[];
    explanation: string;
    decision?: { at: string; decision: 'accept' | 'reject'; reason: string };
  };
}

/** What the dry run answers per entered fault: its case, status, deadlines and ledger proposals. */
export interface FaultConclusion {
  faultId: string;
  caseId: string;
  status: string;
  deadlines: {
    id: string;
    clause: string;
    dueAt: string;
    status: string;
    doneAt: string | null;
  }[];
}
