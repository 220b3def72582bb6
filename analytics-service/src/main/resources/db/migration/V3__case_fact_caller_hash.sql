-- The caller's pseudonym from jiesu.case.received.v1 (intake's keyed HMAC-SHA256 of the phone; null for anonymous
-- and confidential citizens): lets the repeated-dissatisfaction rule group any caller's cases. Pseudonymous personal
-- data: CallerHashRetention clears it once the case is older than the rule's window.
ALTER TABLE case_fact ADD COLUMN caller_hash varchar(128);
CREATE INDEX case_fact_caller ON case_fact (caller_hash, received_at) WHERE caller_hash IS NOT NULL;
