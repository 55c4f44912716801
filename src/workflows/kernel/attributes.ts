// The search-attribute publisher shared by every case family: the Web UI's list columns
// (README "Finding cases") and the page's current details (issue 15). Upserts only what
// changed: each upsert is a history event and a visibility write per case.
import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { SA } from '../../temporal/search-attributes';
import { caseDetails, caseSummary, isOverdue } from './summary';

/** The attributes a case publishes; absent ones are left alone, null clears. */
export interface CaseAttributes {
  contractId: string;
  kind: string;
  status: string;
  awaiting: 'vendor' | 'hospital' | 'none';
  breached: boolean;
  level?: number;
  contractYear?: number;
  nextDeadlineMs?: number | null;
  /** A deadline passed with its duty undone (WeibaoOverdue); default: summary.ts isOverdue. */
  overdue?: boolean;
  /** Shown in the page's details only (a payload, encrypted), never in a search attribute. */
  title?: string;
}

type Values = Record<string, unknown>;
const valuesOf = (a: CaseAttributes): Values => ({
  contractId: a.contractId,
  kind: a.kind,
  status: a.status,
  awaiting: a.awaiting,
  breached: a.breached,
  ...(a.level === undefined ? {} : { level: a.level }),
  ...(a.contractYear === undefined ? {} : { contractYear: a.contractYear }),
  ...(a.nextDeadlineMs === undefined ? {} : { nextDeadline: a.nextDeadlineMs }),
  overdue: a.overdue,
});

/** What this run's start event set (deterministic on replay). */
function startValues(): Values {
  const a = workflowInfo().typedSearchAttributes;
  const out: Values = {};
  for (const [name, key] of Object.entries(SA)) {
    const v = a.get(key) as unknown;
    if (v !== undefined) out[name] = v instanceof Date ? v.getTime() : v;
  }
  return out;
}

export interface AttributePublisher {
  publish(a: CaseAttributes): void;
}

/**
 * fromStart: the run's start already carries the attributes (an intake sets them), so only
 * differences from them are upserted; otherwise the first publish upserts everything once.
 * An absent WeibaoOverdue reads as false, so false is not written until it was once true.
 */
export function attributePublisher(fromStart: boolean): AttributePublisher {
  const last: Values = fromStart ? startValues() : {};
  return {
    publish(input) {
      const a = { ...input, overdue: input.overdue ?? isOverdue(input, Date.now()) };
      const line = { ...a, caseId: workflowInfo().workflowId };
      setCurrentDetails(caseDetails(line)); // the Web UI page's details; no command, no history event
      const changed: SearchAttributeUpdatePair[] = [];
      for (const [name, value] of Object.entries(valuesOf(a))) {
        if (last[name] === value || (value === null && last[name] === undefined && fromStart)) continue;
        if (name === 'overdue' && value === false && last[name] === undefined) continue;
        last[name] = value;
        const key = SA[name as keyof typeof SA];
        const v = name === 'nextDeadline' ? (value === null ? null : new Date(value as number)) : value;
        changed.push({ key, value: v } as SearchAttributeUpdatePair);
      }
      // The list line is made of the values above, so it changes only with them and rides in
      // the same upsert (no upsert of its own: histories keep their commands).
      const summary = caseSummary(line);
      if (changed.length && last.summary !== summary) {
        last.summary = summary;
        changed.push({ key: SA.summary, value: summary });
      }
      if (changed.length) upsertSearchAttributes(changed);
    },
  };
}
