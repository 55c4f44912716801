-- Issue 10: the record fence orders attempts of one workflow task too. A retried workflow task
-- (a transient attempt after a timeout or failure) and a speculative task lost and sent again
-- start at the SAME history length as the attempt before it (their scheduled/started events are
-- not in history until one completes), so "run and history length" alone let a stale attempt
-- (a stopped worker resuming) overwrite the newer attempt's write, or drop facts it had written.
-- fence_at is the workflow time of the writing task (its WorkflowTaskStarted instant, ms), later
-- for every later attempt; a write applies only when (fence, fence_at) is not below the stored one.
ALTER TABLE case_records ADD COLUMN fence_at bigint NOT NULL DEFAULT 0;
