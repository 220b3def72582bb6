-- A new order's first history row is written in the transaction that creates the order. Checking the reference at
-- commit lets Hibernate send a poll's new orders together in one JDBC batch at the end, instead of flushing each
-- order on its own before its history row (issue 19). The reference is still checked: a missing order fails the commit.
ALTER TABLE work_order_history ALTER CONSTRAINT work_order_history_case_id_fkey DEFERRABLE INITIALLY DEFERRED;
