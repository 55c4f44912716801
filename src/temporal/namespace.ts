import type { NativeConnection } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { msToTs } from '@temporalio/common/lib/time';
import type { Logger } from '../logger';
import attributes from './search-attributes.json';

const TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Text: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
};

/** The project's custom search attributes with their index types, as the operator API takes them. */
export function searchAttributeIndexTypes(): Record<string, temporal.api.enums.v1.IndexedValueType> {
  return Object.fromEntries(Object.entries(attributes as Record<string, string>).map(([n, t]) => [n, TYPES[t]!]));
}

/**
 * Registers the project's search attributes on a server that lacks them (a production
 * cluster; the dev server gets them as start-dev flags). Adding existing ones is skipped.
 */
export async function ensureSearchAttributes(
  connection: NativeConnection,
  namespace: string,
  log: Logger,
): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.entries(searchAttributeIndexTypes()).filter(
    ([name]) => !(name in (existing.customAttributes ?? {})),
  );
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing) });
  log.info({ added: missing.map(([n]) => n) }, 'search attributes registered');
}

/**
 * Sets the namespace's retention of closed workflows (TEMPORAL_RETENTION_DAYS) when it differs
 * (the dev server's default namespace keeps 24 h). What retention means here: after it, Temporal
 * forgets a closed case's history and queries; its record stays in PostgreSQL (issue 10 item 6).
 */
export async function ensureRetention(
  connection: NativeConnection,
  namespace: string,
  days: number,
  log: Logger,
): Promise<void> {
  const seconds = days * 86_400;
  const d = await connection.workflowService.describeNamespace({ namespace });
  if (Number(d.config?.workflowExecutionRetentionTtl?.seconds ?? 0) === seconds) return;
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: msToTs(`${days} days`) },
  });
  log.info({ namespace, retentionDays: days }, 'namespace retention set');
}
