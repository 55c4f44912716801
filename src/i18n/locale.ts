// The language of what the platform writes to a person (issue 15): Chinese for the hospital and
// the vendor by default, English on request. One notion of language for error bodies, served
// texts (clauses, fault levels) and notifications (src/notify/model.ts uses the same two).
import type { Language } from '../notify/model';

export type Locale = Language;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** 'zh', 'zh-CN', 'zh-Hans-CN' -> zh-CN; 'en', 'en-GB' -> en; anything else: undefined. */
export function localeOf(tag: string): Locale | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return primary === 'zh' ? 'zh-CN' : primary === 'en' ? 'en' : undefined;
}

/**
 * The request's language: the first supported language of Accept-Language by its q-values
 * (RFC 9110 12.5.4; `*` and unsupported tags are skipped), else the API key's preference,
 * else zh-CN. A header states what this request wants, so it wins over the key's standing choice.
 */
export function negotiateLocale(acceptLanguage: string | undefined, keyPreference?: string | null): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { locale: localeOf(tag ?? ''), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.locale && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.locale ?? (keyPreference ? localeOf(keyPreference) : undefined) ?? DEFAULT_LOCALE;
}
