// Recorded workflow histories for replay tests: one JSON file per history,
// { workflowId, format, events (event type names, for reading), proto (base64 History) }.
// historyToJSON fails here (two protobufjs copies in node_modules), hence the base64 proto.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { workflowBundle } from './stack';

export interface RecordedHistory {
  workflowId: string;
  format: string;
  events: string[];
  proto: string;
}

export function encodeHistory(workflowId: string, history: temporal.api.history.v1.IHistory): RecordedHistory {
  const events = (history.events ?? []).map((e) => temporal.api.enums.v1.EventType[e.eventType ?? 0]);
  const proto = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64');
  return { workflowId, format: 'temporal.api.history.v1.History/base64', events, proto };
}

export function saveHistory(file: string, workflowId: string, history: temporal.api.history.v1.IHistory): void {
  writeFileSync(file, `${JSON.stringify(encodeHistory(workflowId, history), null, 1)}\n`);
}

/** Waits for the workflow to end, then saves its history as file (a path) and says so on stdout: the recording scripts' last step. */
export async function saveFinished(
  file: string,
  handle: { workflowId: string; result(): Promise<unknown>; fetchHistory(): Promise<temporal.api.history.v1.IHistory> },
): Promise<void> {
  await handle.result();
  const history = await handle.fetchHistory();
  saveHistory(file, handle.workflowId, history);
  process.stdout.write(
    `recorded ${history.events?.length} events of ${handle.workflowId} into ${path.basename(file)}\n`,
  );
}

export function loadHistories(
  dir: string,
  prefix = '',
): { file: string; recorded: RecordedHistory; history: temporal.api.history.v1.History }[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .sort()
    .map((file) => {
      const recorded = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as RecordedHistory;
      return { file, recorded, history: temporal.api.history.v1.History.decode(Buffer.from(recorded.proto, 'base64')) };
    });
}

/**
 * Replays every recorded history in dir whose file name starts with prefix on the current
 * workflow code (the shared bundle); throws on the first nondeterminism. Returns the files replayed.
 */
export async function replayAll(dir: string, prefix = ''): Promise<string[]> {
  const all = loadHistories(dir, prefix);
  const bundle = await workflowBundle();
  for (const { file, recorded, history } of all) {
    if (history.events?.length !== recorded.events.length)
      throw new Error(`${file}: ${history.events?.length} events decoded, ${recorded.events.length} listed`);
    try {
      await Worker.runReplayHistory({ workflowBundle: bundle }, history, recorded.workflowId);
    } catch (e) {
      throw new Error(`${file} (${recorded.workflowId}) does not replay: ${(e as Error).message}`, { cause: e });
    }
  }
  return all.map((h) => h.file);
}
