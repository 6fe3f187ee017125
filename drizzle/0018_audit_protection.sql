-- 安全审计（GB/T 22239-2019 8.1.4.3 c)）: audit entries cannot be altered, deleted before the
-- retention floor (180 days, 《网络安全法》第二十一条) or truncated, whoever connects; and the
-- application's database accounts lose UPDATE/DELETE/TRUNCATE on the table. A purge records
-- where the chain now starts (audit_checkpoint), so the remaining chain stays verifiable.
CREATE TABLE "audit_checkpoint" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"purged_rows" integer NOT NULL,
	"purged_before" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		RAISE EXCEPTION '审计记录不可修改（只追加）';
	END IF;
	IF OLD.occurred_at > CURRENT_TIMESTAMP - INTERVAL '180 days' THEN
		RAISE EXCEPTION '审计记录保留不足 180 天，不能删除';
	END IF;
	RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_no_truncate() RETURNS trigger AS $$
BEGIN
	RAISE EXCEPTION '审计表不能清空';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_guard_row BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE PROCEDURE audit_log_guard();
--> statement-breakpoint
CREATE TRIGGER audit_log_guard_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE PROCEDURE audit_log_no_truncate();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM PUBLIC;
--> statement-breakpoint
-- Every other account that holds these rights (the application account of a two-account set-up,
-- granted them by default privileges when 0000 created the table) loses them; so does the owner
-- running this migration (it can grant them back to itself: the purge does, for DELETE only).
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
		WHERE table_name = 'audit_log' AND table_schema = current_schema()
		AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE') AND grantee <> 'PUBLIC'
	LOOP
		EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ' || quote_ident(r.grantee);
	END LOOP;
END
$$;
