// The shapes of notification routing (issue 13), shared by the API, the dispatcher and tests.
// Pure types and constants: no I/O.

export type Party = 'vendor' | 'hospital';
export const ROLES_BY_PARTY = {
  vendor: ['engineer', 'lead', 'manager'],
  hospital: ['operator', 'approver', 'finance'],
} as const;
export type PersonRole = (typeof ROLES_BY_PARTY)[Party][number];
export type Language = 'zh-CN' | 'en';

/**
 * Who a topic is for: a party's role, or the vendor's engineers on duty now (the roster).
 * `vendor.on-duty` falls back to every vendor engineer when no one's shift covers the instant,
 * so a level-1 fault always reaches someone (4.9.4).
 */
export const AUDIENCES = [
  'vendor.on-duty',
  'vendor.engineer',
  'vendor.lead',
  'vendor.manager',
  'hospital.operator',
  'hospital.approver',
  'hospital.finance',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export type Channel =
  | { type: 'email'; address: string }
  | { type: 'wecom'; url: string }
  | { type: 'dingtalk'; url: string; secret: string }
  | { type: 'webhook'; url: string; secret: string };
export type ChannelType = Channel['type'];

export interface Person {
  personId: string;
  name: string;
  party: Party;
  role: PersonRole;
  language: Language;
  mobile?: string | null;
  channels: Channel[];
  /** Extra topics beyond the role's own, e.g. "fault.*" or "*". */
  topics: string[];
  /** Asia/Shanghai wall-clock window ("22:00"-"07:30") that holds non-urgent messages. */
  quietHours?: { from: string; to: string } | null;
  active: boolean;
}

export interface Shift {
  personId: string;
  startsAtMs: number;
  endsAtMs: number;
}

/** A step of the fault escalation chain: at this share of a deadline, these audiences are added. */
export interface EscalationStep {
  atPercent: number;
  audience: Audience[];
}

/** 50 % → on-duty; 80 % adds the vendor's lead and the hospital operator; breach adds manager and approver. */
export const DEFAULT_ESCALATION: EscalationStep[] = [
  { atPercent: 50, audience: ['vendor.on-duty'] },
  { atPercent: 80, audience: ['vendor.lead', 'hospital.operator'] },
  { atPercent: 100, audience: ['vendor.manager', 'hospital.approver'] },
];

export interface Subscriptions {
  people: Person[];
  shifts: Shift[];
  escalation: EscalationStep[];
  /** Per-contract overrides: topic (or "family.*") → audiences. */
  routes: Record<string, Audience[]>;
}

/** One outbox row as the router reads it, with what it learnt about the case (level, due). */
export interface OutboxMessage {
  key: string;
  topic: string;
  contractId: string | null;
  subject: string;
  body: Record<string, unknown>;
  createdAtMs: number;
}

/** What a channel sends: one rendering per language. */
export interface RenderedMessage {
  title: string;
  /** Plain text (e-mail body). */
  text: string;
  /** Markdown for the chat robots. */
  markdown: string;
  link: string;
}

/** A channel endpoint to deliver one message to, with the people it reaches. */
export interface PlannedDelivery {
  channel: ChannelType;
  target: string;
  spec: Channel;
  language: Language;
  recipients: { personId: string; name: string; mobile?: string | null }[];
  /** Earliest send instant (quiet hours); the message's own time when not held. */
  notBeforeMs: number;
}
