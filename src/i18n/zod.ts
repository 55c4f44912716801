// Zod's own sentences for a refused field, in Chinese (zod 4's zh-CN locale) or English as zod
// wrote them. A schema's own message (a refine, a regex with its text) comes from zod-custom.ts.
import { z, type core } from 'zod';
import type { Locale } from './locale';
import { customZh } from './zod-custom';

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;
const said = (e: ReturnType<typeof zh>) => (typeof e === 'string' ? e : e?.message);

/** The issue's sentence in the locale; `received` of a type error comes from zod's English (the input is not kept). */
export function zodIssueMessage(issue: core.$ZodIssue, locale: Locale): string {
  if (locale === 'en') return issue.message;
  const raw = issue as unknown as core.$ZodRawIssue;
  if (issue.code === 'unrecognized_keys') return `未知字段：${issue.keys.join(', ')}`;
  const received = /^Invalid input: expected \S+, received (\S+)$/.exec(issue.message)?.[1];
  if (issue.code === 'invalid_type' && received) return `无效输入：期望 ${issue.expected}，实际为 ${received}`;
  if (said(en(raw)) !== issue.message) return customZh(issue.message) ?? issue.message; // the schema's own sentence
  return said(zh(raw)) ?? issue.message;
}
