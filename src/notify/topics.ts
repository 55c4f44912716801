// Who is told what: every event where the move passes to a party notifies that party. The
// topics are the outbox's (grep `topic:` in src), each in the catalogue (topic-catalogue.ts); a
// topic it does not know reaches the vendor's lead and the hospital operator, so a new topic is
// never silently dropped.
import type { Audience } from './model';
import { TOPIC_ROUTES, type Route } from './topic-catalogue';

const FALLBACK: Route = { audience: ['vendor.lead', 'hospital.operator'], zh: '通知', en: 'Notification' };

/** The route of a topic: exact, then its family ("staff.*"), then the fallback. */
export function topicRoute(topic: string, overrides: Record<string, Audience[]> = {}): Route {
  const family = `${topic.split('.')[0]}.*`;
  // A stated time, its contest and its decision route alike in every family (issue 10).
  const step = /\.(stated-time|time-contested|time-decided)$/.exec(topic)?.[1];
  const base = TOPIC_ROUTES[topic] ?? (step ? TOPIC_ROUTES[`fault.${step}`] : undefined) ?? FALLBACK;
  const over = overrides[topic] ?? overrides[family];
  return over ? { ...base, audience: over } : base;
}

/** Whether a person's extra topic patterns ("fault.*", "*", exact) match a topic. */
export function matchesTopic(patterns: string[], topic: string): boolean {
  return patterns.some((p) => p === '*' || p === topic || (p.endsWith('.*') && topic.startsWith(p.slice(0, -1))));
}

/** Faults of level 1-2 are never held by quiet hours (4.9.1: service 365x24). */
export function isUrgent(topic: string, level: number | undefined): boolean {
  return topic.startsWith('fault.') && level !== undefined && level <= 2;
}
