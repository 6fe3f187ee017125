'use client';
import { useState } from 'react';
import { Button, Dialog, Form, Input, Select, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import type { ActionResult } from '@/platform/action';
import { archiveIncomingAction, assignIncomingAction, completeIncomingAction, handleIncomingAction, instructIncomingAction, proposeIncomingAction, returnIncomingAction } from '../actions';
import { MAX_ASSIGNMENTS, OPINION_MAX, TITLE_MAX } from '../validation';

export interface MyAssignmentView {
  id: string;
  departmentName: string;
  dueOn: string;
  dueText: string | null;
}

export interface IncomingActionsView {
  id: string;
  receiptNo: string;
  title: string;
  steps: ('propose' | 'instruct' | 'assign' | 'complete' | 'archive')[];
  myAssignments: MyAssignmentView[];
  departments: { value: string; label: string }[];
  today: string;
  /** 分办 again after a return: the departments that returned, suggested. */
  returnedDepartments: string[];
}

type TDialog = { kind: 'propose' | 'instruct' | 'assign' | 'complete' | 'archive' } | { kind: 'handle' | 'return'; part: MyAssignmentView };

const TITLES = { propose: '拟办', instruct: '领导批示', assign: '分办', complete: '办结', archive: '归档', handle: '办理', return: '退回分办' } as const;
const SUCCESS = { propose: '已拟办，呈领导批示', instruct: '已批示，转办公室分办', assign: '已分办', complete: '已办结', archive: '已归档', handle: '已办理完毕', return: '已退回分办' } as const;
const OPINION_LABELS = { propose: '拟办意见', instruct: '批示意见', assign: '分办说明', complete: '办结说明', archive: '归档说明', handle: '办理情况', return: '退回原因' } as const;
const REQUIRED = new Set(['propose', 'instruct', 'handle', 'return']);

interface Part {
  departmentId: string;
  dueOn: string;
  request: string;
}

function StepDialog(props: { view: IncomingActionsView; dialog: TDialog; onClose: () => void }) {
  const { view, dialog } = props;
  const { run, busy } = useRunAction();
  const [opinion, setOpinion] = useState('');
  const [parts, setParts] = useState<Part[]>([{ departmentId: '', dueOn: '', request: '' }]);
  const [reply, setReply] = useState({ id: '', title: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const kind = dialog.kind;

  const confirm = async () => {
    if (REQUIRED.has(kind) && !opinion.trim()) return setErrors({ opinion: `请填写${OPINION_LABELS[kind]}` });
    let call: () => Promise<ActionResult<unknown>>;
    switch (kind) {
      case 'propose':
        call = () => proposeIncomingAction({ id: view.id, opinion });
        break;
      case 'instruct':
        call = () => instructIncomingAction({ id: view.id, opinion });
        break;
      case 'assign': {
        const chosen = parts.filter((p) => p.departmentId || p.dueOn || p.request);
        call = () => assignIncomingAction({ id: view.id, opinion, parts: chosen });
        break;
      }
      case 'complete':
        call = () => completeIncomingAction({ id: view.id, opinion, replyDocId: reply.id, replyDocTitle: reply.title });
        break;
      case 'archive':
        call = () => archiveIncomingAction({ id: view.id, opinion });
        break;
      case 'handle':
        call = () => handleIncomingAction({ assignmentId: dialog.part.id, opinion });
        break;
      case 'return':
        call = () => returnIncomingAction({ assignmentId: dialog.part.id, opinion });
        break;
    }
    const res = await run(call, SUCCESS[kind], setErrors);
    if (res?.ok) props.onClose();
  };

  const setPart = (i: number, patch: Partial<Part>) => {
    setParts((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
    setErrors({});
  };

  return (
    <Dialog
      visible
      header={`${TITLES[kind]}：${view.receiptNo}`}
      width={kind === 'assign' ? 760 : 560}
      confirmBtn={{ content: kind === 'return' ? '退回' : '确定', loading: busy, theme: kind === 'return' ? 'danger' : 'primary' }}
      onConfirm={() => void confirm()}
      onClose={props.onClose}
    >
      <div style={{ marginBottom: 12 }}>{view.title}</div>
      <Form labelAlign="top">
        {(kind === 'handle' || kind === 'return') && (
          <div className="lr-muted" style={{ marginBottom: 8 }}>
            承办科室：{dialog.part.departmentName}，办理期限 {dialog.part.dueOn}
            {dialog.part.dueText ? `（${dialog.part.dueText}）` : ''}
          </div>
        )}
        {kind === 'assign' && (
          <div data-testid="assign-parts">
            {parts.map((p, i) => (
              <div key={i} style={{ display: 'grid', gridTemplateColumns: '180px 170px 1fr 60px', gap: 12, alignItems: 'start' }}>
                <LabeledField name={`parts.${i}.departmentId`} label="承办科室" required error={errors[`parts.${i}.departmentId`] ?? (i === 0 ? errors.parts : undefined)}>
                  <Select
                    value={p.departmentId || undefined}
                    filterable
                    placeholder="请选择科室"
                    options={view.departments.filter((d) => d.value === p.departmentId || !parts.some((x) => x.departmentId === d.value))}
                    onChange={(v) => setPart(i, { departmentId: typeof v === 'string' ? v : '' })}
                  />
                </LabeledField>
                <LabeledField name={`parts.${i}.dueOn`} label="办理期限" required error={errors[`parts.${i}.dueOn`]}>
                  <DateField value={p.dueOn} onChange={(v) => setPart(i, { dueOn: v })} min={view.today} />
                </LabeledField>
                <LabeledField name={`parts.${i}.request`} label="办理要求" error={errors[`parts.${i}.request`]}>
                  <Input value={p.request} maxlength={OPINION_MAX} placeholder="选填" onChange={(v) => setPart(i, { request: String(v) })} />
                </LabeledField>
                <div style={{ paddingTop: 28 }}>
                  {parts.length > 1 && (
                    <Button variant="text" theme="danger" onClick={() => setParts((ps) => ps.filter((_, j) => j !== i))}>
                      移除
                    </Button>
                  )}
                </div>
              </div>
            ))}
            {parts.length < MAX_ASSIGNMENTS && (
              <Button variant="dashed" style={{ marginBottom: 12 }} onClick={() => setParts((ps) => [...ps, { departmentId: '', dueOn: '', request: '' }])}>
                增加承办科室
              </Button>
            )}
            {view.returnedDepartments.length > 0 && <div className="lr-muted" style={{ marginBottom: 8 }}>已退回的科室：{view.returnedDepartments.join('、')}</div>}
          </div>
        )}
        {kind === 'complete' && (
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 2fr', gap: 12 }}>
            <LabeledField name="replyDocId" label="复文编号" error={errors.replyDocId} hint="选填：答复本件的发文在系统中的编号">
              <Input value={reply.id} maxlength={64} onChange={(v) => setReply((r) => ({ ...r, id: String(v) }))} />
            </LabeledField>
            <LabeledField name="replyDocTitle" label="复文标题" error={errors.replyDocTitle} hint="选填：有复文时填写">
              <Input value={reply.title} maxlength={TITLE_MAX} onChange={(v) => setReply((r) => ({ ...r, title: String(v) }))} />
            </LabeledField>
          </div>
        )}
        <LabeledField name="opinion" label={OPINION_LABELS[kind]} required={REQUIRED.has(kind)} error={errors.opinion}>
          <Textarea
            value={opinion}
            maxlength={OPINION_MAX}
            autosize={{ minRows: 3, maxRows: 6 }}
            placeholder={kind === 'return' ? '请写明退回原因，如 不属于本科室职责' : REQUIRED.has(kind) ? undefined : '选填'}
            onChange={(v) => {
              setOpinion(String(v));
              setErrors({});
            }}
          />
        </LabeledField>
      </Form>
    </Dialog>
  );
}

/** The buttons of the steps this viewer can take now, each opening its dialog (the page's client island). */
export function IncomingActions({ view }: { view: IncomingActionsView }) {
  const [dialog, setDialog] = useState<TDialog | null>(null);
  if (!view.steps.length && !view.myAssignments.length) return null;
  return (
    <div data-testid="incoming-actions" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      {view.steps.map((s) => (
        <Button key={s} theme="primary" onClick={() => setDialog({ kind: s })}>
          {TITLES[s]}
        </Button>
      ))}
      {view.myAssignments.map((p) => (
        <span key={p.id} style={{ display: 'inline-flex', gap: 8 }}>
          <Button theme="primary" onClick={() => setDialog({ kind: 'handle', part: p })}>
            办理{view.myAssignments.length > 1 ? `（${p.departmentName}）` : ''}
          </Button>
          <Button theme="danger" variant="outline" onClick={() => setDialog({ kind: 'return', part: p })}>
            退回分办
          </Button>
        </span>
      ))}
      {dialog && <StepDialog view={view} dialog={dialog} onClose={() => setDialog(null)} />}
    </div>
  );
}
