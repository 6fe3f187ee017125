-- 土地储备系统：PostgreSQL 13+ 建库与应用账号（以超级用户执行一次）
--   psql -h 127.0.0.1 -U postgres -d postgres -v app_password='强口令' \
--        [-v app_user=landreserve] [-v app_db=landreserve] -f deploy/db/postgres-setup.sql
-- 口令只经 -v 传入，不写进本文件；执行前 unset HISTFILE 或从文件读入（见 README.md）。
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
SELECT length(:'app_password') >= 12 AS app_password_ok \gset
\if :app_password_ok
\else
  \echo '错误：应用账号口令至少 12 位'
  DO $$ BEGIN RAISE EXCEPTION 'app_password 太短'; END $$;
\endif

-- SCRAM verifier, never md5.
SET password_encryption = 'scram-sha-256';
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"app_db" OWNER :"app_user" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"app_user";
ALTER ROLE :"app_user" IN DATABASE :"app_db" SET search_path = public;

\connect :"app_db"
-- The app runs its own migrations: it owns the schema its tables live in, nobody else creates there.
ALTER SCHEMA public OWNER TO :"app_user";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
\echo '完成：已创建账号' :app_user '与数据库' :app_db '（public 模式属主为应用账号，search_path = public）'
