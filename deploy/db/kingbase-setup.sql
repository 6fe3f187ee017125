-- 土地储备系统：KingbaseES V8R6（PG 模式，默认端口 54321）建库与应用账号（以 system 执行一次）
--   ksql -h 127.0.0.1 -p 54321 -U system -d test -v app_password='强口令' \
--        [-v app_user=landreserve] [-v app_db=landreserve] -f deploy/db/kingbase-setup.sql
\set ON_ERROR_STOP on
\ir include/variables.sql

-- The instance must run in PG mode with empty strings kept as ''.
DO $$
BEGIN
  IF coalesce(current_setting('ora_input_emptystr_isnull', true), 'off') = 'on' THEN
    RAISE EXCEPTION 'ora_input_emptystr_isnull 为 on：请在 kingbase.conf 中设为 off 并重启后再执行';
  END IF;
END
$$;

SET password_encryption = 'scram-sha-256';
CREATE USER :"app_user" PASSWORD :'app_password';
CREATE DATABASE :"app_db" OWNER :"app_user" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"app_user";
ALTER USER :"app_user" SET search_path = public;

\connect :"app_db"
ALTER SCHEMA public OWNER TO :"app_user";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
\echo '完成：已创建账号' :app_user '与数据库' :app_db
