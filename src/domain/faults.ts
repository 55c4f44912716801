// Fault levels (4.9.3) and the calendar-time deadlines of a fault (4.9.4, 4.9.2). These run
// 24x7 including holidays, so they are plain millisecond arithmetic from the report.
import { ValidationError } from './errors';
import { READING_TEXT } from '../i18n/messages/readings';
import { ContractTerms, FaultLevel } from './terms';
import { HOUR_MS, MINUTE_MS } from './time';

export const FAULT_LEVELS: readonly FaultLevel[] = [1, 2, 3, 4, 5];

/** 4.9.3 definitions (English working translation, then the contract's Chinese). */
export const FAULT_LEVEL_DESCRIPTIONS: Record<FaultLevel, { en: string; zh: string }> = {
  1: {
    en: 'The system is down, all functions unavailable, or its failure stops other hospital systems',
    zh: '自身系统瘫痪所有业务功能均不可用，或由于因本系统瘫痪导致其他业务系统不能正常使用',
  },
  2: {
    en: 'A serious availability problem; part of the business cannot be used',
    zh: '自身出现严重影响系统可用性的问题，导致部分业务不能使用',
  },
  3: { en: 'Availability affected; business responses slow', zh: '自身系统故障影响系统可用性，导致业务响应变慢' },
  4: {
    en: 'A fault of the host, database or network transport that affects the system',
    zh: '影响系统的主机系统，数据库，网络传输中断等故障',
  },
  5: {
    en: 'An operating difficulty, or the system runs in an abnormal state',
    zh: '遇到系统操作疑难或者系统出现不正常运行状态',
  },
};

export type FaultDeadlineKind = 'response' | 'analysis' | 'onsite' | 'replacement';

export interface FaultDeadline {
  kind: FaultDeadlineKind;
  dueMs: number;
  clause: string;
  /** Instants at which a warning is due, one per terms.faults.warningFractions, ascending. */
  warnAtMs: number[];
  reading?: string;
}

export function assertFaultLevel(level: unknown, field = 'level'): FaultLevel {
  if (typeof level === 'number' && (FAULT_LEVELS as readonly number[]).includes(level)) return level as FaultLevel;
  throw new ValidationError('INVALID_FAULT_LEVEL', `${field} must be one of 1-5 (clause 4.9.3), got ${String(level)}`, {
    field,
    clause: '4.9.3',
  });
}

/** Levels 1 and 2 stop business by definition (4.9.3), so they always affect operations. */
export function affectsOperations(level: FaultLevel, reported: boolean): boolean {
  return level <= 2 || reported;
}

/**
 * The deadlines of a fault reported at reportedAtMs. With onsiteClock 'response', pass
 * respondedAtMs (the on-site and replacement deadlines are then omitted until known).
 */
export function faultDeadlines(
  reportedAtMs: number,
  level: FaultLevel,
  affectsOps: boolean,
  terms: ContractTerms,
  respondedAtMs?: number,
): FaultDeadline[] {
  assertFaultLevel(level);
  if (!Number.isFinite(reportedAtMs))
    throw new ValidationError('INVALID_INSTANT', 'reportedAt must be a valid instant (clause 4.9.4)', {
      field: 'reportedAt',
      clause: '4.9.4',
    });
  const f = terms.faults;
  const make = (
    kind: FaultDeadlineKind,
    startMs: number,
    durationMs: number,
    clause: string,
    reading?: string,
  ): FaultDeadline => {
    const d: FaultDeadline = {
      kind,
      dueMs: startMs + durationMs,
      clause,
      warnAtMs: f.warningFractions.map((x) => startMs + Math.round(durationMs * x)),
    };
    if (reading) d.reading = reading;
    return d;
  };
  const out = [make('response', reportedAtMs, f.responseMinutes[level] * MINUTE_MS, '4.9.4')];
  if (level <= 2)
    out.push(
      make('analysis', reportedAtMs, f.analysisDocumentHours * HOUR_MS, '4.9.2', READING_TEXT['deadline.analysis'].en),
    );
  if (affectsOperations(level, affectsOps)) {
    const start = f.onsiteClock === 'report' ? reportedAtMs : respondedAtMs;
    if (start !== undefined) {
      const reading = READING_TEXT[`deadline.onsite.${f.onsiteClock}`].en; // histories carry the English
      out.push(make('onsite', start, f.onsiteHours * HOUR_MS, '4.9.2', reading));
      out.push(make('replacement', start, f.replacementHours * HOUR_MS, '4.9.2', reading));
    }
  }
  return out;
}
