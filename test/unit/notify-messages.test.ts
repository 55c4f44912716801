import { createHmac } from 'node:crypto';
import { renderMessage, shanghaiTime } from '../../src/notify/messages';
import { contextOf } from '../../src/notify/router';
import { dingtalkSign, dingtalkUrl, verifyWebhook, webhookSignature } from '../../src/notify/signing';
import type { OutboxMessage } from '../../src/notify/model';

const reportedAt = Date.parse('2026-12-01T16:50:00Z'); // 00:50 on 2 December in Shanghai
const reported: OutboxMessage = {
  key: 'fault:C-1:7:reported',
  topic: 'fault.reported',
  contractId: 'C-1',
  subject: 'Fault fault:C-1:7 (level 1) reported: OA down',
  createdAtMs: reportedAt,
  body: {
    caseId: 'fault:C-1:7',
    level: 1,
    title: 'OA 无法登录',
    channel: 'phone',
    reporter: '护士李',
    reportedAt: new Date(reportedAt).toISOString(),
  },
};
const facts = {
  caseId: 'fault:C-1:7',
  level: 1,
  title: 'OA 无法登录',
  reportedAtMs: reportedAt,
  affectsOperations: true,
  terms: {},
};

describe('messages', () => {
  it('when a level-1 fault is reported after midnight UTC+8, then the Chinese text gives the Shanghai date, the 15-minute response due (4.9.4) and the link', () => {
    const ctx = contextOf(reported, facts, 'https://weibao.example.cn/');
    const m = renderMessage(reported, ctx, 'zh-CN');
    expect(m.title).toBe('【维保】新故障报告：fault:C-1:7');
    expect(m.text).toContain('医院于 2026-12-02 00:50 +08:00 报告了1 级故障「OA 无法登录」');
    expect(m.text).toContain('请立即响应：响应截止 2026-12-02 01:05 +08:00（第 4.9.4 条）');
    expect(m.text).toContain('查看：https://weibao.example.cn/faults/fault%3AC-1%3A7');
    expect(m.markdown).toContain('[查看案件](https://weibao.example.cn/faults/fault%3AC-1%3A7)');
  });
  it('when the recipient reads English, then the same facts come in English with +08:00 times', () => {
    const m = renderMessage(reported, contextOf(reported, facts, 'http://x'), 'en');
    expect(m.text).toContain('Respond now: response due by 2026-12-02 01:05 +08:00 (clause 4.9.4).');
  });
  it('when a breach proposes a penalty, then the message says how late and the amount in yuan under 6.2.1', () => {
    const breach: OutboxMessage = {
      ...reported,
      key: 'k',
      topic: 'fault.breach',
      body: {
        caseId: 'fault:C-1:7',
        deadline: 'response',
        clause: '4.9.4',
        dueAt: new Date(reportedAt + 900_000).toISOString(),
        lateByMs: 125 * 60_000,
        penalty: { amountFen: '100000' },
      },
    };
    const m = renderMessage(breach, contextOf(breach, facts, 'http://x'), 'zh-CN');
    expect(m.text).toContain('响应截止 2026-12-02 01:05 +08:00（第 4.9.4 条），已超时 2 小时 5 分钟');
    expect(m.text).toContain('违约金 1000.00 元');
  });
  it('when formatting instants, then Asia/Shanghai is UTC+8 whatever the server zone', () => {
    expect(shanghaiTime(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00 +08:00');
  });
});

describe('signatures', () => {
  it('when DingTalk signs, then sign = urlencode(base64(HMAC-SHA256(secret, ts + "\\n" + secret)))', () => {
    const expected = encodeURIComponent(
      createHmac('sha256', 'SECabc').update('1700000000000\nSECabc').digest('base64'),
    );
    expect(dingtalkSign('SECabc', 1700000000000)).toBe(expected);
    expect(dingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 'SECabc', 1700000000000)).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=${expected}`,
    );
  });
  it('when a webhook body or timestamp is changed, or too old, then verification fails', () => {
    const body = '{"a":1}';
    const sig = webhookSignature('k'.repeat(16), 1000, body);
    expect(sig).toBe(`v1=${createHmac('sha256', 'k'.repeat(16)).update(`1000.${body}`).digest('hex')}`);
    expect(verifyWebhook('k'.repeat(16), { timestamp: '1000', signature: sig }, body, 2000)).toBe(true);
    expect(verifyWebhook('k'.repeat(16), { timestamp: '1000', signature: sig }, '{"a":2}', 2000)).toBe(false);
    expect(verifyWebhook('k'.repeat(16), { timestamp: '1001', signature: sig }, body, 2000)).toBe(false);
    expect(verifyWebhook('k'.repeat(16), { timestamp: '1000', signature: sig }, body, 1000 + 6 * 60_000)).toBe(false);
  });
});
