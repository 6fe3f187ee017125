'use client';
import { useState } from 'react';
import { Button } from 'tdesign-react';
import type { SupplyView } from '../queries';
import { HandoverDialog } from './handover-dialog';

/** 登记 / 修改 the current deal's 交地日期 (the dialog is the island). */
export function HandoverButton(props: { supply: SupplyView; today: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" variant="text" theme="primary" onClick={() => setOpen(true)}>
        {props.supply.handoverDate ? '修改' : '登记'}
      </Button>
      {open && <HandoverDialog supply={props.supply} today={props.today} onClose={() => setOpen(false)} />}
    </>
  );
}
