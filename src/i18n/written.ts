// What the platform wrote into a record in English (a reading a fault's deadline or a penalty
// applied, a ledger entry's fact, a withdrawal's cause, a basis without its template), read back in the reader's language
// (issue 15). Histories and rows carry the English sentences of src/i18n/messages/readings.ts
// and written.ts, written before the Chinese existed, so a stored sentence is matched against
// the English templates, as the error catalogue reads raised messages, and its values put into
// the Chinese (money as 元, a fault clock by its name, enumerated words by the glossary).
import { SHANGHAI_OFFSET_MS } from '../domain/time';
import { dutyNames } from './duty-names';
import { translateValue } from './glossary';
import type { Locale } from './locale';
import { BASIS_TEXT } from './messages/ledger-basis';
import { READING_TEXT } from './messages/readings';
import { WRITTEN_TEXT } from './messages/written';
import { fill, templatePattern, type Texts } from './report-text';

const COMPILED: { texts: Texts; pattern: RegExp; names: string[] }[] = [
  ...Object.values(READING_TEXT),
  ...WRITTEN_TEXT,
  ...Object.values(BASIS_TEXT), // a basis handed on without its template (the onboarding dry run's proposals)
].map((texts) => ({ texts, ...templatePattern(texts.en) }));

const FAULT_CLOCKS = new Set(['response', 'analysis', 'onsite', 'replacement']);
/** What a hospital change changed (6.6; HospitalChange.kind in src/domain/obligations.ts). */
const HOSPITAL_CHANGE_KINDS: Record<string, string> = {
  mac: 'MAC 地址',
  ip: 'IP 地址',
  network: '网络',
  server: '服务器',
};
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant the workflow wrote (often UTC) as a Chinese reader reads times: Beijing time, 2026-04-01 00:00 +08:00. */
const beijing = (iso: string) =>
  `${new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')} +08:00`;

/** A fault deadline's id (its clock, or clock:round for one restarted by a reopen) as a Chinese reader names it: 工程师到场（第 2 轮）. */
export function faultDeadlineName(id: string): string {
  const [kind, round] = id.split(':');
  if (!kind || !FAULT_CLOCKS.has(kind)) return translateValue(id);
  return `${dutyNames('fault', kind)['zh-CN']}${round ? `（第 ${round} 轮）` : ''}`;
}

/** A value of an English sentence as the Chinese sentence writes it. */
function zhValue(name: string, v: string): string {
  const money = /^(-?)CNY ([\d,]+\.\d{2})$/.exec(v);
  if (money) return `${money[1]}${money[2]} 元`;
  if (INSTANT.test(v)) return beijing(v);
  if (name === 'kind' && FAULT_CLOCKS.has(v)) return dutyNames('fault', v)['zh-CN'];
  // a person's or key's name, an id (itemId 'late', requestId 'open') and what a person typed (a
  // request's title, a finding's description: 'network') are never words to translate
  if (name === 'who' || name === 'title' || name === 'description' || name.endsWith('Id')) return v;
  if (name === 'deadline') return faultDeadlineName(v);
  if (name === 'why' || name === 'fact') return writtenIn(v, 'zh-CN');
  if (name === 'changeKind') return HOSPITAL_CHANGE_KINDS[v] ?? v;
  // a reason or cause is either the platform's sentence (a withdrawal's, a 6.6 finding's) or one enumerated word
  if (name === 'reason' || name === 'cause') {
    const read = writtenIn(v, 'zh-CN');
    return read === v ? translateValue(v) : read;
  }
  if (name === 'reasons')
    return v
      .split('; ')
      .map((r) => writtenIn(r, 'zh-CN'))
      .join('；');
  return translateValue(v);
}

/** The stored sentence in the reader's language; a text no template matches (typed by a person, older) stays as stored. */
export function writtenIn<T extends string | null | undefined>(text: T, locale: Locale): T {
  if (!text || locale === 'en') return text;
  for (const c of COMPILED) {
    const m = c.pattern.exec(text);
    if (m)
      return fill(c.texts[locale], Object.fromEntries(c.names.map((n, i) => [n, zhValue(n, m[i + 1] ?? '')]))) as T;
  }
  return text;
}
