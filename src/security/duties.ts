// The duty matrix (issue 12): who may do what, derived from the clauses, in one place. Every
// endpoint of the API names one duty; a duty names the roles that carry it and the clause it
// comes from. `enforceDuties` (src/api/app.ts, after authentication) refuses a role outside
// the duty before any route runs; test/integration/duty-matrix.test.ts checks every
// role x endpoint x scope against this table, and the README prints it (npm run duty-matrix).
//
// Reading of the clauses ("Parties and roles"; written down in the README):
// - the hospital's operations staff report faults and confirm fixes; approvers accept the
//   yearly service, approve staff changes and make every penalty decision (propose, confirm,
//   waive, decide disputes, accept or reject exclusions: 4.9.2, 6); finance pays (10);
// - the vendor's service desk (a key role since the kernel, 4.8) only records faults phoned in;
// - the vendor's engineers carry the service duties (4.1, 4.2, 4.9, 4.10, 6.3) and contest penalties;
// - auditors read everything, including the audit trail (4.6, 7); the audit trail is theirs alone;
// - the administrator runs the platform (keys, onboarding) and decides nothing that changes
//   what is owed: no penalty, acceptance, payment or audit duty (separation of duties, 7);
// - what changes what is owed (terms amendment, contract end: clause 3) needs two persons: one
//   key proposes, another of the other party or a hospital approver approves (second-person.ts).
import type { Role } from '../api/auth';

export interface Duty {
  roles: readonly Role[];
  clause: string;
  what: string;
  /** Only a key for all contracts: the duty changes every contract at once (the calendar). */
  allContracts?: boolean;
}

const ALL: readonly Role[] = [
  'hospital-operator',
  'hospital-approver',
  'finance',
  'vendor-engineer',
  'auditor',
  'admin',
];
const HOSPITAL_STAFF: readonly Role[] = ['hospital-operator', 'hospital-approver'];
const VENDOR: readonly Role[] = ['vendor-engineer'];

export const DUTIES = {
  read: { roles: ALL, clause: '7', what: 'read the record of the contracts of the key' },
  report: {
    roles: ['hospital-operator', 'vendor-service-desk'],
    clause: '4.8, 4.9',
    what: "report a fault (the vendor's service desk records one phoned in)",
  },
  serve: {
    roles: VENDOR,
    clause: '4.1, 4.2, 4.9.2, 4.10, 6.3',
    what: "the vendor's service duties: respond, investigate, document, be on site, replace, resolve, report inspections and care, plans and declarations, staff-change notices, submit for acceptance",
  },
  contest: { roles: VENDOR, clause: '4.9.2, 6', what: 'claim an exclusion, dispute a penalty' },
  contestTime: {
    roles: [...VENDOR, ...HOSPITAL_STAFF],
    clause: '4.9',
    what: 'contest the time the other party stated for a fact',
  },
  confirm: {
    roles: HOSPITAL_STAFF,
    clause: '4.1, 4.9.2, 4.9.3, 4.10, 6.3, 6.6',
    what: "confirm or reopen the vendor's work, accept or reject its fault analysis, re-grade a fault, review plans, record hospital changes and findings",
  },
  requestService: {
    roles: HOSPITAL_STAFF,
    clause: '4.5, 4.6, 4.7, 4.12, 5.1-5.4',
    what: "raise a service request (or plan one from the year's list) under its clause",
  },
  registerLicence: {
    roles: [...VENDOR, ...HOSPITAL_STAFF],
    clause: '4.4',
    what: "register a licence's expiry date (it is renewed before it lapses)",
  },
  agreeDueDate: {
    roles: [...VENDOR, ...HOSPITAL_STAFF],
    clause: '4.4-5.4',
    what: "propose a service request's due date, or accept the one the other party proposed",
  },
  decide: {
    roles: ['hospital-approver'],
    clause: '4.2, 4.9.2, 6',
    what: 'penalty decisions (propose, confirm, waive, decide disputes, compensate), exclusion decisions, extension and staff-change decisions',
  },
  accept: { roles: ['hospital-approver'], clause: '3, 8', what: 'pass or fail the yearly acceptance' },
  pay: { roles: ['finance'], clause: '10', what: 'record a payment made' },
  administer: {
    roles: ['admin'],
    clause: '7',
    what: "API keys (within the key's own scope), start a contract's obligations",
  },
  ownKey: { roles: ALL, clause: '7', what: 'rotate a key: its own, or (admins) any key within its contracts' },
  self: {
    roles: [...ALL, 'vendor-service-desk'],
    clause: '7',
    what: 'see who the key or console session is: its role, contracts and expiry',
  },
  session: {
    roles: [...ALL, 'vendor-service-desk'],
    clause: '7',
    what: 'sign in to and out of the web console (a personal account)',
  },
  people: { roles: ['admin'], clause: '7', what: "personal console accounts (within the admin's own contracts)" },
  onboard: { roles: ['admin', 'hospital-approver'], clause: '3', what: 'register a contract' },
  registerStaff: {
    roles: ['vendor-engineer', 'admin'],
    clause: '4.2',
    what: 'register the fixed maintenance engineers',
  },
  proposeChange: {
    roles: ['admin', 'hospital-approver', 'vendor-engineer'],
    clause: '3',
    what: "propose a terms amendment or the contract's end (or withdraw the proposal); it takes effect only when a second person approves it",
  },
  approveChange: {
    roles: ['hospital-approver', 'vendor-engineer'],
    clause: '3',
    what: "approve or reject a proposed amendment or end: another key than the proposer's, of the other party or a hospital approver",
  },
  calendar: {
    roles: ['admin', 'hospital-approver'],
    clause: 'Calendars and time',
    what: "load the working-day calendar (it moves every contract's deadlines)",
    allContracts: true,
  },
  fileDocuments: {
    roles: [...VENDOR, ...HOSPITAL_STAFF],
    clause: '3, 4.3, 4.9.2',
    what: 'file a document or a new version of it (its kind decides which party may file it)',
  },
  notifyPeople: {
    roles: ['admin', ...VENDOR, ...HOSPITAL_STAFF],
    clause: '4.8, 4.9.4',
    what: 'name the people notified of a contract (each party its own)',
  },
  roster: { roles: ['admin', ...VENDOR], clause: '4.8, 4.9.4', what: "set the vendor's on-duty roster" },
  escalation: {
    roles: ['admin', 'hospital-approver'],
    clause: '4.9.4',
    what: "set who is warned as a fault's deadline nears and passes",
  },
  oversee: {
    roles: ['admin', 'auditor'],
    clause: '7',
    what: "see a contract's Temporal schedules and the delivery metrics",
  },
  decodePayloads: {
    roles: ['auditor', 'admin'],
    clause: '7',
    what: "read Temporal's payloads in the clear through the Web UI's codec endpoint",
    allContracts: true,
  },
  audit: { roles: ['auditor'], clause: '4.6, 7', what: 'read and verify the audit trail' },
} as const satisfies Record<string, Duty>;
export type DutyName = keyof typeof DUTIES;
