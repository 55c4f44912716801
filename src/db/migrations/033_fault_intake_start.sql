-- The intake keeps everything its workflow is started with (issue 11, orphan cases): the orphan
-- sweep (src/temporal/orphan-sweeper.ts) starts a case whose API never started it from the
-- committed row alone, so the case gets the description as reported, the reporting key's role
-- (a hospital operator or the vendor's service desk, 4.8) and the instant the intake was
-- recorded, as the API's own start would have. Rows written before this migration have NULLs
-- (the sweep then starts them as before: no description, a hospital operator, created_at).
ALTER TABLE fault_intakes
  ADD COLUMN description text,
  ADD COLUMN created_by_role text,
  ADD COLUMN recorded_at timestamptz;
