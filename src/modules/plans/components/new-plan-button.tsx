'use client';
import { useState } from 'react';
import { Button } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { PlanFormDialog } from './plan-form-dialog';
import type { CarryOverHint } from './plan-targets-fields';

/** 新建计划: opens the plan form (a client island beside the server-rendered list). */
export function NewPlanButton(props: { thisYear: number; carryOver: Record<number, CarryOverHint> }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button theme="primary" icon={<AddIcon />} onClick={() => setOpen(true)}>
        新建计划
      </Button>
      {open && <PlanFormDialog mode={{ kind: 'create', defaultYear: props.thisYear, carryOver: props.carryOver }} onClose={() => setOpen(false)} />}
    </>
  );
}
