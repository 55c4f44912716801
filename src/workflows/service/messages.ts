// The service request's messages (issue 18): the vendor's duties beyond faults, inspections and
// care (4.4 licences, 4.5 guidance, 4.6 security, 4.7 deliverables, 4.12 migration, 5.1/5.2
// interfaces, 5.3 rating reviews, 4.8.5/5.4 defects, upgrades, personalisation). Workflow id,
// input, actions (Temporal Updates), query and error codes, imported by the API, the
// workflow and the tests alike (the state: state.ts). Plain JSON: instants are ISO strings, action times epoch ms.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/time';
import type { ActionBase } from '../kernel/case-messages';
import type { OnboardedRequest } from './past';
import type { ServiceRequestState } from './state';

// The state's shapes live in state.ts (as the fault case's); re-exported so importers of the messages keep one module.
export type { Breach, Delivery, DueDate, LargeChange, ServiceRequestState, ServiceStatus } from './state';

/** The clauses a service request may cite (clauses.md "Other service duties"). */
export const SERVICE_CLAUSES = ['4.4', '4.5', '4.6', '4.7', '4.12', '5.1', '5.2', '5.3', '4.8.5', '5.4'] as const;
export type ServiceClause = (typeof SERVICE_CLAUSES)[number];

/** The workflow id of a service request (contract ids have no colon). */
export const serviceRequestId = (contractId: string, requestId: string) => `service:${contractId}:${requestId}`;

export type Party = 'hospital' | 'vendor';

export interface ServiceRequestInput {
  contractId: string;
  requestId: string;
  clause: ServiceClause;
  /** Raised by the hospital, planned from the year's list (MLPS review...), or a registered licence (4.4). */
  origin: 'raised' | 'planned' | 'licence';
  title: string;
  description: string;
  /** Stored documents attached to the request (issue 14's one citation shape, checked against the store). */
  documents: DocumentCitation[];
  raisedAt: string;
  raisedBy: { name: string; role: string };
  /** The due date the raising party proposes; the other party accepts it (or proposes another). */
  proposedDueDate?: IsoDate;
  /** 4.4: the licence and its expiry date (the licence must be renewed before it lapses). */
  licence?: Licence;
  /** Raised before its contract was registered and still open: its entered facts, lived again at their times (past.ts). */
  onboarded?: OnboardedRequest;
}

/** A stored document version and its hash: `<documentId>@<version>` (src/documents/refs.ts checks it). */
export interface DocumentCitation {
  documentRef: string;
  sha256: string;
}
export const CITATION_REF = /^doc_[0-9a-f]{32}@\d{1,6}$/;
export const CITATION_SHA256 = /^(sha256:)?[a-fA-F0-9]{64}$/;

export interface Licence {
  name: string;
  expiresOn: IsoDate;
  /** The request id of the licence's first registration: each renewal's case is `<firstRequestId>.<yyyymmdd>`. */
  firstRequestId?: string;
  /** The workflow id of the case whose renewal opened this one (4.4). */
  renewalOf?: string;
}
/** The request id of the case a renewal until `expiresOn` opens (one per new expiry date: a retry finds it). */
export const renewalRequestId = (s: { requestId: string; licence?: Licence }, expiresOn: IsoDate) =>
  `${s.licence?.firstRequestId ?? s.requestId}.${expiresOn.replace(/-/g, '')}`;

export interface ProposeDueArgs extends ActionBase {
  dueDate: IsoDate;
  reason?: string;
}
export interface DeliverArgs extends ActionBase {
  evidence: DocumentCitation[];
  note?: string;
  renewedUntil?: IsoDate;
}
export interface ReviewArgs extends ActionBase {
  decision: 'accept' | 'send-back';
  reason?: string;
}
export interface ClaimLargeArgs extends ActionBase {
  reason: string;
}
export interface DecideLargeArgs extends ActionBase {
  decision: 'agree' | 'contest';
  reason: string;
  /** What the parties agree for the change outside the free scope (price, schedule): required to agree. */
  separateTerms?: string;
}
export interface PriceArgs extends ActionBase {
  ratePercent: string;
}
export interface NoteArgs extends ActionBase {
  note?: string;
}

/** Each action's arguments. */
export interface ServiceArgs {
  proposeDueDate: ProposeDueArgs;
  acceptDueDate: NoteArgs;
  acknowledge: NoteArgs;
  startWork: NoteArgs;
  deliver: DeliverArgs;
  reviewDelivery: ReviewArgs;
  claimLargeChange: ClaimLargeArgs;
  decideLargeChange: DecideLargeArgs;
  priceBreach: PriceArgs;
}
const update = <K extends keyof ServiceArgs>(name: K) => defineUpdate<ServiceRequestState, [ServiceArgs[K]]>(name);
export const serviceUpdates = {
  proposeDueDate: update('proposeDueDate'),
  acceptDueDate: update('acceptDueDate'),
  acknowledge: update('acknowledge'),
  startWork: update('startWork'),
  deliver: update('deliver'),
  reviewDelivery: update('reviewDelivery'),
  claimLargeChange: update('claimLargeChange'),
  decideLargeChange: update('decideLargeChange'),
  priceBreach: update('priceBreach'),
} as const;
export type ServiceAction = keyof typeof serviceUpdates;
export const SERVICE_ACTIONS = Object.keys(serviceUpdates) as ServiceAction[];

export const serviceStateQuery = defineQuery<ServiceRequestState>('serviceRequestState');

/** The codes a refused action answers with (409 unless noted), for clients and tests. */
export const SERVICE_ERRORS = [
  'NOT_READY',
  'REQUEST_CLOSED',
  'DUE_NOT_AGREED',
  'NO_DUE_PROPOSAL',
  'OWN_PROPOSAL',
  'DUE_PASSED',
  'ALREADY_ACKNOWLEDGED',
  'NOT_ACKNOWLEDGED',
  'ALREADY_STARTED',
  'DELIVERY_PENDING',
  'NO_DELIVERY_TO_REVIEW',
  'REASON_REQUIRED',
  'NOT_PERSONALISATION',
  'LARGE_CHANGE_CLAIMED',
  'NO_LARGE_CHANGE_CLAIM',
  'NO_UNPRICED_BREACH',
] as const;
