// What each topic says, in Chinese (default) and English: what happened, whose move it is and
// what is due by when under which clause. Times are Asia/Shanghai with their offset. Pure; the
// fault deadline and penalty topics, whose figures come from the case, are in messages.ts.
// One module per family of topics (issue 10 item 1); this one assembles them.
import { CYCLE_SENTENCES } from './cycle-sentences';
import { FAULT_SENTENCES } from './fault-sentences';
import { OBLIGATION_SENTENCES } from './obligation-sentences';
import { statedTime, timeContested, timeDecided, type Sentence } from './sentence-kit';
import { SERVICE_SENTENCES } from './service-sentences';

export { shanghaiTime, type Said, type Words } from './sentence-kit';

export const SENTENCES: Record<string, Sentence> = {
  ...FAULT_SENTENCES,
  ...CYCLE_SENTENCES,
  ...OBLIGATION_SENTENCES,
  ...SERVICE_SENTENCES,
};

/** The sentence of a topic: its own, else the family-independent step it ends with (stated time, contest). */
export function sentenceOf(topic: string): Sentence | undefined {
  if (SENTENCES[topic]) return SENTENCES[topic];
  if (topic.endsWith('.stated-time')) return statedTime;
  if (topic.endsWith('.time-contested')) return timeContested;
  if (topic.endsWith('.time-decided')) return timeDecided;
  return undefined;
}
