-- Issue 10 item 4: a contract year accepted before the contract was entered replays its rounds
-- (src/workflows/cycles/acceptance-onboarded.ts). Those moves were made, and told, before the
-- platform knew the contract: a submission entered at onboarding (recorded by the admin) asks no
-- approver to decide, and a payment entered as made (released already paid) asks finance for
-- nothing. The entered facts themselves are announced as stated times the other party may
-- contest (the case kernel's stated-time notice), not as moves.
CREATE OR REPLACE FUNCTION acceptance_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'submitted' OR (TG_OP = 'UPDATE' AND OLD.status = 'submitted') THEN RETURN NULL; END IF;
  IF EXISTS (SELECT 1 FROM case_facts f WHERE f.case_id = NEW.workflow_id AND f.type = 'acceptance.submitted'
               AND f.recorded_role = 'admin'
               AND f.seq = (SELECT max(seq) FROM case_facts WHERE case_id = NEW.workflow_id AND type = 'acceptance.submitted')) THEN
    RETURN NULL;
  END IF;
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body, case_id, fact_seq)
  VALUES (NEW.workflow_id || ':submitted:' || NEW.round, 'acceptance.submitted', NEW.contract_id,
          format('Acceptance of contract year %s submitted (round %s, clauses 3, 8)', NEW.contract_year, NEW.round),
          jsonb_build_object('workflowId', NEW.workflow_id, 'contractYear', NEW.contract_year, 'round', NEW.round, 'submittedAt', NEW.submitted_at, 'clause', '3, 8'),
          NEW.workflow_id, (SELECT max(seq) FROM case_facts WHERE case_id = NEW.workflow_id))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION payment_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.paid_at IS NOT NULL THEN RETURN NULL; END IF;
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
  VALUES ('payment:' || NEW.id || ':released', 'payment.released', NEW.contract_id,
          format('Payment of contract year %s released: %s fen (clause 10)', NEW.contract_year, NEW.amount_fen),
          jsonb_build_object('paymentId', NEW.id, 'contractYear', NEW.contract_year, 'feeFen', NEW.fee_fen::text, 'deductionsFen', NEW.deductions_fen::text,
                             'amountFen', NEW.amount_fen::text, 'basis', NEW.basis, 'releasedAt', NEW.released_at, 'clause', '10'))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
