-- What several site instances on one database must share (docs/operations.md, "Running several instances").

-- The ASP.NET Core data-protection key ring (one XML element per key), so that a sign-in cookie, an anti-forgery
-- token or a sealed secret made on one instance opens on every other. Keys are added, never changed or removed here:
-- the framework marks old ones expired inside their own XML. Anyone who can read this table can forge a session
-- cookie: it is as secret as the rest of the database.
create table data_protection_keys (
    name text primary key,
    xml text not null,
    stored_at timestamptz not null
);

-- Failed sign-ins per network address (the per-address sign-in limit), one row per failure; rows older than the
-- limit's window are deleted as new failures arrive.
create table sign_in_failures (
    address text not null,
    at timestamptz not null
);
create index sign_in_failures_address_at on sign_in_failures (address, at);
create index sign_in_failures_at on sign_in_failures (at);
