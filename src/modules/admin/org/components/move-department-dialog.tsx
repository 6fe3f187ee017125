'use client';
import { useMemo, useState } from 'react';
import { Alert, Dialog, Form, MessagePlugin, TreeSelect } from 'tdesign-react';
import type { ActionResult } from '@/platform/action';
import type { DepartmentNodeView, DepartmentView } from '../view';
import { LabeledField } from './labeled-field';
import { ROOT_VALUE, withRootOption } from './department-dialog';

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
  move: (input: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const { department } = props;
  const options = useMemo(() => withRootOption(disableSubtree(props.tree, department.id)), [props.tree, department.id]);
  const [parentId, setParentId] = useState<string>(department.parentId ?? ROOT_VALUE);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await props.move({ id: department.id, parentId: parentId === ROOT_VALUE ? null : parentId });
      if (!res.ok) {
        setError(res.fieldErrors?.parentId);
        MessagePlugin.error(res.error);
        return;
      }
      MessagePlugin.success('科室已移动');
      props.onSaved(res.data.id);
    } catch {
      MessagePlugin.error('无法连接服务器，请稍后重试');
    } finally {
      setBusy(false);
    }
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
