-- Notifications that reach people (issue 13). The outbox row (002) is the message; the
-- dispatcher in the worker routes it to the people subscribed to the contract (one delivery
-- row per message and channel endpoint) and delivers each with retries, backoff and a dead
-- letter. Every attempt is kept, so who was told what and when is visible through the API.

-- People to notify per contract: party and role decide which topics reach them (src/notify/topics.ts).
CREATE TABLE notify_people (
  contract_id  text NOT NULL REFERENCES contracts (id),
  person_id    text NOT NULL,
  name         text NOT NULL,
  party        text NOT NULL CHECK (party IN ('vendor', 'hospital')),
  role         text NOT NULL,
  language     text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
  mobile       text,
  -- [{type: email|wecom|dingtalk|webhook, address|url, secret?}]; secrets are never read back by the API.
  channels     jsonb NOT NULL,
  -- Topics beyond the role's own (patterns such as "fault.*"); empty = the role's topics only.
  topics       text[] NOT NULL DEFAULT '{}',
  -- {from: "22:00", to: "07:30"} Asia/Shanghai; never holds level 1-2 faults (4.9.1, 365x24).
  quiet_hours  jsonb,
  active       boolean NOT NULL DEFAULT true,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   text NOT NULL,
  PRIMARY KEY (contract_id, person_id)
);

-- The vendor's on-duty roster: who is on duty when (instants; shown in Asia/Shanghai).
CREATE TABLE notify_roster_shifts (
  id           bigserial PRIMARY KEY,
  contract_id  text NOT NULL,
  person_id    text NOT NULL,
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
  FOREIGN KEY (contract_id, person_id) REFERENCES notify_people (contract_id, person_id)
);
CREATE INDEX notify_roster_shifts_contract ON notify_roster_shifts (contract_id, starts_at);

-- Per contract: the escalation chain of fault warnings and breaches, and topic overrides.
CREATE TABLE notify_settings (
  contract_id  text PRIMARY KEY REFERENCES contracts (id),
  escalation   jsonb NOT NULL,
  routes       jsonb NOT NULL DEFAULT '{}',
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   text NOT NULL
);

-- routed_at: the row was turned into its deliveries (done once, in one transaction).
ALTER TABLE notifications_outbox ADD COLUMN routed_at timestamptz;
UPDATE notifications_outbox SET routed_at = COALESCE(delivered_at, created_at) WHERE delivered_at IS NOT NULL;
CREATE INDEX notifications_outbox_unrouted ON notifications_outbox (created_at) WHERE routed_at IS NULL;

-- One row per message, channel endpoint and language: exactly once per recipient and message.
-- A group robot shared by several people gets the message once, naming them all.
CREATE TABLE notification_deliveries (
  id               bigserial PRIMARY KEY,
  outbox_key       text NOT NULL REFERENCES notifications_outbox (key),
  contract_id      text,
  channel          text NOT NULL CHECK (channel IN ('email', 'wecom', 'dingtalk', 'webhook')),
  target           text NOT NULL,
  language         text NOT NULL,
  recipients       jsonb NOT NULL,
  spec             jsonb NOT NULL,
  message          jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  UNIQUE (outbox_key, channel, target, language)
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_deliveries_contract ON notification_deliveries (contract_id, id);

CREATE TABLE notification_attempts (
  delivery_id  bigint NOT NULL REFERENCES notification_deliveries (id),
  attempt      integer NOT NULL,
  started_at   timestamptz NOT NULL,
  ms           integer NOT NULL,
  ok           boolean NOT NULL,
  error        text,
  PRIMARY KEY (delivery_id, attempt)
);

-- Wake the dispatcher when a message commits (LISTEN weibao_outbox; it also polls).
CREATE FUNCTION notifications_outbox_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('weibao_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER notifications_outbox_wake AFTER INSERT ON notifications_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION notifications_outbox_wake();

-- A new fault is the vendor's move at once (4.9.4: level 1 responds within 15 minutes, 365x24):
-- announce it in the same transaction as the case row, whichever path wrote it first.
CREATE FUNCTION fault_reported_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notifications_outbox (key, topic, contract_id, subject, body)
  VALUES (NEW.case_id || ':reported', 'fault.reported', NEW.contract_id,
          format('Fault %s (level %s) reported: %s', NEW.case_id, NEW.level, NEW.title),
          jsonb_build_object('caseId', NEW.case_id, 'level', NEW.level, 'title', NEW.title, 'channel', NEW.channel,
                             'reporter', NEW.reporter, 'reportedAt', NEW.reported_at, 'affectsOperations', NEW.affects_operations,
                             'termsVersion', NEW.terms_version, 'clause', '4.9.4'))
  ON CONFLICT (key) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER fault_cases_announce AFTER INSERT ON fault_cases
  FOR EACH ROW EXECUTE FUNCTION fault_reported_outbox();
