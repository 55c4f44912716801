-- Issue 15: the basis the platform writes on a ledger entry (clause 6) or a payment request
-- (clause 10) is kept as a template key of src/i18n/messages/ledger-basis.ts and its values,
-- so a reader gets it in zh-CN or en; `basis` keeps the English text. Rows written before this,
-- and bases a person typed, have no key and are shown as stored.
ALTER TABLE ledger_entries ADD COLUMN basis_key text, ADD COLUMN basis_params jsonb;
ALTER TABLE payments ADD COLUMN basis_key text, ADD COLUMN basis_params jsonb;

-- ledger_current lists its columns so the new ones come last (CREATE OR REPLACE VIEW may only append).
CREATE OR REPLACE VIEW ledger_current AS
  SELECT e.id, e.key, e.contract_id, e.contract_year, e.clause, e.terms_version, e.case_kind, e.case_id, e.fact,
         e.due_at, e.late_by_ms, e.amount_fen, e.basis, e.reading, e.compensates, e.occurred_at, e.created_by,
         e.created_at, x.status, x.actor AS status_actor, x.reason AS status_reason, x.at AS status_at,
         e.basis_key, e.basis_params
    FROM ledger_entries e
    JOIN ledger_entry_status s ON s.entry_id = e.id
    JOIN ledger_status_events x ON x.id = s.event_id;
