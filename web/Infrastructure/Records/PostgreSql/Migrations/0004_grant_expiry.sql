-- A carer's access can end by itself: the practice records until when it lasts (null: no end).
alter table proxy_grants add column expires_at timestamptz;
