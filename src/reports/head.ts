// The head hash of the platform's hash-chained record, printed on every report page so that a
// page commits to the record as it stood. The chain (issue 12, the security helper's work) is
// not on this platform yet: until it is, reports say so (null) instead of printing a hash of
// something else.
import type { Db } from '../db/queries/contracts';

export async function recordHead(_db: Db): Promise<string | null> {
  return null;
}
