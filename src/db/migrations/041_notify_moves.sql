-- Moves that pass to a party and had no notification (issue 13), announced in the same
-- transaction as the fact by triggers, so no code path that writes the fact can forget them.

-- A penalty proposed is the hospital approver's move (6.2: confirm or waive); a dispute goes
-- back to the approver; a decision is for the vendor's manager and finance. `held` (waiting on
-- an exclusion decision, 4.9.2) and `released` are announced by the exclusion itself.
CREATE FUNCTION ledger_status_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  e ledger_entries%ROWTYPE;
  topic text;
BEGIN
  topic := CASE NEW.status WHEN 'proposed' THEN 'penalty.proposed' WHEN 'disputed' THEN 'penalty.disputed'
                           WHEN 'confirmed' THEN 'penalty.decided' WHEN 'waived' THEN 'penalty.decided'
                           WHEN 'decided-upheld' THEN 'penalty.decided' WHEN 'decided-waived' THEN 'penalty.decided'
                           WHEN 'withdrawn' THEN 'penalty.decided' END;
  IF topic IS NULL THEN RETURN NULL; END IF;
  SELECT * INTO e FROM ledger_entries WHERE id = NEW.entry_id;
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
  VALUES ('ledger:' || NEW.entry_id || ':' || NEW.id, topic, e.contract_id,
          format('Penalty %s (clause %s, %s fen) %s by %s', e.key, e.clause, e.amount_fen, NEW.status, NEW.actor),
          jsonb_build_object('entryId', e.id, 'entryKey', e.key, 'status', NEW.status, 'clause', e.clause, 'amountFen', e.amount_fen::text,
                             'caseKind', e.case_kind, 'ledgerCaseId', e.case_id, 'actor', NEW.actor, 'reason', NEW.reason)
          -- a fault's penalty links to its case (and names its level)
          || CASE WHEN e.case_kind = 'fault' THEN jsonb_build_object('caseId', e.case_id) ELSE '{}'::jsonb END)
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_status_events_announce AFTER INSERT ON ledger_status_events
  FOR EACH ROW EXECUTE FUNCTION ledger_status_outbox();

-- A staff change requested is the hospital approver's move (4.2: written approval, 7 working
-- days' notice); an unannounced one (6.7) is for the vendor's manager and the approver; the
-- outcome goes back to the vendor.
CREATE FUNCTION staff_change_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
    VALUES (NEW.workflow_id || ':requested', CASE NEW.kind WHEN 'unannounced' THEN 'staff.unannounced' ELSE 'staff.change-requested' END, NEW.contract_id,
            format('Staff change %s (%s) effective %s', NEW.request_id, NEW.kind, NEW.effective_date),
            jsonb_build_object('workflowId', NEW.workflow_id, 'requestId', NEW.request_id, 'kind', NEW.kind, 'effectiveDate', NEW.effective_date,
                               'requestedBy', NEW.requested_by, 'clause', CASE NEW.kind WHEN 'unannounced' THEN '6.7' ELSE '4.2' END))
    ON CONFLICT (key) DO NOTHING;
  ELSIF NEW.closed_outcome IS NOT NULL AND OLD.closed_outcome IS NULL THEN
    INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
    VALUES (NEW.workflow_id || ':' || NEW.closed_outcome, 'staff.change-decided', NEW.contract_id,
            format('Staff change %s %s', NEW.request_id, NEW.closed_outcome),
            jsonb_build_object('workflowId', NEW.workflow_id, 'requestId', NEW.request_id, 'outcome', NEW.closed_outcome, 'clause', '4.2'))
    ON CONFLICT (key) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER staff_change_requests_announce AFTER INSERT OR UPDATE ON staff_change_requests
  FOR EACH ROW EXECUTE FUNCTION staff_change_outbox();

CREATE FUNCTION staff_change_applied_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
  VALUES ('staff-change:' || NEW.contract_id || ':' || NEW.request_id || ':applied', 'staff.change-decided', NEW.contract_id,
          format('Staff change %s approved and applied', NEW.request_id),
          jsonb_build_object('requestId', NEW.request_id, 'outcome', 'applied', 'clause', '4.2'))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER staff_change_applications_announce AFTER INSERT ON staff_change_applications
  FOR EACH ROW EXECUTE FUNCTION staff_change_applied_outbox();
