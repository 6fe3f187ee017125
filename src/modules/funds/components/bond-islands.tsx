'use client';
import { useState } from 'react';
import { Button, Popconfirm } from 'tdesign-react';
import { useRunAction } from '@/ui/use-run-action';
import { formatWan } from '@/modules/plans/amounts';
import { deletePaymentAction, removeAllocationAction } from '../bonds/actions';
import type { BondAllocationView, BondProjectOption, ScheduleLine } from '../bonds/queries';
import { AllocationDialog } from '../bonds/components/allocation-dialog';
import { BondFormDialog, type BondFormValues } from '../bonds/components/bond-form-dialog';
import { PaymentDialog } from '../bonds/components/payment-dialog';

/** The client islands of the bond pages: the buttons that open a dialog or run an action. */

export function NewBondButton(props: { annualCouponMaxYears: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button theme="primary" onClick={() => setOpen(true)}>
        新增债券
      </Button>
      {open && <BondFormDialog mode={{ kind: 'create' }} annualCouponMaxYears={props.annualCouponMaxYears} onClose={() => setOpen(false)} />}
    </>
  );
}

export function EditBondButton(props: { id: string; version: number; values: BondFormValues; annualCouponMaxYears: number; disabledReason: string | null }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outline" disabled={!!props.disabledReason} title={props.disabledReason ?? undefined} onClick={() => setOpen(true)}>
        修改条款
      </Button>
      {open && (
        <BondFormDialog mode={{ kind: 'edit', id: props.id, version: props.version, values: props.values }} annualCouponMaxYears={props.annualCouponMaxYears} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

export function PayButton(props: { bondCode: string; issueDate: string; row: ScheduleLine }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" variant="text" theme="primary" onClick={() => setOpen(true)}>
        登记还本付息
      </Button>
      {open && <PaymentDialog bondCode={props.bondCode} issueDate={props.issueDate} row={props.row} onClose={() => setOpen(false)} />}
    </>
  );
}

interface AllocationBond {
  id: string;
  code: string;
  amount: string;
  allocated: string;
  issueDate: string;
}

interface AllocationContext {
  bond: AllocationBond;
  projects: BondProjectOption[];
  takenProjectIds: string[];
  limitPercent: string;
  shareRule: string;
}

export function AllocateButton(props: AllocationContext & { disabled: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button theme="primary" disabled={props.disabled} onClick={() => setOpen(true)}>
        分配给项目
      </Button>
      {open && (
        <AllocationDialog
          bond={props.bond}
          allocation={null}
          projects={props.projects}
          takenProjectIds={props.takenProjectIds}
          limitPercent={props.limitPercent}
          shareRule={props.shareRule}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** 调整 / 取消分配 of one allocation row. */
export function AllocationActions(props: AllocationContext & { allocation: BondAllocationView }) {
  const [open, setOpen] = useState(false);
  const { run, busy } = useRunAction();
  const a = props.allocation;
  return (
    <span className="lr-tags">
      <Button size="small" variant="text" theme="primary" onClick={() => setOpen(true)}>
        调整
      </Button>
      <Popconfirm
        theme="warning"
        content={`取消本债券对项目 ${a.projectCode} 的分配（${formatWan(a.amount)} 万元）？`}
        confirmBtn="取消分配"
        onConfirm={() => void run(() => removeAllocationAction({ id: a.id }), `已取消对项目 ${a.projectCode} 的分配`)}
      >
        <Button size="small" variant="text" theme="danger" loading={busy}>
          取消分配
        </Button>
      </Popconfirm>
      {open && (
        <AllocationDialog
          bond={props.bond}
          allocation={a}
          projects={props.projects}
          takenProjectIds={props.takenProjectIds}
          limitPercent={props.limitPercent}
          shareRule={props.shareRule}
          onClose={() => setOpen(false)}
        />
      )}
    </span>
  );
}

export function DeletePaymentButton(props: { id: string; seq: number; paidOn: string }) {
  const { run, busy } = useRunAction();
  return (
    <Popconfirm
      theme="warning"
      content={`删除第 ${props.seq} 期 ${props.paidOn} 的还本付息记录？其生成的未审批利息记录将一并删除。`}
      confirmBtn="删除"
      onConfirm={() =>
        void run(
          () => deletePaymentAction({ id: props.id }),
          (d) => `还本付息记录已删除${d.withdrawnEntries.length ? `；未审批的利息记录 ${d.withdrawnEntries.join('、')} 随之删除` : ''}`,
        )
      }
    >
      <Button size="small" variant="text" theme="danger" loading={busy}>
        删除
      </Button>
    </Popconfirm>
  );
}
