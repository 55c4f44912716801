// The language of an answer whose texts the platform wrote (issue 15): chosen as errors are
// (Accept-Language, the key's preference, zh-CN) and declared, so caches and clients know. The
// texts themselves are read back by src/i18n/record-texts.ts recordTextsIn, the one way for all.
import type { Request, Response } from 'express';
import { requestLocale } from './errors';
import type { Locale } from '../i18n/locale';

/** The request's language, declared on the answer (Content-Language; Vary: Accept-Language). */
export function answerLocale(req: Request, res: Response): Locale {
  const locale = requestLocale(req);
  res.setHeader('Content-Language', locale);
  res.vary('Accept-Language');
  return locale;
}
