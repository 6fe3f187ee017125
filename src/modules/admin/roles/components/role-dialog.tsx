'use client';
import { useState } from 'react';
import { Alert, Dialog, Form, Input, Textarea } from 'tdesign-react';
import type { ActionResult } from '@/platform/action';
import { ROLE_DESCRIPTION_MAX, ROLE_NAME_MAX } from '../validation';
import type { RoleView } from '../view';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';

export type RoleDialogMode = { kind: 'create' } | { kind: 'edit'; role: RoleView };

export function RoleDialog(props: {
  mode: RoleDialogMode;
  onClose: () => void;
  onSaved: (id: string) => void;
  create: (input: unknown) => Promise<ActionResult<{ id: string }>>;
  update: (input: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const { mode } = props;
  const editing = mode.kind === 'edit' ? mode.role : null;
  const [name, setName] = useState(editing?.name ?? '');
  const [code, setCode] = useState(editing?.code ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();

  const submit = async () => {
    setErrors({});
    const res = await run(
      () => (editing ? props.update({ id: editing.id, name, description }) : props.create({ name, code, description })),
      editing ? '角色已保存' : '角色已创建，请为它勾选权限',
      setErrors,
    );
    if (res?.ok) props.onSaved(res.data.id);
  };

  return (
    <Dialog
      visible
      header={editing ? `编辑角色：${editing.name}` : '新建业务角色'}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      destroyOnClose
      width={520}
    >
      {!editing && (
        <Alert theme="info" message="新建的角色均为业务角色；三员（系统、安全、审计管理员）角色是内置的，不能新建。" style={{ marginBottom: 16 }} />
      )}
      {editing?.builtin && <Alert theme="info" message="内置角色不能改名，只能修改说明和权限。" style={{ marginBottom: 16 }} />}
      <Form labelAlign="top" preventSubmitDefault onSubmit={submit} data-testid="role-form">
        <LabeledField name="name" label="角色名称" required error={errors.name}>
          <Input
            value={name}
            onChange={(v) => setName(String(v))}
            maxlength={ROLE_NAME_MAX} allowInputOverMax
            showLimitNumber
            disabled={editing?.builtin}
            placeholder="如：征收专员"
            autofocus
          />
        </LabeledField>
        <LabeledField
          name="code"
          label="角色编码"
          required={!editing}
          error={errors.code}
          hint={editing ? '角色编码创建后不能修改' : '2–32 位小写字母、数字或下划线，全系统唯一'}
        >
          <Input value={code} onChange={(v) => setCode(String(v).toLowerCase())} maxlength={32} disabled={!!editing} placeholder="如：expropriation" />
        </LabeledField>
        <LabeledField name="description" label="角色说明" error={errors.description}>
          <Textarea
            value={description}
            onChange={(v) => setDescription(String(v))}
            maxlength={ROLE_DESCRIPTION_MAX} allowInputOverMax
            autosize={{ minRows: 2, maxRows: 5 }}
            placeholder="这个角色负责什么"
          />
        </LabeledField>
      </Form>
    </Dialog>
  );
}
