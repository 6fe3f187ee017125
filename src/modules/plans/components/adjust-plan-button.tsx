'use client';
import { useState } from 'react';
import { Button } from 'tdesign-react';
import { EditIcon } from 'tdesign-icons-react';
import type { PlanRowView, PlanTargetValues } from '../view';
import { PlanFormDialog, type PlanWarningView } from './plan-form-dialog';
import type { CarryOverHint } from './plan-targets-fields';

/** 调整计划: opens the adjustment form (a client island on the server-rendered plan page). */
export function AdjustPlanButton(props: { plan: PlanRowView; targets: PlanTargetValues; carryOver: CarryOverHint | null; warnings: PlanWarningView[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button theme="primary" icon={<EditIcon />} onClick={() => setOpen(true)}>
        调整计划
      </Button>
      {open && (
        <PlanFormDialog
          mode={{ kind: 'adjust', plan: props.plan, targets: props.targets, carryOver: props.carryOver, warnings: props.warnings }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
