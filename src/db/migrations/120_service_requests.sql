-- Issue 18: service requests (4.4 licences, 4.5 guidance, 4.6 security, 4.7 deliverables, 4.12
-- migration, 5.1/5.2 interfaces, 5.3 rating reviews, 4.8.5/5.4 defects, upgrades and
-- personalisation) are a ninth case family on the kernel. Their projection row is an
-- obligation record of kind 'service' (written only by the kernel's fenced record write), so
-- the lists, closures and retention rules of the other obligation cases apply unchanged.
ALTER TABLE obligation_records DROP CONSTRAINT obligation_records_kind_check;
ALTER TABLE obligation_records
  ADD CONSTRAINT obligation_records_kind_check CHECK (kind IN ('rectification', 'golive', 'dongle', 'staff', 'service'));
CREATE INDEX obligation_records_service_due ON obligation_records (contract_id, next_deadline_at) WHERE kind = 'service';
