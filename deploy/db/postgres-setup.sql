-- 土地储备系统：PostgreSQL 13+ 建库与应用账号（以超级用户执行一次）
--   psql -h 127.0.0.1 -U postgres -d postgres -v app_password='强口令' \
--        [-v app_user=landreserve] [-v app_db=landreserve] -f deploy/db/postgres-setup.sql
-- 口令只经 -v 传入，不写进本文件；执行前 unset HISTFILE 或从文件读入（见 README.md）。
-- 推荐（安全审计）：再给 -v owner_user=landreserve_owner -v owner_password='另一强口令'，建立两个账号：
-- 属主账号拥有库与 public 模式、只用于迁移（MIGRATION_DATABASE_URL）；应用账号只能增删改查数据，
-- 对审计表只能 INSERT/SELECT（迁移 0018 收回其 UPDATE/DELETE/TRUNCATE）。见 README.md「审计表的权限」。
\set ON_ERROR_STOP on
\if :{?app_user}
\else
  \set app_user landreserve
\endif
\if :{?app_db}
\else
  \set app_db landreserve
\endif
\if :{?app_password}
\else
  \echo '错误：请用 -v app_password=… 指定应用账号口令'
  DO $$ BEGIN RAISE EXCEPTION 'app_password 未指定'; END $$;
\endif
\if :{?owner_user}
  \if :{?owner_password}
  \else
    \echo '错误：给了 owner_user 时须用 -v owner_password=… 指定属主账号口令'
    DO $$ BEGIN RAISE EXCEPTION 'owner_password 未指定'; END $$;
  \endif
  SELECT length(:'owner_password') >= 12 AS owner_password_ok \gset
  \if :owner_password_ok
  \else
    \echo '错误：属主账号口令至少 12 位'
    DO $$ BEGIN RAISE EXCEPTION 'owner_password 太短'; END $$;
  \endif
  \set two_accounts true
\else
  \set two_accounts false
\endif
SELECT length(:'app_password') >= 12 AS app_password_ok \gset
\if :app_password_ok
\else
  \echo '错误：应用账号口令至少 12 位'
  DO $$ BEGIN RAISE EXCEPTION 'app_password 太短'; END $$;
\endif

-- SCRAM verifier, never md5.
SET password_encryption = 'scram-sha-256';
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
\if :two_accounts
CREATE ROLE :"owner_user" LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"app_db" OWNER :"owner_user" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"app_user";
GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"owner_user";
ALTER ROLE :"app_user" IN DATABASE :"app_db" SET search_path = public;
ALTER ROLE :"owner_user" IN DATABASE :"app_db" SET search_path = public;

\connect :"app_db"
-- The owner account runs the migrations and owns what they create; the application account reads
-- and writes rows of every table the owner creates (default privileges), nothing more. Migration
-- 0018 then takes UPDATE, DELETE and TRUNCATE on audit_log from it: INSERT and SELECT remain.
ALTER SCHEMA public OWNER TO :"owner_user";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app_user";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_user" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_user";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_user" IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app_user";
\echo '完成：属主账号' :owner_user '（迁移用，MIGRATION_DATABASE_URL）与应用账号' :app_user '（DATABASE_URL），数据库' :app_db
\else
CREATE DATABASE :"app_db" OWNER :"app_user" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"app_user";
ALTER ROLE :"app_user" IN DATABASE :"app_db" SET search_path = public;

\connect :"app_db"
-- The app runs its own migrations: it owns the schema its tables live in, nobody else creates there.
ALTER SCHEMA public OWNER TO :"app_user";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
\echo '完成：已创建账号' :app_user '与数据库' :app_db '（public 模式属主为应用账号，search_path = public）'
\endif
