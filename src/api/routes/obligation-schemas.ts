// The signing obligations as the API answers them (issue 6, issue 15): the rectification plan
// and go-live (6.3), the dongle removal (4.10, 6.6), the list across contracts and the
// hospital's change notices. Instants +08:00 (instants.ts), money integer fen as a string, days
// of the contract's calendar as YYYY-MM-DD. What every case's answer shares: case-schemas.ts.
import { z } from 'zod';
import { instantOut } from '../instants';
import { dateOut, StatedTime, Ended, History } from './case-schemas';
import { fenOut } from './money-schemas';

const WorkingDayDeadline = z.object({
  deadlineAt: instantOut,
  lastDay: dateOut,
  provisional: z.boolean().describe('a year of the working-day calendar it spans is not loaded yet'),
  provisionalYears: z.array(z.number().int()),
});
export const RectificationState = z.object({
  contractId: z.string(),
  signedAt: instantOut,
  termsVersion: z.number().int(),
  asOf: instantOut.optional(),
  planDeadline: WorkingDayDeadline.describe('7 working days after signing (6.3)'),
  plan: z
    .object({
      submittedAt: instantOut,
      by: z.string(),
      late: z.boolean(),
      systemCheck: z.string(),
      problems: z.array(z.string()),
      factSeq: z.number().int().optional(),
    })
    .nullable(),
  planBreach: z
    .object({
      at: instantOut,
      clause: z.string(),
      reading: z.string(),
      priced: z.boolean(),
      penaltyFen: fenOut.optional(),
    })
    .nullable(),
  items: z.array(
    z.object({
      itemId: z.string(),
      description: z.string(),
      dueDate: dateOut.optional(),
      exemption: z.object({ explanation: z.string() }).optional(),
      status: z.enum([
        'awaiting-review',
        'rejected',
        'open',
        'done-claimed',
        'done',
        'exempt',
        'unfinished-at-contract-end',
      ]),
      note: z.string().optional(),
      doneClaimedAt: instantOut.optional(),
      closedAt: instantOut.optional(),
      daysLate: z.number().int(),
      penaltyFen: fenOut.describe('0.3% of the contract amount per day late (6.3)'),
      rightsEventRaised: z.boolean(),
      doneFactSeq: z.number().int().optional(),
      penaltyKey: z.string().optional(),
    }),
  ),
  contractEnded: Ended,
  stated: z.array(StatedTime),
  history: History,
});

const Extension = z.object({
  requestedAt: instantOut,
  by: z.string(),
  newDate: dateOut,
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'refused', 'superseded']),
  decidedBy: z.string().optional(),
  decidedAt: instantOut.optional(),
  note: z.string().optional(),
});
export const GoLiveState = z.object({
  contractId: z.string(),
  asOf: instantOut.optional(),
  goLiveDate: dateOut,
  latestExtension: dateOut.describe('the latest date one written extension of at most a month may name (6.3)'),
  deadlineDate: dateOut,
  reading: z.string(),
  extension: Extension.nullable(),
  supersededExtensions: z.array(Extension),
  amendments: z.array(
    z.object({ at: instantOut, termsVersion: z.number().int(), from: dateOut, to: dateOut.nullable() }),
  ),
  contractEnded: Ended,
  liveAt: instantOut.nullable(),
  liveRecordedBy: z.string().nullable(),
  liveFactSeq: z.number().int().optional(),
  daysLate: z.number().int(),
  periodsCharged: z.number().int(),
  chargedFen: fenOut,
  breachRaised: z.boolean(),
  stated: z.array(StatedTime),
  history: History,
});

const Removed = z.object({
  kind: z.enum(['dongle', 'encryption', 'time-lock', 'licence-code']),
  description: z.string(),
});
export const DongleState = z.object({
  contractId: z.string(),
  deadline: WorkingDayDeadline.describe('the removal deadline (4.10)'),
  declarations: z.array(
    z.object({
      at: instantOut,
      by: z.string(),
      removed: z.array(Removed),
      statement: z.string(),
      factSeq: z.number().int().optional(),
      verification: z
        .object({
          at: instantOut,
          by: z.string(),
          accepted: z.boolean(),
          note: z.string().optional(),
          factSeq: z.number().int().optional(),
        })
        .nullable(),
    }),
  ),
  deadlineMissed: z.boolean(),
  findings: z.array(
    z.object({
      findingId: z.string(),
      foundAt: instantOut,
      reportedBy: z.string(),
      description: z.string(),
      relatedChangeId: z.string().optional(),
      outcome: z.enum(['pending', 'exempt', 'penalised']),
      reason: z.string().optional(),
      penaltyFen: fenOut.optional(),
      factSeq: z.number().int().optional(),
    }),
  ),
  contractEnded: Ended,
  stated: z.array(StatedTime),
  history: History,
});

/** One obligation case in the list across contracts (GET /obligations). */
export const ObligationListItem = z.object({
  workflowId: z.string(),
  contractId: z.string(),
  kind: z.enum(['rectification', 'golive', 'dongle', 'staff', 'service']),
  status: z.string(),
  awaiting: z.enum(['vendor', 'hospital', 'none']),
  breached: z.boolean(),
  nextDeadline: instantOut.nullable(),
  running: z.boolean(),
  closedAt: instantOut.nullable(),
  closedHow: z.string().nullable(),
  updatedAt: instantOut,
});

/** A MAC/IP/network/server change of the hospital and when the vendor was told (6.6 exception). */
export const HospitalChangeOut = z.object({
  changeId: z.string(),
  contractId: z.string(),
  kind: z.enum(['mac', 'ip', 'network', 'server']),
  description: z.string(),
  changedAt: instantOut,
  notifiedAt: instantOut,
  recordedBy: z.string(),
  recordedAt: instantOut,
  lateNotice: z.boolean().describe('notified less than a week before the change (6.6)'),
});
