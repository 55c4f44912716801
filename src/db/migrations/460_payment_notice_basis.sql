-- Issue 15: the payment notice (payment.released, clause 10) carries its basis as the payment
-- row keeps it since 420_structured_basis.sql (basis_key, basis_params), so each recipient reads
-- it in their own language (src/notify/cycle-sentences.ts); 'basis' keeps the English for
-- payments written without a key. Otherwise the function of 170_onboarded_years_quiet.sql.
CREATE OR REPLACE FUNCTION payment_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.paid_at IS NOT NULL THEN RETURN NULL; END IF;
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
  VALUES ('payment:' || NEW.id || ':released', 'payment.released', NEW.contract_id,
          format('Payment of contract year %s released: %s fen (clause 10)', NEW.contract_year, NEW.amount_fen),
          jsonb_build_object('paymentId', NEW.id, 'contractYear', NEW.contract_year, 'feeFen', NEW.fee_fen::text, 'deductionsFen', NEW.deductions_fen::text,
                             'amountFen', NEW.amount_fen::text, 'basis', NEW.basis, 'basisKey', NEW.basis_key, 'basisParams', NEW.basis_params,
                             'releasedAt', NEW.released_at, 'clause', '10'))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
