// Who may act, for the API and the workflows alike (one list). Plain data: workflow code
// imports it, so nothing here touches Node, express or the database.

/** Roles of an API key. vendor-service-desk records faults phoned in to the vendor (4.8). */
export const ROLES = [
  'hospital-operator',
  'hospital-approver',
  'finance',
  'vendor-engineer',
  'vendor-service-desk',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The contract's two parties (Party A the hospital, Party B the vendor) and the platform itself. */
export type Party = 'hospital' | 'vendor' | 'platform';

/** Who recorded a fact: the caller's key name and role (the platform records as role 'system'). */
export interface Actor {
  name: string;
  role: string;
}

export const SYSTEM: Actor = { name: 'weibao', role: 'system' };

const PARTY_OF: Record<string, Party> = {
  'hospital-operator': 'hospital',
  'hospital-approver': 'hospital',
  finance: 'hospital',
  'vendor-engineer': 'vendor',
  'vendor-service-desk': 'vendor',
};

/** The party a role acts for; admins, auditors and the system act for the platform. */
export function partyOf(role: string): Party {
  return PARTY_OF[role] ?? 'platform';
}

/** The other contract party (the one who may contest what this party stated). */
export function otherParty(p: Party): Party {
  return p === 'hospital' ? 'vendor' : p === 'vendor' ? 'hospital' : 'platform';
}
