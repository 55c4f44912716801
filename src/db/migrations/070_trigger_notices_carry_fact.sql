-- The cycles' notices written by triggers (042_notify_cycle_moves.sql) carried no case and no
-- fact, so the record's phantom clean-up (dropBeyond in src/db/queries/case-records.ts: facts
-- beyond the workflow's timeline and their undelivered notices) left a notice of a workflow task
-- that never completed (issue 10 item 5). The projection is written after the facts of its
-- record write (src/activities/records.ts), so the case's newest fact is the one the move
-- belongs to: the notice now names the case and that fact, and goes with it.

CREATE OR REPLACE FUNCTION inspection_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  topic text;
  suffix text;
BEGIN
  IF TG_OP = 'INSERT' AND NEW.status = 'open' THEN
    topic := 'inspection.due'; suffix := 'due';
  ELSIF TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status AND NEW.status = 'submitted' THEN
    topic := 'inspection.report-submitted'; suffix := 'submitted:' || NEW.version;
  ELSIF TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status AND NEW.status = 'changes-requested' THEN
    topic := 'inspection.changes-requested'; suffix := 'changes:' || NEW.version;
  ELSE
    RETURN NULL;
  END IF;
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body, case_id, fact_seq)
  VALUES (NEW.workflow_id || ':' || suffix, topic, NEW.contract_id,
          format('Inspection %sQ%s: %s (clause 4.3), due %s', NEW.contract_year, NEW.quarter, topic, NEW.due_at),
          jsonb_build_object('workflowId', NEW.workflow_id, 'contractYear', NEW.contract_year, 'quarter', NEW.quarter, 'dueAt', NEW.due_at,
                             'submittedAt', NEW.submitted_at, 'clause', '4.3'),
          NEW.workflow_id, (SELECT max(seq) FROM case_facts WHERE case_id = NEW.workflow_id))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION care_period_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'open' THEN RETURN NULL; END IF;
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body, case_id, fact_seq)
  VALUES (NEW.workflow_id || ':due', 'care.due', NEW.contract_id,
          format('Customer care %sQ%s: %s visit(s) due by %s (clause 4.1)', NEW.contract_year, NEW.quarter, NEW.required_visits, NEW.due_at),
          jsonb_build_object('workflowId', NEW.workflow_id, 'contractYear', NEW.contract_year, 'quarter', NEW.quarter, 'dueAt', NEW.due_at,
                             'requiredVisits', NEW.required_visits, 'clause', '4.1'),
          NEW.workflow_id, (SELECT max(seq) FROM case_facts WHERE case_id = NEW.workflow_id))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION acceptance_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'submitted' OR (TG_OP = 'UPDATE' AND OLD.status = 'submitted') THEN RETURN NULL; END IF;
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body, case_id, fact_seq)
  VALUES (NEW.workflow_id || ':submitted:' || NEW.round, 'acceptance.submitted', NEW.contract_id,
          format('Acceptance of contract year %s submitted (round %s, clauses 3, 8)', NEW.contract_year, NEW.round),
          jsonb_build_object('workflowId', NEW.workflow_id, 'contractYear', NEW.contract_year, 'round', NEW.round, 'submittedAt', NEW.submitted_at, 'clause', '3, 8'),
          NEW.workflow_id, (SELECT max(seq) FROM case_facts WHERE case_id = NEW.workflow_id))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
