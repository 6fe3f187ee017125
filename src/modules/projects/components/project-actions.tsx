'use client';
import { useState } from 'react';
import { Button, Popconfirm } from 'tdesign-react';
import { EditIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import type { PlanOptionView } from '@/modules/plans/view';
import { setProjectStatusAction } from '../actions';
import type { ProjectFormValues } from '../view';
import { ProjectFormDialog } from './project-form-dialog';

/** The project page's buttons that run something: 编辑 (the form dialog), 关闭项目 / 重新启用. */
export function ProjectActions(props: {
  id: string;
  code: string;
  active: boolean;
  /** Parcels not yet supplied or cancelled (said before closing). */
  openCount: number;
  formValues: ProjectFormValues;
  plans: PlanOptionView[];
}) {
  const [editing, setEditing] = useState(false);
  const { run, busy } = useRunAction();
  const setStatus = (status: 'active' | 'closed') =>
    run(() => setProjectStatusAction({ id: props.id, status }), status === 'closed' ? `项目 ${props.code} 已关闭` : `项目 ${props.code} 已重新启用`);
  const closeWarning = props.openCount
    ? `本项目仍有 ${props.openCount} 宗地块未供应或终止。关闭后项目不能再修改（可重新启用）。确定关闭？`
    : '关闭后项目不能再修改（可重新启用）。确定关闭？';
  return (
    <>
      {props.active && (
        <Button variant="outline" icon={<EditIcon />} onClick={() => setEditing(true)}>
          编辑
        </Button>
      )}
      {props.active ? (
        <Popconfirm content={closeWarning} theme="warning" confirmBtn="确定关闭" onConfirm={() => void setStatus('closed')}>
          <Button variant="outline" theme="danger" loading={busy}>
            关闭项目
          </Button>
        </Popconfirm>
      ) : (
        <Popconfirm content="重新启用后可继续修改项目和登记地块。确定重新启用？" confirmBtn="重新启用" onConfirm={() => void setStatus('active')}>
          <Button variant="outline" loading={busy}>
            重新启用
          </Button>
        </Popconfirm>
      )}
      {editing && <ProjectFormDialog mode={{ kind: 'edit', id: props.id, values: props.formValues }} plans={props.plans} onClose={() => setEditing(false)} />}
    </>
  );
}
