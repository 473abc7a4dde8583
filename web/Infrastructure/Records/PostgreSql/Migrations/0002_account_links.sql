-- One-time links the practice issues (an invitation to set a password, or a password reset). Only a hash of the
-- token in the link is kept, so the link cannot be read back from the database.
create table account_links (
    id text primary key,
    person_id text not null references people (id),
    purpose text not null,
    token_hash text not null,
    issued_by_id text not null,
    issued_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    cancelled_at timestamptz
);
create unique index account_links_token on account_links (token_hash);
create index account_links_person on account_links (person_id, issued_at desc);
