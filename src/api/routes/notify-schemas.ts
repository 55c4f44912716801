// Request bodies of the notification routes (issue 13), one zod schema each; OpenAPI is generated from them.
import { z } from 'zod';
import { AUDIENCES, ROLES_BY_PARTY } from '../../notify/model';
import { instantSchema as instant } from '../validate';

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
