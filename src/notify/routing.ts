// Routing: which people a message reaches, on which channel endpoints, and when. A pure
// function of the message, the contract's subscriptions and the instant (no I/O), so the
// dispatcher, the API's preview and the tests agree.
import { SHANGHAI_OFFSET_MS, DAY_MS, MINUTE_MS } from '../domain/time';
import {
  AUDIENCES,
  type Audience,
  type Channel,
  type OutboxMessage,
  type Person,
  type PlannedDelivery,
  type Subscriptions,
} from './model';
import { isUrgent, matchesTopic, topicRoute } from './topics';

export interface RouteContext {
  nowMs: number;
  level?: number;
}

/** The audiences of a message: the topic's, the escalation chain's for fault deadlines, or the body's own. */
export function audiencesOf(msg: OutboxMessage, subs: Pick<Subscriptions, 'escalation' | 'routes'>): Audience[] {
  const given = msg.body.audience;
  if (Array.isArray(given) && given.length && given.every((a) => (AUDIENCES as readonly unknown[]).includes(a)))
    return given as Audience[];
  let audience: Audience[];
  if (msg.topic === 'fault.warning' || msg.topic === 'fault.breach') {
    // 50 % → on-duty; 80 % adds lead and operator; the breach (100 %) adds manager and approver.
    const fraction = typeof msg.body.fraction === 'number' ? msg.body.fraction : undefined;
    const percent = msg.topic === 'fault.breach' ? 100 : Math.round((fraction ?? 0) * 100);
    audience = subs.escalation.filter((s) => s.atPercent <= percent).flatMap((s) => s.audience);
  } else {
    audience = topicRoute(msg.topic, subs.routes).audience;
  }
  // A time stated by one party is for the other party to contest.
  const stated = msg.body.statedBy;
  if (stated === 'vendor' || stated === 'hospital') audience = audience.filter((a) => !a.startsWith(`${stated}.`));
  return [...new Set(audience)];
}

/** The vendor engineers on duty at an instant; everyone of them when no shift covers it. */
export function onDuty(subs: Pick<Subscriptions, 'people' | 'shifts'>, atMs: number): Person[] {
  const engineers = subs.people.filter((p) => p.active && p.party === 'vendor' && p.role === 'engineer');
  const ids = new Set(subs.shifts.filter((s) => s.startsAtMs <= atMs && atMs < s.endsAtMs).map((s) => s.personId));
  const covering = engineers.filter((p) => ids.has(p.personId));
  return covering.length ? covering : engineers;
}

export function recipients(msg: OutboxMessage, subs: Subscriptions, nowMs: number): Person[] {
  const chosen = new Map<string, Person>();
  for (const a of audiencesOf(msg, subs)) {
    const people =
      a === 'vendor.on-duty'
        ? onDuty(subs, nowMs)
        : subs.people.filter((p) => p.active && `${p.party}.${p.role}` === a);
    for (const p of people) chosen.set(p.personId, p);
  }
  for (const p of subs.people) if (p.active && matchesTopic(p.topics, msg.topic)) chosen.set(p.personId, p);
  return [...chosen.values()];
}

const minuteOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When a person's quiet hours (Asia/Shanghai wall clock) hold a message sent at nowMs: their end, else nowMs. */
export function quietUntil(p: Person, nowMs: number): number {
  if (!p.quietHours) return nowMs;
  const from = minuteOfDay(p.quietHours.from);
  const to = minuteOfDay(p.quietHours.to);
  const local = nowMs + SHANGHAI_OFFSET_MS;
  const dayStart = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  const minute = Math.floor((local - dayStart) / MINUTE_MS);
  const inside = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return nowMs;
  const endLocal = dayStart + to * MINUTE_MS + (from > to && minute >= from ? DAY_MS : 0);
  return endLocal - SHANGHAI_OFFSET_MS;
}

export const targetOf = (c: Channel) => (c.type === 'email' ? c.address.trim().toLowerCase() : c.url);

/**
 * The deliveries of one message: one per channel endpoint and language, naming everyone it
 * reaches (a group robot shared by three people posts once). Quiet hours never hold level 1-2
 * faults (4.9.1); a shared endpoint goes out as soon as one of its people may be told.
 */
export function planDeliveries(msg: OutboxMessage, subs: Subscriptions, ctx: RouteContext): PlannedDelivery[] {
  const urgent = isUrgent(msg.topic, ctx.level);
  const plans = new Map<string, PlannedDelivery>();
  for (const p of recipients(msg, subs, ctx.nowMs)) {
    const notBeforeMs = urgent ? ctx.nowMs : quietUntil(p, ctx.nowMs);
    for (const c of p.channels) {
      const id = `${c.type}|${targetOf(c)}|${p.language}`;
      const plan = plans.get(id) ?? {
        channel: c.type,
        target: targetOf(c),
        spec: c,
        language: p.language,
        recipients: [],
        notBeforeMs,
      };
      plan.recipients.push({ personId: p.personId, name: p.name, mobile: p.mobile ?? null });
      plan.notBeforeMs = Math.min(plan.notBeforeMs, notBeforeMs);
      plans.set(id, plan);
    }
  }
  return [...plans.values()];
}
