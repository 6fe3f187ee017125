'use client';
import { useState } from 'react';
import { Button } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import type { PlanOptionView } from '@/modules/plans/view';
import { ProjectFormDialog } from './project-form-dialog';

/** 新建项目: the list's one interactive action besides the filter bar (the dialog is a client island). */
export function NewProjectButton({ plans }: { plans: PlanOptionView[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button theme="primary" icon={<AddIcon />} onClick={() => setOpen(true)}>
        新建项目
      </Button>
      {open && <ProjectFormDialog mode={{ kind: 'create' }} plans={plans} onClose={() => setOpen(false)} />}
    </>
  );
}
