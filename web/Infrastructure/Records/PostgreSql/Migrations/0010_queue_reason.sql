-- Issue 17 point 7: the review queue's first page reads one narrow row a submission, not its answers and result (a
-- few KB each, json the server would have to fetch and the site parse for a one-line row). The only thing the row
-- needs from the result is the top flag's reason for the clinician, so it is kept beside the submission: of the
-- flags at the highest level, the first one's clinician text; null when the submission has no flag or that text is
-- empty. The store writes it with every new submission (QueueReason.Of); the submissions stored before are filled here
-- from their frozen result by the same rule (levels as the result JSON names them: emergency, urgent, soon, routine,
-- and any other name below routine).
alter table submissions add column top_reason text;

update submissions s set top_reason = (
    select case when json_typeof(f.value) = 'object' and json_typeof(f.value->'clinician') = 'string'
                then nullif(f.value->>'clinician', '') end
    from json_array_elements(case when json_typeof(s.result) = 'object' and json_typeof(s.result->'flags') = 'array'
                                  then s.result->'flags' else '[]'::json end) with ordinality as f(value, n)
    order by case when json_typeof(f.value) = 'object' then
                 case f.value->>'level' when 'emergency' then 4 when 'urgent' then 3 when 'soon' then 2
                                        when 'routine' then 1 else 0 end
             else 0 end desc,
             f.n
    limit 1)
where s.flag > 0;
