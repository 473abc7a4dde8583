-- Issue 17 point 7 (measured at scale): the review queue orders each status's rows by flag, then age, then id in
-- byte order (`id collate "C"`, so that both backends break ties alike). The queue index kept id in the database's
-- collation, which is not byte order on a server set up with a UTF-8 locale (C.UTF-8, en_GB.UTF-8): there the index
-- could not give the queue's order, and PostgreSQL sorted each page's rows again (from 13 on, only the groups of equal
-- flag and age; before 13, every row of the status in the practice). With id in byte order in the index the order
-- comes straight off it on any collation. Same columns, same rows, same results.
drop index submissions_queue;
create index submissions_queue on submissions (practice_id, status, flag desc, submitted_at, id collate "C");

-- The care plans' open alerts (0007) are listed in the same way (level, age, then id in byte order).
drop index plan_alerts_open;
create index plan_alerts_open on plan_alerts (practice_id, level desc, raised_at, id collate "C") where reviewed_at is null;
