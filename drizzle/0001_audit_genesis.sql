-- Genesis row of the audit hash chain: appends lock this row, so it must exist before the first entry.
INSERT INTO "audit_chain_head" ("id", "last_seq", "last_hash", "updated_at") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', CURRENT_TIMESTAMP);
