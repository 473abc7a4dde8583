-- The record store's first schema. Every time is a timestamptz in UTC; ids are the store's own text ids.
-- Documents the store reads whole are jsonb (a person, a submission's status history, an entry's codings, an
-- archived questionnaire's files). What a patient answered and the engine's result are json, not jsonb: json keeps
-- the exact text that was submitted (jsonb would reorder keys and respace it), and a frozen submission is evidence.

-- People: the person is a document, so fields added to it later are stored without a migration; the columns beside
-- it are the ones looked up by.
create table people (
    id text primary key,
    user_name_key text not null,          -- the user name trimmed and lower-cased: unique ignoring case
    role text not null,
    display_name text not null,
    doc jsonb not null
);
create unique index people_user_name_key on people (user_name_key);
create index people_role on people (role);

create table two_factor (
    person_id text primary key,
    secret text not null,
    recovery_code_hashes text[] not null,
    last_used_step bigint not null,
    enrolled_at timestamptz not null
);

-- One draft per patient and questionnaire; the key is the pair, so two first saves cannot make two drafts.
create table drafts (
    patient_id text not null,
    questionnaire_id text not null,
    questionnaire_version text not null,
    questionnaire_hash text not null,
    answers json not null,
    revision bigint not null,
    updated_at timestamptz not null,
    updated_by text not null,
    draft_key text not null,
    primary key (patient_id, questionnaire_id)
);

create table submissions (
    id text primary key,
    reference text not null,
    patient_id text not null,
    answered_by_id text not null,
    questionnaire_id text not null,
    questionnaire_version text not null,
    questionnaire_hash text not null,
    answers json not null,
    result json not null,
    flag smallint not null,
    status text not null,
    submitted_at timestamptz not null,
    history jsonb not null
);
create unique index submissions_reference on submissions (reference);
-- A patient's submissions, newest first.
create index submissions_patient on submissions (patient_id, submitted_at desc);
-- The review queue: within a status, highest flag first, then oldest first (the first page reads only its rows).
create index submissions_queue on submissions (status, flag desc, submitted_at, id);

-- The draft key each submission was made from, so a repeated submit finds the first submission.
create table submitted_drafts (
    draft_key text primary key,
    patient_id text not null,
    submission_id text not null
);

-- A patient's record: entries are only ever inserted.
create table record_entries (
    id text primary key,
    patient_id text not null,
    system text not null,
    code text not null,
    display text not null,
    value text,
    unit text,
    filed_by text not null,
    filed_at timestamptz not null,
    submission_id text,
    questionnaire_version text,
    supersedes_id text,
    codings jsonb not null
);
create index record_entries_patient on record_entries (patient_id, filed_at, id);
-- An entry is corrected at most once.
create unique index record_entries_supersedes on record_entries (supersedes_id) where supersedes_id is not null;

create table messages (
    id text primary key,
    patient_id text not null,
    from_id text not null,
    subject text not null,
    body text not null,
    submission_id text,
    sent_at timestamptz not null,
    read_at timestamptz
);
create index messages_patient on messages (patient_id, sent_at desc);

create table proxy_grants (
    id text primary key,
    patient_id text not null,
    carer_id text not null,
    can_fill boolean not null,
    can_view_record boolean not null,
    granted_at timestamptz not null,
    revoked_at timestamptz
);
create index proxy_grants_patient on proxy_grants (patient_id, granted_at);
create index proxy_grants_carer_active on proxy_grants (carer_id, granted_at) where revoked_at is null;
-- At most one active grant per patient and carer.
create unique index proxy_grants_one_active on proxy_grants (patient_id, carer_id) where revoked_at is null;

create table assignments (
    id text primary key,
    patient_id text not null,
    questionnaire_id text not null,
    due_date date,
    assigned_by text not null,
    assigned_at timestamptz not null,
    status text not null
);
create index assignments_patient on assignments (patient_id);
create index assignments_open on assignments (due_date nulls last, assigned_at) where status = 'Open';

create table visits (
    person_id text not null,
    place text not null,
    at timestamptz not null,
    primary key (person_id, place)
);

create table ended_sessions (
    session_id text primary key,
    until timestamptz not null
);
create index ended_sessions_until on ended_sessions (until);

create table questionnaire_archive (
    hash text primary key,
    id text not null,
    version text not null,
    files jsonb not null,
    archived_at timestamptz not null
);

-- The audit trail: append-only and hash-chained (AuditChain). The head row holds the last sequence and hash
-- written, so removing the newest events is detected; appending locks it, which keeps one unbroken chain.
create table audit_events (
    sequence bigint primary key,
    at timestamptz not null,
    actor_id text not null,
    action text not null,
    patient_id text,
    details text,
    previous_hash text not null,
    hash text not null
);
create index audit_events_patient on audit_events (patient_id, sequence desc);
create index audit_events_actor on audit_events (actor_id, sequence desc);
create index audit_events_at on audit_events (at);

create table audit_head (
    id integer primary key check (id = 1),
    sequence bigint not null,
    hash text not null
);
insert into audit_head (id, sequence, hash) values (1, 0, repeat('0', 64));
