// The service request's state (issue 18), carried across continue-as-new: plain JSON, instants
// ISO strings. Each fact keeps its factSeq, the order the case took it in.
import type { IsoDate } from '../../domain/time';
import type { StatedTime } from '../kernel/case-messages';
import type { BasisTemplate } from '../../i18n/basis';
import type { DocumentCitation, Party, ServiceRequestInput } from './messages';

export interface DueDate {
  date: IsoDate;
  proposedBy: Party;
  by: string;
  reason?: string;
  at: string;
  factSeq: number;
}
export interface Delivery {
  n: number;
  at: string;
  by: string;
  evidence: DocumentCitation[];
  note?: string;
  /** 4.4: the licence's new expiry date. */
  renewedUntil?: IsoDate;
  factSeq: number;
  review?: { decision: 'accepted' | 'sent-back'; by: string; at: string; reason?: string; factSeq: number };
}
export interface LargeChange {
  claimedBy: string;
  claimedAt: string;
  reason: string;
  factSeq: number;
  decision?: { outcome: 'agreed' | 'contested'; by: string; at: string; reason: string; separateTerms?: string };
}
export interface Breach {
  at: string;
  dueAt: string;
  /** The duty broken (the request's clause) and the clause that prices it (terms penalties.otherCommitmentReading). */
  clause: string;
  pricedUnder: '6.5' | '6.2.2';
  fact: string;
  priced: boolean;
  penaltyFen?: string;
  basis?: string;
  /** The basis as a template, rendered in the reader's language by the API (issue 15). */
  basisTemplate?: BasisTemplate;
  reading?: string;
  superseded?: string;
}

export type ServiceStatus =
  | 'awaiting-due-date'
  | 'open'
  | 'acknowledged'
  | 'in-progress'
  | 'delivered'
  | 'accepted'
  | 'renewed'
  | 'out-of-free-scope'
  | 'contract-ended';

export interface ServiceRequestState extends ServiceRequestInput {
  termsVersion: number | null;
  status: ServiceStatus;
  due: DueDate | null;
  /** An open proposal of a (new) due date, awaiting the other party. */
  dueProposal: DueDate | null;
  acknowledged: { by: string; at: string } | null;
  started: { by: string; at: string } | null;
  deliveries: Delivery[];
  largeChange: LargeChange | null;
  /** 4.4: when the warning ahead of the expiry was sent. */
  warnedAt: string | null;
  breach: Breach | null;
  /** 4.4: the accepted renewal and the case it opened for the new expiry date. */
  renewal: { expiresOn: IsoDate; workflowId: string; at: string } | null;
  contractEnded: { at: string; reason: string } | null;
  stated: StatedTime[];
  history: { at: string; actor: string; action: string }[];
}
