// The readings the contract leaves open (clauses.md: "the platform must not guess
// silently"). Each is a contract parameter; these texts are what records and reports show
// as "which clause and which reading was applied".
import { defaultTerms, type ContractTerms } from './terms';
import { EXTENSION_QUARTER_READING, QUARTER_READING } from './cycles';

export interface AppliedReading {
  parameter: string;
  clause: string;
  value: string;
  reading: string;
}

export function otherCommitmentReadingText(reading: '6.5' | '6.2.2', t: ContractTerms): string {
  return reading === '6.5'
    ? `6.2.2 and 6.5 both price "other service commitments"; applied 6.5: a rate chosen by the hospital's approver by the loss caused, within ${t.penalties.otherCommitmentMinPercent}%..${t.penalties.otherCommitmentMaxPercent}% of the contract amount`
    : `6.2.2 and 6.5 both price "other service commitments"; applied 6.2.2: a fixed ${t.penalties.otherCommitmentFixedPercent}% of the contract amount per occurrence`;
}

export function goLiveCountingText(counting: 'completed' | 'started', periodDays: number): string {
  return counting === 'completed'
    ? `6.3 "每超期${periodDays}天" read as each COMPLETED ${periodDays}-day period after the extension (days 1-${periodDays - 1} late: none; day ${periodDays}: one period)`
    : `6.3 "每超期${periodDays}天" read as each STARTED ${periodDays}-day period after the extension (day 1 late: one period)`;
}

export function onsiteClockText(clock: 'report' | 'response'): string {
  return clock === 'report'
    ? '4.9.2: the 12 h on-site and 24 h replacement deadlines run from the fault report'
    : "4.9.2: the 12 h on-site and 24 h replacement deadlines run from the vendor's response";
}

export function remediationDaysText(days: number): string {
  return `4.6 asks to remediate security findings "promptly" without a deadline; applied: a high-severity inspection finding is due ${days} calendar days after the hospital acknowledges the report, ending 24:00 Asia/Shanghai`;
}

/** All open readings of these terms, for the contract record and reports. */
export function appliedReadings(t: ContractTerms): AppliedReading[] {
  const p = t.penalties;
  return [
    {
      parameter: 'penalties.otherCommitmentReading',
      clause: '6.2.2/6.5',
      value: p.otherCommitmentReading,
      reading: otherCommitmentReadingText(p.otherCommitmentReading, t),
    },
    {
      parameter: 'penalties.goLiveCounting',
      clause: '6.3',
      value: p.goLiveCounting,
      reading: goLiveCountingText(p.goLiveCounting, p.goLivePeriodDays),
    },
    {
      parameter: 'faults.onsiteClock',
      clause: '4.9.2',
      value: t.faults.onsiteClock,
      reading: onsiteClockText(t.faults.onsiteClock),
    },
    {
      parameter: 'faults.analysisDocumentHours',
      clause: '4.9.2',
      value: String(t.faults.analysisDocumentHours),
      reading: `4.9.2 requires a fault analysis document for levels 1-2 but names no deadline; applied: due ${t.faults.analysisDocumentHours} h after the report`,
    },
    {
      parameter: 'recurring.customerCareVisitsPerQuarter',
      clause: '4.1',
      value: String(t.recurring.customerCareVisitsPerQuarter),
      reading: `4.1 asks for "定期" (periodic) return visits without a frequency; applied: ${t.recurring.customerCareVisitsPerQuarter} per calendar quarter, due by the quarter's last day like the 4.3 inspection`,
    },
    {
      parameter: 'recurring.remediationDays',
      clause: '4.6',
      value: String(t.recurring.remediationDays),
      reading: remediationDaysText(t.recurring.remediationDays),
    },
    ...statedTimeReadings(t),
    // Fixed readings (not yet terms parameters): how the cycles count quarters (src/domain/cycles.ts).
    { parameter: 'cycles.quarters', clause: '4.1/4.3', value: 'contract-quarters', reading: QUARTER_READING },
    {
      parameter: 'cycles.extensionQuarters',
      clause: '3/4.3',
      value: 'due-at-full-quarter',
      reading: EXTENSION_QUARTER_READING,
    },
  ];
}

/** The contract names no rule for facts stated after the event (phoned-in reports, callbacks typed in later): issue 10's readings. */
export function statedTimeReadings(t: ContractTerms): AppliedReading[] {
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
      reading: `a party may state that a fact happened up to this long before it is recorded (${windows}); earlier is refused naming the rule`,
    },
    {
      parameter: 'statedTimes.toleranceSeconds',
      clause: '4.9',
      value: String(st.toleranceSeconds),
      reading: `a stated time within ${st.toleranceSeconds} s before the recording counts as the recording time (clock tolerance); earlier is marked as stated by that party`,
    },
    {
      parameter: 'statedTimes.contestHours',
      clause: '4.9',
      value: String(st.contestHours),
      reading: `the other party may contest a stated earlier time within ${st.contestHours} h of its recording; the hospital's approver decides, as for a disputed penalty (clause 6), and the deadline is judged on the decided time`,
    },
  ];
}
