-- Issue 17 point 4: many practices in one database. A practice is a row; every person belongs to one (a patient is
-- registered there, staff work there), and every row about a patient or done by a person carries the practice too,
-- so one practice's data can be found, searched and moved on its own. Everything already stored belongs to the
-- default practice, which the site names from configuration (Practice:Name) while it is still unnamed.
create table practices (
    id text primary key,
    name text not null,
    code text,                             -- an ODS-style organisation code, when the practice has one
    created_at timestamptz not null
);
create unique index practices_code on practices (upper(code)) where code is not null;
insert into practices (id, name, code, created_at) values ('default', 'Your GP practice', null, now());

-- People: the store names the practice on every insert (the column has no default, so forgetting it fails).
alter table people add column practice_id text not null default 'default' references practices (id);
alter table people alter column practice_id drop default;
create index people_practice_role on people (practice_id, role);

-- Rows about a patient take the patient's practice as they are inserted (by the store or by migrate-store's COPY),
-- so no statement can file a row under another practice than its patient's. A patient id the store does not hold as
-- a person (none in the site; some in the contract tests' rows) falls to the default practice.
create function practice_of_patient() returns trigger language plpgsql as $fn$
begin
    new.practice_id := coalesce((select p.practice_id from people p where p.id = new.patient_id), 'default');
    return new;
end
$fn$;

alter table drafts add column practice_id text not null default 'default';
alter table submissions add column practice_id text not null default 'default';
alter table record_entries add column practice_id text not null default 'default';
alter table messages add column practice_id text not null default 'default';
alter table proxy_grants add column practice_id text not null default 'default';
alter table assignments add column practice_id text not null default 'default';
alter table audit_events add column practice_id text not null default 'default';
alter table drafts alter column practice_id drop default;
alter table submissions alter column practice_id drop default;
alter table record_entries alter column practice_id drop default;
alter table messages alter column practice_id drop default;
alter table proxy_grants alter column practice_id drop default;
alter table assignments alter column practice_id drop default;
alter table audit_events alter column practice_id drop default;

create trigger drafts_practice before insert on drafts for each row execute function practice_of_patient();
create trigger submissions_practice before insert on submissions for each row execute function practice_of_patient();
create trigger record_entries_practice before insert on record_entries for each row execute function practice_of_patient();
create trigger messages_practice before insert on messages for each row execute function practice_of_patient();
create trigger proxy_grants_practice before insert on proxy_grants for each row execute function practice_of_patient();
create trigger assignments_practice before insert on assignments for each row execute function practice_of_patient();

-- The queries that filter by practice lead with it: the review queue and the waiting counts, the open assignments,
-- the audit search. (The patient's own lists stay on their patient indexes: a patient is in one practice.)
drop index submissions_queue;
create index submissions_queue on submissions (practice_id, status, flag desc, submitted_at, id);
drop index assignments_open;
create index assignments_open on assignments (practice_id, due_date nulls last, assigned_at) where status = 'Open';

-- The audit trail: one chain per practice (its patient's practice, or when it is about no patient its actor's; the store
-- names it), numbered from 1 within the practice, each with its own head row. The trail so far is the default
-- practice's chain, as it was.
alter table audit_events drop constraint audit_events_pkey;
alter table audit_events add primary key (practice_id, sequence);
alter table audit_head add column practice_id text not null default 'default';
alter table audit_head drop column id;
alter table audit_head add primary key (practice_id);
alter table audit_head alter column practice_id drop default;
