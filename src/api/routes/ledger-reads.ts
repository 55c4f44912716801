// Reads of the clause 6 penalty ledger: entries, totals with the 5 % / 20 % standing (6.3),
// one entry with its status history, and the rights events of 6.3 / 6.4 / 6.5.
import { Router, type Request } from 'express';
import type { z } from 'zod';
import { actorOf, assertContractAccess, type Actor } from '../auth';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { answerLocale } from '../language';
import { renderBasis } from '../../i18n/basis';
import { recordTextsIn } from '../../i18n/record-texts';
import { rightsEventIn } from '../../i18n/rights';
import type { Locale } from '../../i18n/locale';
import { mount } from '../route';
import * as lq from '../../db/queries/ledger';
import { totals } from '../../services/ledger-totals';
import { mustFindContract, termsAt } from '../../services/contracts';
import { thresholdStanding } from '../../domain/thresholds';
import { LEDGER_LIST_CSV, sendList } from '../../reports/list-export';
import { scopeOf } from '../../security/key-scope';
import { ledgerRoutes as routes } from './ledger-routes';

/** The entry of the URL, within the caller's contracts (clause 7). */
export async function entryFor(pool: ApiDeps['pool'], req: Request): Promise<lq.EntryRow> {
  const e = await lq.findEntry(pool, req.params.id as string);
  if (!e) throw notFound(`ledger entry ${req.params.id as string}`);
  assertContractAccess(actorOf(req), e.contractId);
  return e;
}

/** GET /ledger's entries for its filters, within the caller's contracts, each basis in the reader's language (also part of a contract's overview). */
export const ledgerEntriesOf = async (
  pool: ApiDeps['pool'],
  actor: Actor,
  f: z.output<typeof routes.list.spec.query>,
  locale: Locale,
) =>
  (await lq.listEntries(pool, { ...f, contractYear: f.year, scope: scopeOf(actor) })).map((e) =>
    recordTextsIn(e, locale),
  );

/** GET /ledger/totals's answer: the sums against the 5 % and 20 % thresholds in force at nowMs (6.3; also in the overview), their rights in the reader's language. */
export async function ledgerTotalsOf(
  pool: ApiDeps['pool'],
  contractId: string,
  year: number | undefined,
  nowMs: number,
  locale: Locale,
) {
  const c = await mustFindContract(pool, contractId);
  const sums = await totals(pool, contractId, year);
  const terms = (await termsAt(pool, contractId, nowMs)).terms;
  const thresholds = thresholdStanding(sums.confirmedFen, c.amountFen, terms).map((t) => ({
    ...t,
    description: renderBasis(t.descriptionTemplate, locale),
  }));
  return { ...sums, amountFen: c.amountFen, thresholds };
}

export function ledgerReadsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();

  mount(r, routes.list, async (req, res) => {
    const f = routes.list.query(req);
    const actor = actorOf(req);
    if (f.contractId) assertContractAccess(actor, f.contractId);
    sendList(req, res, await ledgerEntriesOf(pool, actor, f, answerLocale(req, res)), LEDGER_LIST_CSV); // JSON, or CSV on Accept: text/csv
  });

  // Before /ledger/{id}: express matches in mounting order.
  mount(r, routes.totals, async (req, res) => {
    const f = routes.totals.query(req);
    assertContractAccess(actorOf(req), f.contractId);
    routes.totals.send(res, 200, await ledgerTotalsOf(pool, f.contractId, f.year, deps.now(), answerLocale(req, res)));
  });

  mount(r, routes.one, async (req, res) => {
    const e = await entryFor(pool, req);
    const locale = answerLocale(req, res);
    routes.one.send(res, 200, recordTextsIn({ ...e, events: await lq.listStatusEvents(pool, e.id) }, locale));
  });

  mount(r, routes.rights, async (req, res) => {
    const { contractId } = routes.rights.query(req);
    const actor = actorOf(req);
    if (contractId) assertContractAccess(actor, contractId);
    const locale = answerLocale(req, res);
    const events = await lq.listRightsEvents(pool, contractId ?? null, scopeOf(actor));
    routes.rights.send(res, 200, { items: events.map((e) => rightsEventIn(e, locale)) });
  });
  return r;
}
