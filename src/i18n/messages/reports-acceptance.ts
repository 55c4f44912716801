// The yearly acceptance form's texts (src/reports/acceptance-form.ts; clause 8, payment by
// clause 10): three copies, two for the hospital and one for the vendor, each to sign and seal.
// Shape: src/i18n/report-text.ts.
import { tx } from '../report-text';

export const FORM_TEXT = {
  title: tx('运维验收单（第{year}合同年）', 'O&M acceptance form (contract year {year})'),
  file: tx('运维验收单-{id}-第{year}合同年', 'acceptance-form-{id}-year{year}'),
  copies: [
    tx('第一联（甲方存执）', 'Copy 1 (kept by the hospital)'),
    tx('第二联（甲方存执）', 'Copy 2 (kept by the hospital)'),
    tx('第三联（乙方存执）', 'Copy 3 (kept by the vendor)'),
  ],
  contract: tx('合同', 'Contract'),
  hospital: tx('甲方（医院）', 'Party A (hospital)'),
  vendor: tx('乙方（厂商）', 'Party B (vendor)'),
  period: tx('验收期间', 'Period accepted'),
  faults: tx('故障', 'Faults'),
  faultsLine: tx(
    '{faults} 起，其中响应超时 {late} 起（条款 4.9）',
    '{faults}, of which response late {late} (clause 4.9)',
  ),
  inspections: tx('季度巡检报告', 'Quarterly inspection reports'),
  inspectionsLine: tx('{done} / {all} 份（条款 4.3）', '{done} / {all} (clause 4.3)'),
  care: tx('客户回访', 'Customer care'),
  careLine: tx(
    '{visits} 次，{kept} / {periods} 个季度达标（条款 4.1）',
    '{visits} visits, {kept} / {periods} quarters kept (clause 4.1)',
  ),
  staff: tx('人员变更', 'Staff changes'),
  staffLine: tx('{count} 项（条款 4.2）', '{count} (clause 4.2)'),
  documents: tx('运维记录文档', 'O&M record documents'),
  documentsLine: tx('{count} 份', '{count}'),
  deductions: tx('本年已确认违约金', 'Penalties confirmed this year'),
  deductionsLine: tx('{amount}（条款 6）', '{amount} (clause 6)'),
  conclusion: tx('验收结论', 'Conclusion'),
  passed: tx('【√】合格　【　】不合格（{at} 验收通过）', '[√] passed  [  ] failed (passed {at})'),
  open: tx('【　】合格　【　】不合格', '[  ] passed  [  ] failed'),
  statement: tx(
    '经甲乙双方共同验收，第{year}合同年运维服务结论如上。本验收单一式三份，甲方执两份，乙方执一份，经双方签字并加盖公章后生效（条款 8）；验收合格后支付下一年度维保费用（条款 10）。',
    'Accepted jointly by both parties: the conclusion on the O&M services of contract year {year} is stated above. This form is made in three copies, two kept by the hospital and one by the vendor, and takes effect when signed and sealed by both (clause 8); the maintenance fee of the next year is paid after a passed acceptance (clause 10).',
  ),
  hospitalSeal: tx('甲方（盖章）', 'Party A (seal)'),
  vendorSeal: tx('乙方（盖章）', 'Party B (seal)'),
  hospitalSignatory: tx('验收负责人：{name}', 'Accepted by: {name}'),
  vendorSignatory: tx('运维负责人：{name}', 'O&M lead: {name}'),
  blank: tx('________________', '________________'),
  signature: tx('签字：________________', 'Signature: ________________'),
  date: tx('日期：______年____月____日', 'Date: ____-____-____'),
};
