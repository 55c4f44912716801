import { renderMessage } from '../../src/notify/messages';
import { sentenceOf } from '../../src/notify/sentences';
import { TOPIC_ROUTES } from '../../src/notify/topic-catalogue';
import type { OutboxMessage } from '../../src/notify/model';

// Issue 15, done-when: every notification topic reads in Chinese (default) and in English. The
// bodies carry only ids, times and enumerated values, so an English text with a Chinese
// character (or a Chinese one without) is the platform's own wording, not a user's.
const HAN = /[\u4e00-\u9fff]/;
const KERNEL_KINDS = ['rectification', 'golive', 'dongle', 'staff', 'inspection', 'care', 'acceptance'];
const STEPS = ['stated-time', 'time-contested', 'time-decided'];
const FIGURED = [
  'fault.reported',
  'fault.warning',
  'fault.breach',
  'penalty.proposed',
  'penalty.disputed',
  'penalty.decided',
];
const topics = [...Object.keys(TOPIC_ROUTES), ...KERNEL_KINDS.flatMap((k) => STEPS.map((s) => `${k}.${s}`))];

const at = '2026-12-01T16:50:00.000Z';
const message = (topic: string): OutboxMessage => ({
  key: `k:${topic}`,
  topic,
  contractId: 'C-1',
  subject: `English subject of ${topic}`,
  createdAtMs: Date.parse(at),
  body: {
    caseId: topic.startsWith('fault.') || topic.startsWith('penalty.') ? 'fault:C-1:7' : 'inspection:C-1:1Q2',
    workflowId: 'inspection:C-1:1Q2',
    level: 1,
    dueAt: at,
    occurredAt: at,
    recordedAt: at,
    statedAt: at,
    proposedAt: at,
    effectiveAt: at,
    statedBy: 'vendor',
    decision: 'stated',
    status: 'proposed',
    outcome: 'approved',
    clause: '4.3',
    amountFen: '150000',
    fraction: 0.5,
    lateByMs: 600_000,
    factSeq: 2,
    year: 1,
    quarter: 2,
  },
});

describe('notification languages (issue 15)', () => {
  it.each(topics)('when %s is rendered, then it has its own sentence in Chinese and in English', (topic) => {
    expect(FIGURED.includes(topic) || sentenceOf(topic) !== undefined).toBe(true);
    const ctx = { caseId: 'fault:C-1:7', level: 1, caseTitle: 'OA', link: 'http://x/faults/1' };
    const zh = renderMessage(message(topic), ctx, 'zh-CN');
    const en = renderMessage(message(topic), ctx, 'en');
    expect(zh.title).toMatch(/^【维保】/);
    expect(zh.text.split('\n')[0]).toMatch(HAN);
    expect(zh.text).not.toContain('English subject');
    expect(en.title).toMatch(/^\[weibao\] /);
    expect(`${en.title}\n${en.text}`).not.toMatch(HAN);
    expect(en.text).toMatch(/[a-z]{3}/);
  });
});
