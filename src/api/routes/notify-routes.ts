// The notification routes declared (issue 15; route.ts): duty, request and answer of each, from
// which OpenAPI, the duty matrix and the response check come; notifications.ts handles them.
import { z } from 'zod';
import { declareRoute } from '../route';
import {
  ListQuery,
  MetricsOut,
  NotificationList,
  NotificationOut,
  PersonBody,
  personId,
  PersonOut,
  RosterBody,
  RosterOut,
  RosterQuery,
  SettingsBody,
  SettingsOut,
} from './notify-schemas';
import { CONTRACT_404, NONE, notFoundOf, refusal, with409 } from './refusals';

const Contract = z.object({ id: z.string().describe('contract id') });
const PersonParams = Contract.extend({ personId });
export const NOTIFY_ROUTES = {
  people: declareRoute({
    method: 'get',
    path: '/contracts/{id}/notify/people',
    duty: 'read',
    refusals: CONTRACT_404,
    summary: 'People notified for a contract: party, role, channels (secrets hidden), language, topics, quiet hours',
    params: Contract,
    responses: { 200: { description: 'people', schema: z.object({ items: z.array(PersonOut) }) } },
  }),
  putPerson: declareRoute({
    method: 'put',
    path: '/contracts/{id}/notify/people/{personId}',
    duty: 'notifyPeople',
    refusals: CONTRACT_404,
    summary:
      'Adds or replaces a person to notify; the vendor manages its people, the hospital its own; active=false stops their messages',
    params: PersonParams,
    body: PersonBody,
    responses: {
      201: { description: 'added', schema: PersonOut },
      200: { description: 'replaced', schema: PersonOut },
    },
  }),
  roster: declareRoute({
    method: 'get',
    path: '/contracts/{id}/notify/roster',
    duty: 'read',
    refusals: CONTRACT_404,
    summary: "The vendor's on-duty roster and who is on duty at ?at= (default now)",
    params: Contract,
    query: RosterQuery,
    responses: { 200: { description: 'shifts and who is on duty', schema: RosterOut } },
  }),
  putRoster: declareRoute({
    method: 'put',
    path: '/contracts/{id}/notify/roster',
    duty: 'roster',
    refusals: with409(
      CONTRACT_404,
      refusal(['NOT_A_VENDOR_ENGINEER'], 'a shift names someone who is not a vendor engineer of the contract (4.2)'),
    ),
    summary: 'Vendor replaces its on-duty roster (shifts of vendor engineers; level-1 faults page them at once, 4.9.4)',
    params: Contract,
    body: RosterBody,
    responses: {
      200: { description: 'the number of shifts now on the roster', schema: z.object({ shifts: z.number().int() }) },
    },
  }),
  settings: declareRoute({
    method: 'get',
    path: '/contracts/{id}/notify/settings',
    duty: 'read',
    refusals: CONTRACT_404,
    summary: 'The escalation chain of fault warnings and breaches, and topic overrides',
    params: Contract,
    responses: { 200: { description: 'settings (the default chain until set)', schema: SettingsOut } },
  }),
  putSettings: declareRoute({
    method: 'put',
    path: '/contracts/{id}/notify/settings',
    duty: 'escalation',
    refusals: CONTRACT_404,
    summary:
      'Hospital approver or admin sets the escalation chain (default 50 % on-duty, 80 % + vendor lead + hospital operator, breach + vendor manager + approver)',
    params: Contract,
    body: SettingsBody,
    responses: { 200: { description: 'the settings now in force', schema: SettingsOut } },
  }),
  list: declareRoute({
    method: 'get',
    path: '/contracts/{id}/notifications',
    localized: true,
    duty: 'read',
    refusals: CONTRACT_404,
    summary:
      "Notifications of a contract with each delivery: recipient, channel, attempts, status, last error; the subject in the reader's language (English: as the workflow wrote it)",
    params: Contract,
    query: ListQuery,
    responses: { 200: { description: 'notifications, newest first', schema: NotificationList } },
  }),
  metrics: declareRoute({
    method: 'get',
    path: '/notifications/metrics',
    duty: 'oversee',
    refusals: NONE,
    summary: 'Delivery counts by channel and status, failed attempts, unrouted messages, oldest pending delivery',
    responses: { 200: { description: "counts within the key's contracts", schema: MetricsOut } },
  }),
  one: declareRoute({
    method: 'get',
    path: '/notifications/{key}',
    localized: true,
    duty: 'read',
    refusals: notFoundOf('notification'),
    summary: 'One notification with every delivery, its rendered message and every attempt',
    params: z.object({ key: z.string().describe('outbox key') }),
    responses: { 200: { description: 'the notification', schema: NotificationOut } },
  }),
};
