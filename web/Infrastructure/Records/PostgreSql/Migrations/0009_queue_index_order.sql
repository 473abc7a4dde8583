-- Issue 17 point 7 (measured at scale): the review queue orders each status's rows by flag, then age, then id in
-- byte order (`id collate "C"`, so that both backends break ties alike). The queue index kept id in the database's
-- collation, which is not byte order on a server set up with a UTF-8 locale (C.UTF-8, en_GB.UTF-8): there the index
-- could not give the queue's order, and PostgreSQL read and sorted every row of the status in the practice before
-- taking the first page (every filed submission of the practice for the "Filed" filter, toasted answers included).
-- The same index with id in byte order gives the order straight off the index on any collation. Same columns, same
-- rows, same results.
drop index submissions_queue;
create index submissions_queue on submissions (practice_id, status, flag desc, submitted_at, id collate "C");
