'use client';
import { useState } from 'react';
import { Button } from 'tdesign-react';
import { BudgetFormDialog } from '../budgets/components/budget-form-dialog';
import type { BudgetAmounts, TBudgetKind } from '../budgets/validation';
import type { BudgetVersionView } from '../budgets/view';

/** 编制预算 / 调整预算: the one island of a budget card. */
export function BudgetEditButton(props: {
  projectId: string;
  projectName: string;
  kind: TBudgetKind;
  year: number;
  current: BudgetVersionView | null;
  life: BudgetAmounts | null;
  annual: { year: number; amounts: BudgetAmounts }[];
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button theme="primary" variant={props.current ? 'outline' : 'base'} onClick={() => setOpen(true)}>
        {props.current ? '调整预算' : '编制预算'}
      </Button>
      {open && (
        <BudgetFormDialog
          projectId={props.projectId}
          projectName={props.projectName}
          kind={props.kind}
          year={props.year}
          current={props.current}
          life={props.life}
          annual={props.annual}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
