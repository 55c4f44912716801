// Sentences the signing and service obligations write about a finding or a breach (6.6, 4.4),
// with their Chinese (issue 15); part of WRITTEN_TEXT (written.ts), read back the same way.
import { tx } from '../report-text';

export const FINDING_TEXT = [
  // why a finding is or is not exempt under the 6.6 exception (src/domain/obligations.ts dongleException)
  tx(
    '未引用医院对 MAC、IP、网络或服务器的变更（条款 6.6）',
    'no hospital change of MAC, IP, network or server is cited (clause 6.6)',
  ),
  tx(
    '医院变更 {changeId} 未在平台登记（条款 6.6）',
    'hospital change {changeId} is not recorded on the platform (clause 6.6)',
  ),
  tx(
    '医院变更 {changeId} 在发现限制之后才实施（条款 6.6）',
    'hospital change {changeId} was made after the restriction was found (clause 6.6)',
  ),
  tx(
    '医院变更 {changeId} 已至少提前一周通知（条款 6.6）',
    'hospital change {changeId} was notified at least one week ahead (clause 6.6)',
  ),
  tx(
    '医院于 {changedAt} 变更了{changeKind}，通知时间为 {notifiedAt}，提前不足一周：供应商免责（条款 6.6 例外）',
    'the hospital changed the {changeKind} on {changedAt} with notice on {notifiedAt}, less than one week ahead: the vendor is exempt (clause 6.6 exception)',
  ),
  // a service request's or licence's breach (src/workflows/service/duties.ts breachFact; 4.4, 6.5/6.2.2)
  tx(
    '许可证“{title}”已失效：未在 {date} 结束前续期（条款 4.4）：属于其他服务承诺未履行',
    'licence "{title}" lapsed: not renewed before the end of {date} (clause 4.4): another service commitment not kept',
  ),
  tx(
    '服务请求 {requestId}“{title}”（条款 {clause}）于 {at} 交付，晚于约定的截止日期 {date}：属于其他服务承诺未履行',
    'service request {requestId} "{title}" (clause {clause}) delivered at {at}, after its agreed due date {date}: another service commitment not kept',
  ),
  tx(
    '服务请求 {requestId}“{title}”（条款 {clause}）未在约定的截止日期 {date} 前交付并验收：属于其他服务承诺未履行',
    'service request {requestId} "{title}" (clause {clause}) not delivered and accepted by its agreed due date {date}: another service commitment not kept',
  ),
];
