-- Moves of the recurring cycles and of payment that passed to a party without a message
-- (issue 13), announced by triggers in the transaction that records them, whichever code path
-- writes the row: an inspection or customer-care period opens (the vendor's move, with its due
-- time: 4.3, 4.1), an inspection report is submitted (the hospital reviews it) or sent back for
-- changes (the vendor's move), an acceptance package is submitted (the approver decides: 3, 8),
-- and a payment is released (finance pays: 10). Overdue, missed, opened and decided acceptance
-- are announced by the workflows themselves (their notify activity).

CREATE FUNCTION inspection_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
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
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
  VALUES (NEW.workflow_id || ':' || suffix, topic, NEW.contract_id,
          format('Inspection %sQ%s: %s (clause 4.3), due %s', NEW.contract_year, NEW.quarter, topic, NEW.due_at),
          jsonb_build_object('workflowId', NEW.workflow_id, 'contractYear', NEW.contract_year, 'quarter', NEW.quarter, 'dueAt', NEW.due_at,
                             'submittedAt', NEW.submitted_at, 'clause', '4.3'))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER inspections_announce AFTER INSERT OR UPDATE ON inspections
  FOR EACH ROW EXECUTE FUNCTION inspection_outbox();

CREATE FUNCTION care_period_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'open' THEN RETURN NULL; END IF;
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
  VALUES (NEW.workflow_id || ':due', 'care.due', NEW.contract_id,
          format('Customer care %sQ%s: %s visit(s) due by %s (clause 4.1)', NEW.contract_year, NEW.quarter, NEW.required_visits, NEW.due_at),
          jsonb_build_object('workflowId', NEW.workflow_id, 'contractYear', NEW.contract_year, 'quarter', NEW.quarter, 'dueAt', NEW.due_at,
                             'requiredVisits', NEW.required_visits, 'clause', '4.1'))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER care_periods_announce AFTER INSERT ON care_periods
  FOR EACH ROW EXECUTE FUNCTION care_period_outbox();

CREATE FUNCTION acceptance_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'submitted' OR (TG_OP = 'UPDATE' AND OLD.status = 'submitted') THEN RETURN NULL; END IF;
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
  VALUES (NEW.workflow_id || ':submitted:' || NEW.round, 'acceptance.submitted', NEW.contract_id,
          format('Acceptance of contract year %s submitted (round %s, clauses 3, 8)', NEW.contract_year, NEW.round),
          jsonb_build_object('workflowId', NEW.workflow_id, 'contractYear', NEW.contract_year, 'round', NEW.round, 'submittedAt', NEW.submitted_at, 'clause', '3, 8'))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER acceptance_years_announce AFTER INSERT OR UPDATE ON acceptance_years
  FOR EACH ROW EXECUTE FUNCTION acceptance_outbox();

CREATE FUNCTION payment_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
  VALUES ('payment:' || NEW.id || ':released', 'payment.released', NEW.contract_id,
          format('Payment of contract year %s released: %s fen (clause 10)', NEW.contract_year, NEW.amount_fen),
          jsonb_build_object('paymentId', NEW.id, 'contractYear', NEW.contract_year, 'feeFen', NEW.fee_fen::text, 'deductionsFen', NEW.deductions_fen::text,
                             'amountFen', NEW.amount_fen::text, 'basis', NEW.basis, 'releasedAt', NEW.released_at, 'clause', '10'))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER payments_announce AFTER INSERT ON payments
  FOR EACH ROW EXECUTE FUNCTION payment_outbox();
