-- analytics-service replay: empties the read models rebuilt from the topics, and forgets which events were
-- processed so they are applied again. Insights (hotspot, risk_alert) and monthly topics are kept on purpose.
BEGIN;
TRUNCATE case_fact, caller_case, published_scores, published_governance_list, rate_scheme, place_day_count;
-- the counters are rebuilt with case_fact (a trigger keeps them): complete again for every day
UPDATE counter_horizon SET complete_from = NULL;
DELETE FROM processed_event WHERE consumer IN ('analytics-intake', 'analytics-dispatch', 'analytics-evaluation',
                                               'analytics-results');
COMMIT;
