'use client';
import { useMemo, useState } from 'react';
import { Alert, Dialog, Form, TreeSelect } from 'tdesign-react';
import type { DepartmentNodeView, DepartmentView } from '../view';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { ROOT_VALUE, withRootOption, type DepartmentAction } from './department-dialog';

/** The department itself and everything below it cannot be the new parent. */
function disableSubtree(nodes: DepartmentNodeView[], id: string, inside = false): DepartmentNodeView[] {
  return nodes.map((n) => {
    const blocked = inside || n.value === id;
    return { ...n, disabled: blocked, children: n.children ? disableSubtree(n.children, id, blocked) : undefined };
  });
}

export function MoveDepartmentDialog(props: {
  department: DepartmentView;
  tree: DepartmentNodeView[];
  onClose: () => void;
  onSaved: (id: string) => void;
  move: DepartmentAction;
}) {
  const { department } = props;
  const options = useMemo(() => withRootOption(disableSubtree(props.tree, department.id)), [props.tree, department.id]);
  const [parentId, setParentId] = useState<string>(department.parentId ?? ROOT_VALUE);
  const [error, setError] = useState<string | undefined>();
  const { run, busy } = useRunAction();

  const submit = async () => {
    setError(undefined);
    const res = await run(
      () => props.move({ id: department.id, parentId: parentId === ROOT_VALUE ? null : parentId }),
      '科室已移动',
      (errors) => setError(errors.parentId),
    );
    if (res?.ok) props.onSaved(res.data.id);
  };

  return (
    <Dialog
      visible
      header={`移动科室：${department.name}`}
      confirmBtn={{ content: '移动', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      destroyOnClose
      width={520}
    >
      <Alert theme="info" message="科室连同其下级科室和用户一起移动；不能移到它自己或它的下级科室之下。" style={{ marginBottom: 16 }} />
      <Form labelAlign="top" preventSubmitDefault onSubmit={submit}>
        <LabeledField name="parentId" label="新的上级科室" required error={error}>
          <TreeSelect
            data={options}
            value={parentId}
            onChange={(v) => setParentId(typeof v === 'string' && v ? v : ROOT_VALUE)}
            treeProps={{ expandAll: true }}
            filterable
          />
        </LabeledField>
      </Form>
    </Dialog>
  );
}
