// Clause 3 on the time-skipping server: a failed acceptance extends year 1 and year 2 counts
// from the pass, so the quarters move off the signing-date calendar. The daily reconcile of the
// launcher and the acceptance's termShifted signal keep every quarter started once: no quarter
// skipped (a shortened extension quarter included), none run twice.
import {
  acceptanceState,
  careState,
  decideAcceptance,
  inspectionState,
  submitAcceptance,
} from '../../src/workflows/cycles';
import { shanghaiDate } from '../../src/domain/time';
import { addYearsMs, contractYearSpan } from '../../src/domain/contract-year';
import { approver, DAY, startCyclesHarness, vendor, type CyclesHarness } from './cycles-harness';

let h: CyclesHarness;
beforeAll(async () => {
  h = await startCyclesHarness();
});
afterAll(async () => {
  await h?.stop();
});

const ids = (c: string, ...keys: string[]) =>
  keys.flatMap((k) =>
    k.startsWith('acceptance')
      ? [`${k.replace('acceptance', `acceptance:${c}:`)}`]
      : [`inspection:${c}:${k}`, `care:${c}:${k}`],
  );

async function decide(c: string, outcome: 'pass' | 'fail') {
  const acc = h.env.client.workflow.getHandle(`acceptance:${c}:1`);
  await h.until(
    () => acc.query(acceptanceState),
    (s) => s.status === 'awaiting-submission' || s.status === 'failed',
  );
  await acc.executeUpdate(submitAcceptance, { args: [{ actor: vendor }] });
  return acc.executeUpdate(decideAcceptance, {
    args: [
      outcome === 'fail'
        ? { actor: approver, outcome, reasons: ['Q3 report incomplete'] }
        : { actor: approver, outcome, hospitalSignatory: 'dir-zhao', vendorSignatory: 'pm-chen' },
    ],
  });
}

test("when year 2's first quarter started before year 1's acceptance failed, then it waits, the reconcile starts 1Q5, and after the pass 2Q1 runs from the passing date, once", async () => {
  const now = await h.env.currentTimeMs();
  const signed = addYearsMs(now - 2 * DAY, -1);
  const c = await h.newContract(signed); // year 1 ended two days ago
  let r = await h.launch('reconcile', c, now);
  expect(r.started.sort()).toEqual(ids(c, '2Q1', 'acceptance1', 'acceptance2').sort());

  await decide(c, 'fail');
  const q21 = h.env.client.workflow.getHandle(`inspection:${c}:2Q1`);
  const suspended = await h.until(
    () => q21.query(inspectionState),
    (s) => s.history.some((e) => e.event === 'period-suspended'),
  );
  expect(suspended.status).toBe('open');

  r = await h.launch('reconcile', c, now + DAY); // year 1 runs on: its quarter 5
  expect(r.started.sort()).toEqual(ids(c, '1Q5').sort());
  const q15 = await h.until(
    () => h.env.client.workflow.getHandle(`inspection:${c}:1Q5`).query(inspectionState),
    (s) => s.dueAt !== '',
  );
  expect(q15.periodStart).toBe(shanghaiDate(contractYearSpan(signed, 1).endMs!));

  await h.env.sleep(20 * DAY);
  const passed = await decide(c, 'pass');
  expect(passed).toMatchObject({ status: 'passed', round: 1 });
  const passDate = shanghaiDate(Date.parse(passed.decisions.at(-1)!.at));
  const moved = await h.until(
    () => q21.query(inspectionState),
    (s) => s.periodStart === passDate,
  );
  expect(moved.history.map((e) => e.event)).toContain('period-shifted');
  await h.until(
    () => h.env.client.workflow.getHandle(`care:${c}:2Q1`).query(careState),
    (s) => s.periodStart === passDate,
  );
  await h.until(
    () => h.env.client.workflow.getHandle(`acceptance:${c}:2`).query(acceptanceState),
    (s) => s.yearStart === passDate,
  );
  const row = await h.until(
    async () =>
      (
        await h.db.pool.query(
          "SELECT to_char(period_start, 'YYYY-MM-DD') AS d FROM inspections WHERE workflow_id = $1",
          [q21.workflowId],
        )
      ).rows[0]?.d,
    (d) => d === passDate,
  );
  expect(row).toBe(passDate);
  // 1Q5 was cut at the pass but stays due at the end of its full three months (EXTENSION_QUARTER_READING).
  expect((await h.env.client.workflow.getHandle(`inspection:${c}:1Q5`).query(inspectionState)).dueAt).toBe(q15.dueAt);

  r = await h.launch('reconcile', c, Date.parse(passed.decisions.at(-1)!.at) + DAY);
  expect(r.started).toEqual([]);
  expect(r.existing).toEqual(expect.arrayContaining(ids(c, '1Q5', '2Q1')));
});

test('when year 1 fails and passes between two reconciles, then the shortened quarter 1Q5 and 2Q1 are both started by the next one, and a second run starts nothing', async () => {
  const now = await h.env.currentTimeMs();
  const signed = addYearsMs(now - 2 * DAY, -1);
  const c = await h.newContract(signed);
  let r = await h.launch('reconcile', c, signed + 300 * DAY); // tracked from 1Q4 on
  expect(r.started.sort()).toEqual(ids(c, '1Q4', 'acceptance1').sort());
  await decide(c, 'fail');
  // No sleep: the pass comes two days after the nominal end, so 1Q5 lasts two days. (The test
  // server's sleep also hangs when no workflow holds a timer, as here.)
  const passed = await decide(c, 'pass');
  const passMs = Date.parse(passed.decisions.at(-1)!.at);
  r = await h.launch('reconcile', c, passMs + DAY);
  expect(r.started.sort()).toEqual(ids(c, '1Q5', '2Q1', 'acceptance2').sort());
  const q15 = await h.until(
    () => h.env.client.workflow.getHandle(`inspection:${c}:1Q5`).query(inspectionState),
    (s) => s.dueAt !== '',
  );
  expect(q15.periodStart).toBe(shanghaiDate(contractYearSpan(signed, 1).endMs!));
  expect(Date.parse(q15.dueAt)).toBeGreaterThan(passMs + 60 * DAY); // due at its full 3 months, not at the pass
  r = await h.launch('reconcile', c, passMs + 2 * DAY);
  expect(r.started).toEqual([]);
});
