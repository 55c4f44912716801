// Who may file which document. Each kind is the evidence of one clause; the side that owes the
// obligation files it, and the other side reviews it on the case that cites it (4.9.2: the
// hospital accepts or rejects the vendor's fault analysis on the fault case, and the vendor
// resubmits a new version).
import type { Role } from '../api/auth';
import { HttpError } from '../api/errors';
import type { DocumentKind } from '../db/queries/documents';

export const KIND_RULES: Record<DocumentKind, { clause: string; uploaders: Role[]; zh: string }> = {
  'fault-analysis': { clause: '4.9.2', uploaders: ['vendor-engineer'], zh: '故障分析说明文档' },
  'inspection-report': { clause: '4.3', uploaders: ['vendor-engineer'], zh: '巡检报告' },
  'remediation-evidence': { clause: '4.6', uploaders: ['vendor-engineer'], zh: '整改证明' },
  'care-visit-note': { clause: '4.1', uploaders: ['vendor-engineer'], zh: '回访记录' },
  'om-record': { clause: '3', uploaders: ['vendor-engineer'], zh: '运维记录' },
  'acceptance-scan': { clause: '8', uploaders: ['hospital-approver', 'hospital-operator'], zh: '运维验收单扫描件' },
  'staff-qualification': { clause: '4.2', uploaders: ['vendor-engineer'], zh: '人员资质证明' },
  'service-evidence': {
    clause: '6.5',
    uploaders: ['hospital-operator', 'hospital-approver', 'vendor-engineer'],
    zh: '服务请求文档',
  },
  other: { clause: '7', uploaders: ['hospital-operator', 'hospital-approver', 'vendor-engineer'], zh: '其他文档' },
};

export function assertMayUpload(role: Role, kind: DocumentKind): void {
  const rule = KIND_RULES[kind];
  if (!rule.uploaders.includes(role)) {
    throw new HttpError(
      403,
      'FORBIDDEN',
      `a ${kind} (${rule.zh}, clause ${rule.clause}) is filed by ${rule.uploaders.join(' or ')}, not ${role}`,
      { clause: rule.clause },
    );
  }
}

/** A subject of the form <kind>:<contractId>:... must name the document's own contract. */
export function assertSubjectOfContract(subject: string | null, contractId: string): void {
  if (!subject) return;
  const parts = subject.split(':');
  if (parts.length >= 2 && parts[1] !== contractId) {
    throw new HttpError(400, 'INVALID_INPUT', `subject: ${subject} names contract ${parts[1]}, not ${contractId}`, {
      field: 'subject',
    });
  }
}
