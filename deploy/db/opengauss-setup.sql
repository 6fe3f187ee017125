-- 土地储备系统：openGauss 5.x / 6.x 建库与应用账号（以初始用户 omm 执行一次）
--   gsql -d postgres -p 5432 -v app_user=landreserve -v app_db=landreserve -v app_password='强口令' \
--        -f deploy/db/opengauss-setup.sql
-- 三个变量都必须指定（gsql 不支持默认值）。执行前先把 password_encryption_type 设为 1
-- （见 README.md 第 2 节），否则应用所用的驱动无法通过口令认证。
\set ON_ERROR_STOP on

-- Refuse early: with the default (2, SHA-256 only) no md5 verifier is stored and the
-- postgres driver cannot log in.
DO $$
BEGIN
  IF current_setting('password_encryption_type') NOT IN ('0', '1') THEN
    RAISE EXCEPTION '请先执行 gs_guc reload -N all -I all -c "password_encryption_type=1"，再运行本脚本';
  END IF;
END
$$;

-- PG compatibility: in the default mode 'A' an empty string becomes NULL and the app refuses to start.
CREATE DATABASE :"app_db" DBCOMPATIBILITY 'PG' ENCODING 'UTF8' TEMPLATE template0;
CREATE USER :"app_user" PASSWORD :'app_password';
ALTER DATABASE :"app_db" OWNER TO :"app_user";
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"app_db" TO :"app_user";
-- openGauss gives each user a schema named after it, first in the search path: the app's tables belong in public.
ALTER USER :"app_user" SET search_path TO public;

\connect :"app_db"
ALTER SCHEMA public OWNER TO :"app_user";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT datname, datcompatibility FROM pg_database WHERE datname = :'app_db';
