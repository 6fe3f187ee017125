-- postgres-setup.sql 为每个账号读入一次（以 \ir 读入，不单独执行）：口令不足 12 位即停止。
-- 读入前设置：password（口令）、password_account（应用账号 / 属主账号）、password_variable（其变量名）。
SELECT length(:'password') >= 12 AS password_ok \gset
\if :password_ok
\else
  \echo '错误：':password_account'口令至少 12 位'
  \set password_refusal 'BEGIN RAISE EXCEPTION ''' :password_variable ' 太短''; END'
  DO :'password_refusal';
\endif
\unset password
