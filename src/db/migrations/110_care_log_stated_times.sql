-- Issue 10 items 2-3 for customer care (4.1): a care log's time is the vendor's statement. A
-- log stated earlier than its recording (beyond the clock tolerance) is marked as stated by the
-- vendor; the hospital sees it and may contest it on the quarter's case. The quarter's record
-- keeps the logs it counted, each at its effective time (the decided one after a contest), and
-- the stated times with their contests and decisions, so the API never asks Temporal.
ALTER TABLE care_logs ADD COLUMN stated_by text CHECK (stated_by IN ('vendor', 'hospital'));
ALTER TABLE care_periods
  ADD COLUMN logs jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN stated jsonb NOT NULL DEFAULT '[]'::jsonb;
