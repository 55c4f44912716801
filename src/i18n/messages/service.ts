// Messages of the service requests' refusals (src/workflows/service/rules.ts, issue 18): the
// vendor's duties beyond faults, inspections and care. `{clause}` is the request's own clause
// (4.4-4.7, 4.12, 5.1-5.4, 4.8.5), fixed where the rule is one clause's (5.4, 6.5).
// Shape: src/i18n/catalogue.ts.
import type { MessageEntry } from '../catalogue';

export const SERVICE_MESSAGES: MessageEntry[] = [
  {
    code: 'REQUEST_CLOSED',
    en: 'service request {id} is {status} (clause {clause})',
    zh: '服务请求 {id} 已结束（{status}），不再接受操作（第 {clause} 条）',
  },
  {
    code: 'DELIVERY_PENDING',
    en: 'a delivery awaits the hospital’s review (clause {clause})',
    zh: '已有一次交付等待院方审核（第 {clause} 条）',
  },
  {
    code: 'DUE_PASSED',
    en: 'the agreed due date {date} has passed; its breach stands (clause {clause})',
    zh: '约定的截止日期 {date} 已过，违约成立（第 {clause} 条）',
  },
  {
    code: 'NO_DUE_PROPOSAL',
    en: 'no due date is proposed (clause {clause})',
    zh: '尚无截止日期提议（第 {clause} 条）',
  },
  {
    code: 'OWN_PROPOSAL',
    en: 'a due date is accepted by the other party than the one who proposed it (clause {clause})',
    zh: '截止日期应由提议方以外的另一方接受（第 {clause} 条）',
  },
  {
    code: 'ALREADY_ACKNOWLEDGED',
    en: 'the request is already acknowledged (clause {clause})',
    zh: '该请求已确认受理（第 {clause} 条）',
  },
  {
    code: 'NOT_ACKNOWLEDGED',
    en: 'acknowledge the request before working on it (clause {clause})',
    zh: '请先确认受理该请求，再开始处理（第 {clause} 条）',
  },
  {
    code: 'NOT_ACKNOWLEDGED',
    en: 'acknowledge the request before delivering (clause {clause})',
    zh: '请先确认受理该请求，再交付（第 {clause} 条）',
  },
  {
    code: 'ALREADY_STARTED',
    en: 'work on the request has already started (clause {clause})',
    zh: '该请求已开始处理（第 {clause} 条）',
  },
  {
    code: 'DUE_NOT_AGREED',
    en: 'the due date is not agreed yet (clause {clause})',
    zh: '截止日期尚未约定（第 {clause} 条）',
  },
  {
    code: 'NO_DELIVERY_TO_REVIEW',
    en: 'no delivery awaits review (clause {clause})',
    zh: '没有等待审核的交付（第 {clause} 条）',
  },
  {
    code: 'REASON_REQUIRED',
    en: 'a delivery is sent back with its reason (clause {clause})',
    zh: '退回交付须说明理由（第 {clause} 条）',
  },
  // 5.4: personalisation is free unless both parties agree the change is large.
  {
    code: 'NOT_PERSONALISATION',
    clause: '5.4',
    en: 'only a personalisation request (5.4) can be claimed large, this is {requestClause} (clause {clause})',
    zh: '只有个性化需求（5.4）才能申报为大型变更，本请求属于第 {requestClause} 条（第 {clause} 条）',
  },
  {
    code: 'LARGE_CHANGE_CLAIMED',
    clause: '5.4',
    en: 'a large-change claim was already made ({outcome}) (clause {clause})',
    zh: '已提出过大型变更申报（{outcome}）（第 {clause} 条）',
  },
  {
    code: 'NO_LARGE_CHANGE_CLAIM',
    clause: '5.4',
    en: 'no large-change claim is open (clause {clause})',
    zh: '没有待裁定的大型变更申报（第 {clause} 条）',
  },
  // 6.5: a breach of another service commitment waits for the approver's rate.
  {
    code: 'NO_UNPRICED_BREACH',
    clause: '6.5',
    en: "there is no breach awaiting the approver's rate (clause {clause})",
    zh: '没有等待审批人确定费率的违约（第 {clause} 条）',
  },
];
