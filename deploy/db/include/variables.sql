-- postgres-setup.sql 与 kingbase-setup.sql 共用（以 \ir 读入，不单独执行）：
-- 变量 app_user、app_db 默认为 landreserve；app_password 必须用 -v 给出。
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
