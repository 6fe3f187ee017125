'use client';
import { useState } from 'react';
import { Button, Popconfirm } from 'tdesign-react';
import { useRunAction } from '@/ui/use-run-action';
import { formatYuan } from '@/modules/plans/amounts';
import { setAccountStatusAction } from '../accounts/actions';
import type { AccountListRow, FundSourceRow } from '../accounts/queries';
import { AccountFormDialog } from '../accounts/components/account-form-dialog';

/** The islands of /funds/accounts: 新建账户, and 编辑 / 关闭 / 重新启用 on a row. */

export function NewAccountButton(props: { sources: FundSourceRow[]; defaultSource?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button theme="primary" onClick={() => setOpen(true)}>
        新建账户
      </Button>
      {open && <AccountFormDialog account={null} sources={props.sources} defaultSource={props.defaultSource} onClose={() => setOpen(false)} />}
    </>
  );
}

export function AccountRowActions(props: { row: AccountListRow; sources: FundSourceRow[] }) {
  const { row } = props;
  const [editing, setEditing] = useState(false);
  const { run, busy } = useRunAction();
  const closing = row.status === 'active';
  return (
    <span className="lr-tags">
      <Button variant="text" theme="primary" size="small" onClick={() => setEditing(true)}>
        编辑
      </Button>
      <Popconfirm
        theme={closing ? 'warning' : 'default'}
        content={
          closing
            ? `关闭账户「${row.name}」？关闭后不能再用于新的收支记录；已有记录和余额（${formatYuan(row.balance)} 元）保留。`
            : `重新启用账户「${row.name}」？启用后可再用于新的收支记录。`
        }
        onConfirm={() => run(() => setAccountStatusAction({ id: row.id, status: closing ? 'closed' : 'active' }), closing ? `账户「${row.name}」已关闭` : `账户「${row.name}」已重新启用`)}
      >
        <Button variant="text" theme={closing ? 'warning' : 'success'} size="small" loading={busy}>
          {closing ? '关闭' : '重新启用'}
        </Button>
      </Popconfirm>
      {editing && <AccountFormDialog account={row} sources={props.sources} onClose={() => setEditing(false)} />}
    </span>
  );
}
