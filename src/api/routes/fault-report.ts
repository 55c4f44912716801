// Fault intake (clauses 4.8, 4.9): the hospital's operator, or the vendor's service desk for a
// fault phoned in to it, reports a fault; the case row is written in PostgreSQL first, then its
// workflow is started with the deadlines judged from the report's instant and the terms. The
// body and the case row's intake: fault-intake.ts.
import { answerLocale } from '../language';
import { recordTextsIn } from '../../i18n/record-texts';
import { Router } from 'express';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { affectsOperations, type FaultLevel } from '../../domain';
import { requestHash } from '../../services/contracts';
import { faultCaseStart } from '../../temporal/fault-start';
import { faultCaseWorkflow } from '../../workflows/fault-case';
import type { FaultCaseInput } from '../../workflows/fault/messages';
import { actorOf, allow, assertContractAccess } from '../auth';
import { auditAs } from '../audit';
import { auditRowForEffect, noteOf } from '../../security/audit-scope';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';
import { declareRoute, mount } from '../route';
import { FaultReported, withNames } from './fault-schemas';
import { idempotencyKeyOf, parseBody } from '../validate';
import { intakeOnce, Report } from './fault-intake';
import { refusal } from './refusals';

const report = declareRoute({
  method: 'post',
  path: '/contracts/{contractId}/faults',
  localized: true,
  duty: 'report',
  keyedByRoute: true, // fault_intakes holds the key (fault-intake.ts): a retry or a concurrent twin gets the same case
  refusals: {
    404: refusal(['NOT_FOUND'], 'no contract of this id'),
    409: refusal(
      ['BEFORE_CONTRACT_TERM', 'CONTRACT_ENDED', 'BACKDATE_WINDOW'],
      'reportedAt before the signing (3), on an ended contract (3), or further back than the terms allow (4.9.3)',
    ),
  },
  summary:
    'Report a fault (hospital-operator, or vendor-service-desk for a fault phoned in, 4.8); Idempotency-Key makes retries return the same case (4.9)',
  params: z.object({ contractId: z.string() }),
  body: Report,
  responses: {
    201: { description: 'case id and every deadline with its clause', schema: FaultReported },
    200: { description: 'the case of this Idempotency-Key, reported before', schema: FaultReported },
  },
});

const iso = (ms: number) => new Date(ms).toISOString();
/** A report stated this close after now is clock skew, not the future (terms statedTimes.toleranceSeconds default). */
const STATED_TOLERANCE_MS = 120_000;

export function faultReportRouter(deps: ApiDeps): Router {
  const { pool, temporal, config } = deps;
  const r = Router();

  mount(r, report, allow('hospital-operator', 'vendor-service-desk'), async (req, res) => {
    const actor = actorOf(req);
    const contractId = String(req.params.contractId);
    assertContractAccess(actor, contractId);
    const body = parseBody(Report, req.body);
    const key = idempotencyKeyOf(req);
    const nowMs = deps.now();
    const statedMs = body.reportedAt ? Date.parse(body.reportedAt) : nowMs;
    if (statedMs > nowMs + STATED_TOLERANCE_MS)
      throw new HttpError(400, 'INVALID_INPUT', 'reportedAt: a fault cannot be reported in the future', {
        field: 'reportedAt',
        clause: '4.9.4',
      });
    const reportedAtMs = Math.min(statedMs, nowMs);
    const hash = requestHash({ ...body, reportedAtMs: body.reportedAt ? reportedAtMs : undefined });
    const lvl = body.level as FaultLevel;
    // The audit row goes with the case row, in the intake's one statement (a retry or a refusal creates nothing: its row is written when the answer ends).
    const effect = auditRowForEffect(201, { action: 'fault.report', detail: { level: lvl, created: true } });
    const audit = effect?.row;
    const intake = await intakeOnce(pool, { contractId, body, key, hash, reportedAtMs, nowMs, actor, audit }, true);
    auditAs(res, 'fault.report', intake.caseId, { level: lvl, created: intake.created });
    if (intake.created) effect?.written(noteOf(res));

    // Deterministic workflow id: a retry after a crash between commit and start starts it now; a
    // second start of the same id is WorkflowExecutionAlreadyStarted, which is success here.
    const input: FaultCaseInput = {
      caseId: intake.caseId,
      contractId,
      caseNo: intake.caseNo,
      level: lvl,
      title: body.title,
      description: body.description,
      channel: body.channel,
      affectsOperations: affectsOperations(lvl, body.affectsOperations),
      reporter: body.reporter,
      reportedAtMs: intake.reportedAtMs,
      recordedAtMs: intake.recordedAtMs,
      reportedBy: intake.recordedBy,
      // A retry's context was read at its own instant, not the first report's: that case loads its terms itself.
      ...(intake.created ? { intake: { termsVersion: intake.version, terms: intake.terms } } : {}),
    };
    try {
      await temporal.workflow.start(
        faultCaseWorkflow,
        faultCaseStart(input, intake.deadlines, config.TEMPORAL_TASK_QUEUE),
      );
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
    // The route answers its own retries (keyedByRoute), marked as the generic layer marks a replay.
    if (!intake.created) res.setHeader('idempotent-replayed', 'true');
    report.send(res, intake.created ? 201 : 200, {
      caseId: intake.caseId,
      contractId,
      caseNo: intake.caseNo,
      level: lvl,
      reportedAt: iso(intake.reportedAtMs),
      termsVersion: intake.version,
      created: intake.created,
      deadlines: recordTextsIn(withNames(intake.deadlines), answerLocale(req, res)).map((d) => ({
        kind: d.kind,
        names: d.names,
        dueAt: iso(d.dueMs),
        clause: d.clause,
        warnAt: d.warnAtMs.map(iso),
        ...(d.reading ? { reading: d.reading } : {}),
      })),
    });
  });
  return r;
}
