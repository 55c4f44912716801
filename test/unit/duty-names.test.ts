// Issue 16 item 5: every deadline the queue can show has its Chinese and English name in the
// i18n catalogue (src/i18n/duty-names.ts), read from the families' own duty tables, so a duty
// added to a table without its names fails here; the queue line carries both names.
import { DUTY_NAMES, dutyNames } from '../../src/i18n/duty-names';
import { INSPECTION_DUTIES } from '../../src/workflows/cycles/inspection-duties';
import { ACCEPTANCE_DUTIES } from '../../src/workflows/cycles/acceptance-duties';
import { CARE_DUTIES } from '../../src/workflows/cycles/care-duties';
import { DONGLE_DUTIES } from '../../src/workflows/obligations/dongle-duties';
import { GOLIVE_DUTIES } from '../../src/workflows/obligations/go-live-duties';
import { RECTIFICATION_DUTIES } from '../../src/workflows/obligations/rectification-duties';
import { STAFF_DUTIES } from '../../src/workflows/obligations/staff-change-duties';
import { obligationWork } from '../../src/api/queue-work';

const TABLES: Record<string, readonly { duty: string }[]> = {
  inspection: INSPECTION_DUTIES,
  acceptance: ACCEPTANCE_DUTIES,
  care: CARE_DUTIES,
  dongle: DONGLE_DUTIES,
  golive: GOLIVE_DUTIES,
  rectification: RECTIFICATION_DUTIES,
  staff: STAFF_DUTIES,
};
const CHINESE = /[\u4e00-\u9fff]/;

it.each(Object.entries(TABLES))(
  'when the %s duty table is read, then each of its duties has a Chinese and an English name, and no name is left without its duty',
  (family, table) => {
    for (const { duty } of table) {
      const names = DUTY_NAMES[family]?.[duty];
      expect([duty, names?.['zh-CN']]).toEqual([duty, expect.stringMatching(CHINESE)]);
      expect(names?.en).toBeTruthy();
    }
    expect(Object.keys(DUTY_NAMES[family]!).sort()).toEqual(table.map((d) => d.duty).sort());
  },
);

it('when a service request or an unknown duty is named, then the request is named by its delivery and an unknown key stands as itself in both languages', () => {
  expect(dutyNames('service', 'MLPS level-3 review')['zh-CN']).toBe('按约定完成日期交付');
  expect(dutyNames('fault', 'response')).toEqual({ 'zh-CN': '响应', en: 'response' });
  expect(dutyNames('inspection', 'no such duty')).toEqual({ 'zh-CN': 'no such duty', en: 'no such duty' });
});

it("when a staff change's queue line is made, then its next deadline carries the duty's key, both names and its clause", () => {
  const line = obligationWork(
    {
      kind: 'staff',
      caseId: 'staff-change:C-1:swap-1',
      contractId: 'C-1',
      status: 'awaiting-approval',
      awaiting: 'hospital',
      breached: false,
      running: true,
      nextDeadlineAt: new Date('2027-01-01T00:00:00Z'),
      state: {},
    } as never,
    false,
  );
  expect(line.nextDeadline).toEqual({
    kind: STAFF_DUTIES[0]!.duty,
    names: DUTY_NAMES.staff![STAFF_DUTIES[0]!.duty],
    clause: STAFF_DUTIES[0]!.clause,
    dueMs: Date.parse('2027-01-01T00:00:00Z'),
  });
});
