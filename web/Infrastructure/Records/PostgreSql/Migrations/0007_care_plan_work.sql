-- Issue 19: what care plans ask of the practice. A care plan's background step assigns questionnaires (the yearly
-- review) under a key per plan step and due date, and raises the plan's flags as alerts for the review queue under a
-- key per rule and reason. Several site instances run the step: the unique indexes make each key land once.
alter table assignments add column key text;
create unique index assignments_key on assignments (patient_id, key) where key is not null;

create table plan_alerts (
    id text primary key,
    practice_id text not null,
    patient_id text not null,
    plan text not null,
    plan_title text not null,
    rule text not null,
    level smallint not null,
    reason text not null,
    source text not null,
    key text not null,
    raised_at timestamptz not null,
    reviewed_at timestamptz,
    reviewed_by text
);
create unique index plan_alerts_key on plan_alerts (patient_id, key);
create index plan_alerts_patient on plan_alerts (patient_id, raised_at);
-- The review queue's open alerts, one practice's, highest level first then oldest.
create index plan_alerts_open on plan_alerts (practice_id, level desc, raised_at, id) where reviewed_at is null;
create trigger plan_alerts_practice before insert on plan_alerts for each row execute function practice_of_patient();

-- The patients a care plan may apply to: those with an entry holding one of the plan's codes, in any of its codings.
create index record_entries_codings on record_entries using gin (codings jsonb_path_ops);
