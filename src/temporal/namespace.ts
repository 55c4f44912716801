import type { NativeConnection } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import type { Logger } from '../logger';
import attributes from './search-attributes.json';

const TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/** The project's custom search attributes with their index types, as the operator API takes them. */
export function searchAttributeIndexTypes(): Record<string, temporal.api.enums.v1.IndexedValueType> {
  return Object.fromEntries(Object.entries(attributes as Record<string, string>).map(([n, t]) => [n, TYPES[t]!]));
}

/**
 * Registers the project's search attributes on a server that lacks them (a production
 * cluster; the dev server gets them as start-dev flags). Adding existing ones is skipped.
 */
export async function ensureSearchAttributes(connection: NativeConnection, namespace: string, log: Logger): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.entries(searchAttributeIndexTypes()).filter(([name]) => !(name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing) });
  log.info({ added: missing.map(([n]) => n) }, 'search attributes registered');
}
