-- Issue 19 point 3: a clinician adds an entry to a patient's record directly, and may say the day the result was
-- taken or the diagnosis made (never after the day it is added). Null for entries filed from a submission: they are
-- about the day they were filed.
alter table record_entries add column taken_on date;
