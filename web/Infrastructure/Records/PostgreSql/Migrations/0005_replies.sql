-- Issue 15 point 6: a submission returned to the patient is answered by a new one, which names it. The draft the
-- patient fills in names it too, from the moment they start answering until it is sent.
alter table drafts add column replies_to text;
alter table submissions add column replies_to text;
-- A returned submission's answer, found from the returned one.
create index submissions_replies_to on submissions (replies_to) where replies_to is not null;
