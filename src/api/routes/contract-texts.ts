// The contract's texts in the reader's language (issue 15): Accept-Language, else the key's
// preference, else zh-CN (src/i18n/locale.ts); the Chinese original always comes beside a
// translation. Read duty (clause 7): any key.
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { assertContractAccess, actorOf } from '../auth';
import { notFound, requestLocale } from '../errors';
import { declareRoute, mount } from '../route';
import { clauseText, contractTexts, faultLevels } from '../../contract/texts';
import { defaultTerms } from '../../domain/terms';
import { termsAt } from '../../services/contracts';
import { CONTRACT_404, NONE, notFoundOf } from './refusals';

const Clause = z.object({
  id: z.string().describe('the clause number, e.g. 4.9.2'),
  printedAs: z.string().optional().describe('the number the tender prints when it differs (6.2.1 is printed 6.6.1)'),
  title: z.string(),
  text: z.string().describe('in the chosen language'),
  original: z.string().describe('the binding original, Chinese'),
});
const Language = z.enum(['zh-CN', 'en']);
const Level = z.object({
  level: z.number().int().min(1).max(5),
  name: z.string(),
  definition: z.string().describe('4.9.3, in the chosen language'),
  original: z.string().describe('4.9.3 as the tender states it'),
  response: z.object({ minutes: z.number().int(), text: z.string(), clause: z.literal('4.9.4') }),
});

const clauses = declareRoute({
  method: 'get',
  path: '/contract/clauses',
  localized: true,
  duty: 'read',
  refusals: NONE,
  summary: 'Every clause of the maintenance contract: title and text in the chosen language, and the Chinese original',
  responses: {
    200: {
      description: 'the clauses',
      schema: z.object({
        language: Language,
        title: z.string(),
        source: z.string(),
        note: z.string(),
        clauses: z.array(Clause),
      }),
    },
  },
});
const oneClause = declareRoute({
  method: 'get',
  path: '/contract/clauses/{id}',
  localized: true,
  duty: 'read',
  refusals: notFoundOf('clause'),
  summary: 'One clause (e.g. 4.9.2; 6.2.1 is also found by its printed number 6.6.1)',
  params: z.object({ id: z.string().max(20) }),
  responses: { 200: { description: 'the clause', schema: Clause } },
});
const levels = declareRoute({
  method: 'get',
  path: '/contract/fault-levels',
  localized: true,
  duty: 'read',
  refusals: CONTRACT_404,
  summary:
    "The fault levels of 4.9.3 with their definitions and 4.9.4 response deadlines (a contract's own with ?contractId=)",
  query: z.object({ contractId: z.string().max(64).optional() }),
  responses: {
    200: {
      description: 'the five levels',
      schema: z.object({
        contractId: z.string().optional(),
        language: Language,
        clause: z.literal('4.9.3'),
        levels: z.array(Level),
      }),
    },
  },
});

export function contractTextsRouter({ pool, now }: ApiDeps): Router {
  const r = Router();
  mount(r, clauses, (req, res) => {
    res.setHeader('content-language', requestLocale(req));
    clauses.send(res, 200, contractTexts(requestLocale(req)));
  });
  mount(r, oneClause, (req, res) => {
    const { id } = oneClause.params(req);
    const clause = clauseText(id, requestLocale(req));
    if (!clause) throw notFound(`clause ${id}`);
    res.setHeader('content-language', requestLocale(req));
    oneClause.send(res, 200, clause);
  });
  mount(r, levels, async (req, res) => {
    const { contractId } = levels.query(req);
    if (contractId) assertContractAccess(actorOf(req), contractId);
    const terms = contractId ? (await termsAt(pool, contractId, now())).terms : defaultTerms();
    res.setHeader('content-language', requestLocale(req));
    levels.send(res, 200, { ...(contractId ? { contractId } : {}), ...faultLevels(terms, requestLocale(req)) });
  });
  return r;
}
