'use client';
import { useState } from 'react';
import { Dialog, Form, Input, InputNumber, TreeSelect } from 'tdesign-react';
import type { ActionResult } from '@/platform/action';
import { DEPARTMENT_NAME_MAX, SORT_ORDER_MAX } from '../validation';
import type { DepartmentNodeView, DepartmentView } from '../view';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';

export const ROOT_VALUE = '__root__';

/** A department server action (create, update, move): the saved department's id. */
export type DepartmentAction = (input: unknown) => Promise<ActionResult<{ id: string }>>;

export type DepartmentDialogMode = { kind: 'create'; parentId: string | null } | { kind: 'edit'; department: DepartmentView };

interface Draft {
  name: string;
  code: string;
  parentId: string;
  sortOrder: number;
}

/** Tree options with a virtual top level, so "no parent" is an explicit choice. */
export function withRootOption(tree: DepartmentNodeView[]): DepartmentNodeView[] {
  return [{ value: ROOT_VALUE, label: '（无上级，作为顶级科室）', userCount: 0, totalUserCount: 0, children: tree.length ? tree : undefined }];
}

export function DepartmentDialog(props: {
  mode: DepartmentDialogMode;
  tree: DepartmentNodeView[];
  onClose: () => void;
  onSaved: (id: string) => void;
  create: DepartmentAction;
  update: DepartmentAction;
}) {
  const { mode } = props;
  const [draft, setDraft] = useState<Draft>(() =>
    mode.kind === 'edit'
      ? { name: mode.department.name, code: mode.department.code ?? '', parentId: mode.department.parentId ?? ROOT_VALUE, sortOrder: mode.department.sortOrder }
      : { name: '', code: '', parentId: mode.parentId ?? ROOT_VALUE, sortOrder: 0 },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();

  const submit = async () => {
    setErrors({});
    const common = { name: draft.name, code: draft.code, sortOrder: draft.sortOrder };
    const res = await run(
      () =>
        mode.kind === 'edit'
          ? props.update({ id: mode.department.id, ...common })
          : props.create({ ...common, parentId: draft.parentId === ROOT_VALUE ? null : draft.parentId }),
      mode.kind === 'edit' ? '科室已保存' : '科室已创建',
      setErrors,
    );
    if (res?.ok) props.onSaved(res.data.id);
  };

  return (
    <Dialog
      visible
      header={mode.kind === 'edit' ? `编辑科室：${mode.department.name}` : '新建科室'}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      destroyOnClose
      width={520}
    >
      <Form labelAlign="top" onSubmit={submit} preventSubmitDefault data-testid="department-form">
        <LabeledField name="name" label="科室名称" required error={errors.name}>
          <Input
            value={draft.name}
            onChange={(v) => setDraft({ ...draft, name: String(v) })}
            maxlength={DEPARTMENT_NAME_MAX} allowInputOverMax
            showLimitNumber
            placeholder="如：收储科"
            autofocus
          />
        </LabeledField>
        <LabeledField name="code" label="科室编码" error={errors.code} hint="可选，2–32 位大写字母或数字，全系统唯一">
          <Input value={draft.code} onChange={(v) => setDraft({ ...draft, code: String(v).toUpperCase() })} maxlength={32} placeholder="如：SCK" />
        </LabeledField>
        {mode.kind === 'create' && (
          <LabeledField name="parentId" label="上级科室" error={errors.parentId}>
            <TreeSelect
              data={withRootOption(props.tree)}
              value={draft.parentId}
              onChange={(v) => setDraft({ ...draft, parentId: typeof v === 'string' && v ? v : ROOT_VALUE })}
              treeProps={{ expandAll: true }}
              filterable
            />
          </LabeledField>
        )}
        <LabeledField name="sortOrder" label="排序号" error={errors.sortOrder} hint="同级科室按排序号从小到大排列，相同时按名称">
          <InputNumber
            value={draft.sortOrder}
            onChange={(v) => setDraft({ ...draft, sortOrder: typeof v === 'number' ? v : Number(v) || 0 })}
            min={0}
            max={SORT_ORDER_MAX}
            decimalPlaces={0}
            theme="normal"
            style={{ width: 160 }}
          />
        </LabeledField>
      </Form>
    </Dialog>
  );
}
