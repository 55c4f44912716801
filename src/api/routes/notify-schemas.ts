// Request bodies of the notification routes (issue 13), one zod schema each; OpenAPI is generated from them.
import { z } from 'zod';
import { AUDIENCES, ROLES_BY_PARTY } from '../../notify/model';
import { instantSchema as instant } from '../validate';
import { instantOut } from '../instants';

const httpUrl = z
  .string()
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (Asia/Shanghai)');
export const personId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . -');
const topicPattern = z
  .string()
  .regex(/^(\*|[a-z-]+(\.[a-z-]+)*(\.\*)?)$/, 'must be a topic such as fault.reported, a family such as fault.*, or *');
const audience = z.enum(AUDIENCES);

export const ChannelBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('email'), address: z.string().email().max(254) }),
  z.strictObject({ type: z.literal('wecom'), url: httpUrl }),
  z.strictObject({ type: z.literal('dingtalk'), url: httpUrl, secret: z.string().min(8).max(200) }),
  z.strictObject({ type: z.literal('webhook'), url: httpUrl, secret: z.string().min(16).max(200) }),
]);

export const PersonBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    party: z.enum(['vendor', 'hospital']),
    role: z.enum([...ROLES_BY_PARTY.vendor, ...ROLES_BY_PARTY.hospital]),
    language: z.enum(['zh-CN', 'en']).default('zh-CN'),
    mobile: z
      .string()
      .regex(/^\+?\d{6,20}$/, 'must be a phone number (digits)')
      .optional(),
    channels: z.array(ChannelBody).min(1).max(10),
    topics: z.array(topicPattern).max(50).default([]),
    quietHours: z
      .strictObject({ from: hhmm, to: hhmm })
      .refine((q) => q.from !== q.to, { message: 'from and to must differ', path: ['to'] })
      .optional(),
    active: z.boolean().default(true),
  })
  .refine((p) => (ROLES_BY_PARTY[p.party] as readonly string[]).includes(p.role), {
    message: "role must be one of its party's: vendor engineer|lead|manager, hospital operator|approver|finance",
    path: ['role'],
  });

export const RosterBody = z.strictObject({
  shifts: z.array(z.strictObject({ personId, startsAt: instant, endsAt: instant })).max(2000),
});

export const SettingsBody = z.strictObject({
  escalation: z
    .array(
      z.strictObject({
        atPercent: z.number().int().min(1).max(100),
        audience: z.array(audience).min(1).max(AUDIENCES.length),
      }),
    )
    .min(1)
    .max(10)
    .refine((s) => s.every((x, i) => i === 0 || x.atPercent > s[i - 1]!.atPercent), 'steps must ascend by atPercent'),
  routes: z.record(topicPattern, z.array(audience).max(AUDIENCES.length)).default({}),
});

export const RosterQuery = z.strictObject({ at: instant.optional() });
export const ListQuery = z.strictObject({
  topic: z.string().max(100).optional(),
  status: z.enum(['pending', 'delivered', 'dead']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// Answers of the notification routes (issue 15): secrets never leave (a set secret reads "(set)",
// a robot's URL loses its query with the key), instants +08:00.
const ChannelOut = z.discriminatedUnion('type', [
  z.object({ type: z.literal('email'), address: z.string() }),
  z.object({ type: z.literal('wecom'), url: z.string().describe('origin and path; the key of the query is hidden') }),
  z.object({ type: z.literal('dingtalk'), url: z.string(), secret: z.literal('(set)') }),
  z.object({ type: z.literal('webhook'), url: z.string(), secret: z.literal('(set)') }),
]);
export const PersonOut = z.object({
  personId: z.string(),
  name: z.string(),
  party: z.enum(['vendor', 'hospital']),
  role: z.enum([...ROLES_BY_PARTY.vendor, ...ROLES_BY_PARTY.hospital]),
  language: z.enum(['zh-CN', 'en']),
  mobile: z.string().nullable().optional(),
  channels: z.array(ChannelOut),
  topics: z.array(z.string()),
  quietHours: z.object({ from: z.string(), to: z.string() }).nullable().optional(),
  active: z.boolean(),
  updatedAt: instantOut.optional(),
  updatedBy: z.string().optional(),
});
export const RosterOut = z.object({
  shifts: z.array(z.object({ personId: z.string(), startsAt: instantOut, endsAt: instantOut })),
  onDuty: z.object({
    at: instantOut,
    people: z.array(z.object({ personId: z.string(), name: z.string() })),
    fromRoster: z.boolean().describe('false: no shift covers the instant, so every vendor engineer is on duty (4.9.4)'),
  }),
});
export const SettingsOut = z.object({
  escalation: z.array(z.object({ atPercent: z.number().int(), audience: z.array(audience) })),
  routes: z.record(z.string(), z.array(audience)),
  updatedAt: instantOut.nullable().describe('null: the default chain, never set'),
  updatedBy: z.string().nullable(),
});
const Delivery = z.object({
  id: z.string(),
  channel: z.enum(['email', 'wecom', 'dingtalk', 'webhook']),
  target: z.string().describe('address, or the robot URL without its key'),
  language: z.string(),
  recipients: z.array(z.object({ personId: z.string(), name: z.string() })),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: instantOut.nullable(),
  createdAt: instantOut,
  deliveredAt: instantOut.nullable(),
});
const NotificationHead = z.object({
  key: z.string(),
  topic: z.string(),
  subject: z.string(),
  createdAt: instantOut,
  routedAt: instantOut.nullable(),
});
export const NotificationList = z.object({
  items: z.array(NotificationHead.extend({ deliveries: z.array(Delivery) })),
});
export const NotificationOut = NotificationHead.extend({
  contractId: z.string().nullable(),
  body: z.record(z.string(), z.unknown()).describe('the facts the message was rendered from'),
  deliveries: z.array(
    Delivery.extend({
      message: z.object({ title: z.string(), text: z.string() }),
      attemptLog: z.array(
        z.object({
          attempt: z.number().int(),
          startedAt: instantOut,
          ms: z.number().int(),
          ok: z.boolean(),
          error: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export const MetricsOut = z.object({
  deliveries: z.array(
    z.object({ channel: z.string(), status: z.string(), n: z.number().int(), attempts: z.number().int() }),
  ),
  failedAttempts: z.number().int(),
  unrouted: z.number().int(),
  oldestPendingSeconds: z.number().int().nullable(),
});
