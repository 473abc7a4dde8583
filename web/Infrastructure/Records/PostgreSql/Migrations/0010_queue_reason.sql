-- Issue 17 point 7: the review queue's first page reads one narrow row a submission, not its answers and result (a
-- few KB each, json the server would fetch out of line and the site parse, for a one-line row). The only thing the
-- row needs from the result is the top flag's reason for the clinician, so it is kept beside the submission: of the
-- flags at the highest level, the first one's clinician text; null when the submission has no flag, that text is
-- empty, or the result holds no list of flags. Levels as the result JSON names them (emergency, urgent, soon,
-- routine); any other name ranks below routine. The site's LiteDB store applies the same rule (QueueReason.Of); the
-- migration tests hold the two to the same answers.
create function queue_reason(result json, flag smallint) returns text language sql immutable as $fn$
    select case when flag > 0 then (
        select case when json_typeof(f.value) = 'object' and json_typeof(f.value->'clinician') = 'string'
                    then nullif(f.value->>'clinician', '') end
        from json_array_elements(case when json_typeof(result) = 'object' and json_typeof(result->'flags') = 'array'
                                      then result->'flags' else '[]'::json end) with ordinality as f(value, n)
        order by case when json_typeof(f.value) = 'object' then
                     case f.value->>'level' when 'emergency' then 4 when 'urgent' then 3 when 'soon' then 2
                                            when 'routine' then 1 else 0 end
                 else 0 end desc,
                 f.n
        limit 1) end
$fn$;

alter table submissions add column top_reason text;

-- Worked out by the database as each submission is inserted (by the store, by migrate-store's COPY, or by an
-- instance of the site still running the previous version during a rolling upgrade), never sent by the site: a
-- submission's result and flag never change, so neither does its reason.
create function fill_queue_reason() returns trigger language plpgsql as $fn$
begin
    new.top_reason := queue_reason(new.result, new.flag);
    return new;
end
$fn$;
create trigger submissions_queue_reason before insert on submissions for each row execute function fill_queue_reason();

-- The submissions stored before. At the benchmark's scale (1,000,000 submissions) this took about 3 minutes on a
-- loaded 2-core machine, with the submissions table locked (docs/operations.md, "Upgrading").
update submissions set top_reason = queue_reason(result, flag) where flag > 0;
