import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// One list of the project's custom search attributes (search-attributes.json is what the
// run and test scripts register on the dev server). The SQLite visibility store of the dev
// server allows at most 3 custom attributes per type (10 Keyword), so the set is shared by
// every workflow kind rather than grown per workflow.
export const SA = {
  contractId: defineSearchAttributeKey('WeibaoContractId', SearchAttributeType.KEYWORD),
  /** fault | inspection | care | acceptance | rectification | golive | dongle | staff | service | launcher */
  kind: defineSearchAttributeKey('WeibaoKind', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('WeibaoStatus', SearchAttributeType.KEYWORD),
  /** Who must act next: vendor | hospital | none. */
  awaiting: defineSearchAttributeKey('WeibaoAwaiting', SearchAttributeType.KEYWORD),
  level: defineSearchAttributeKey('WeibaoLevel', SearchAttributeType.INT),
  contractYear: defineSearchAttributeKey('WeibaoContractYear', SearchAttributeType.INT),
  breached: defineSearchAttributeKey('WeibaoBreached', SearchAttributeType.BOOL),
  nextDeadline: defineSearchAttributeKey('WeibaoNextDeadline', SearchAttributeType.DATETIME),
  /** A deadline passed with its duty undone (src/workflows/kernel/summary.ts isOverdue): the store has no now(). */
  overdue: defineSearchAttributeKey('WeibaoOverdue', SearchAttributeType.BOOL),
  /**
   * The list's one-line summary (src/workflows/kernel/summary.ts): no free text, search attributes
   * are not encrypted. Keyword, not Text: PostgreSQL visibility (production) casts a Text value to
   * tsvector, where `fault:C-1:7` is lexeme:position syntax, so every write of the case's
   * visibility row failed and the cluster's list lost the case. At most SUMMARY_MAX (summary.ts) characters
   * (PostgreSQL's Keyword columns are varchar(255)).
   */
  summary: defineSearchAttributeKey('WeibaoSummary', SearchAttributeType.KEYWORD),
} as const;
