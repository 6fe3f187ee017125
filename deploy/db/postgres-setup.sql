-- 土地储备系统：PostgreSQL 13+ 建库与应用账号（以超级用户执行一次）
--   psql -h 127.0.0.1 -U postgres -d postgres -v app_password='强口令' \
--        [-v app_user=landreserve] [-v app_db=landreserve] -f deploy/db/postgres-setup.sql
-- 口令只经 -v 传入，不写进本文件；执行前 unset HISTFILE 或从文件读入（见 README.md）。
-- 推荐（安全审计）：再给 -v owner_user=landreserve_owner -v owner_password='另一强口令'，建立两个账号：
-- 属主账号拥有库与 public 模式、只用于迁移（MIGRATION_DATABASE_URL）；应用账号只能增删改查数据，
-- 对审计表只能 INSERT/SELECT（迁移 0018 收回其 UPDATE/DELETE/TRUNCATE）。见 README.md「审计表的权限」。
\set ON_ERROR_STOP on
\ir include/variables.sql
\if :{?owner_user}
  \if :{?owner_password}
  \else
    \echo '错误：给了 owner_user 时须用 -v owner_password=… 指定属主账号口令'
    DO $$ BEGIN RAISE EXCEPTION 'owner_password 未指定'; END $$;
  \endif
  \set password :owner_password
  \set password_account 属主账号
  \set password_variable owner_password
  \ir include/password-length.sql
  \set two_accounts true
  \set db_owner :owner_user
\else
  \set two_accounts false
  \set db_owner :app_user
\endif
\set password :app_password
\set password_account 应用账号
\set password_variable app_password
\ir include/password-length.sql

-- SCRAM verifier, never md5.
SET password_encryption = 'scram-sha-256';
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
\if :two_accounts
CREATE ROLE :"owner_user" LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
\endif
-- db_owner is the owner account when there are two, else the application account.
CREATE DATABASE :"app_db" OWNER :"db_owner" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"app_user";
ALTER ROLE :"app_user" IN DATABASE :"app_db" SET search_path = public;
\if :two_accounts
GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"owner_user";
ALTER ROLE :"owner_user" IN DATABASE :"app_db" SET search_path = public;
\endif

\connect :"app_db"
-- The schema's owner runs the migrations and owns what they create; nobody else creates there.
ALTER SCHEMA public OWNER TO :"db_owner";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
\if :two_accounts
-- The application account reads and writes rows of every table the owner creates (default
-- privileges), nothing more. Migration 0018 then takes UPDATE, DELETE and TRUNCATE on audit_log
-- from it: INSERT and SELECT remain.
GRANT USAGE ON SCHEMA public TO :"app_user";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_user" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_user";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_user" IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app_user";
\echo '完成：属主账号' :owner_user '（迁移用，MIGRATION_DATABASE_URL）与应用账号' :app_user '（DATABASE_URL），数据库' :app_db
\else
\echo '完成：已创建账号' :app_user '与数据库' :app_db '（public 模式属主为应用账号，search_path = public）'
\endif
