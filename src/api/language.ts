// The language of an answer whose texts the platform wrote (issue 15): chosen as errors are
// (Accept-Language, the key's preference, zh-CN) and declared, so caches and clients know.
import type { Request, Response } from 'express';
import { requestLocale } from './errors';
import type { Locale } from '../i18n/locale';
import { withTextsIn, type BasisTemplate } from '../i18n/basis';
import { writtenIn } from '../i18n/written';
import type { Conclusions } from '../domain/onboarding';

/** The request's language, declared on the answer (Content-Language; Vary: Accept-Language). */
export function answerLocale(req: Request, res: Response): Locale {
  const locale = requestLocale(req);
  res.setHeader('Content-Language', locale);
  res.vary('Accept-Language');
  return locale;
}

/** A case answer whose breach carries the basis of its penalty (a service request, 6.5 / 6.2.2): that basis in the reader's language. */
export function breachBasisIn<S>(state: S, locale: Locale): S {
  const breach = (state as { breach?: { basis?: string; basisTemplate?: BasisTemplate } | null }).breach;
  if (!breach?.basis) return state;
  return { ...state, breach: withTextsIn({ ...breach, basis: breach.basis }, locale) };
}

/** The onboarding dry run's conclusions (issue 10 item 4) as the reader reads them: the proposals' facts and bases and the payments' bases in their language. */
export const conclusionsIn = (c: Conclusions, locale: Locale): Conclusions => ({
  ...c,
  penalties: c.penalties.map((p) => ({ ...p, fact: writtenIn(p.fact, locale), basis: writtenIn(p.basis, locale) })),
  payments: c.payments.map((p) => ({ ...p, basis: writtenIn(p.basis, locale) })),
});
