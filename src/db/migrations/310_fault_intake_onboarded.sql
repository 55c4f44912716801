-- Issue 10 item 4: a fault entered at onboarding (reported before the contract was registered,
-- still open) keeps its entered facts on its intake, so the orphan sweep starts its workflow
-- with them, as the registration does (src/temporal/orphan-sweeper.ts).
ALTER TABLE fault_intakes ADD COLUMN onboarded jsonb;
