'use client';
import { useState } from 'react';
import { Button, Dialog, Form, Space, Textarea } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { actOnDocumentAction } from '../actions';

/**
 * The current step for whoever holds it: 提交 (拟稿), or 通过 / 退回 with an opinion (退回 needs
 * one). The server re-checks role, permission and step under a lock; a step someone else has
 * handled meanwhile is refused with 请刷新后重试.
 */
export function DocumentFlowIsland(props: { id: string; title: string; step: { key: string; name: string; isDraft: boolean; countersign: boolean } }) {
  const { step } = props;
  const [open, setOpen] = useState<'approve' | 'return' | null>(null);
  const [opinion, setOpinion] = useState('');
  const [error, setError] = useState<string | undefined>();
  const { run, busy } = useRunAction();

  const confirm = async () => {
    if (!open) return;
    if (open === 'return' && !opinion.trim()) return setError('退回须填写意见');
    const res = await run(
      () => actOnDocumentAction({ id: props.id, expectedStepKey: step.key, decision: open, opinion }),
      open === 'return' ? '已退回拟稿人' : step.isDraft ? '已提交' : `已办理「${step.name}」`,
      (fe) => setError(fe.opinion),
    );
    if (res?.ok) {
      setOpen(null);
      setOpinion('');
    }
  };
  const approveLabel = step.isDraft ? '提交' : step.key === 'issue' ? '签发' : step.countersign ? '会签同意' : '通过';
  return (
    <>
      <Space>
        <Button theme="primary" data-testid="document-approve" onClick={() => setOpen('approve')}>
          {approveLabel}
        </Button>
        {!step.isDraft && (
          <Button theme="danger" variant="outline" data-testid="document-return" onClick={() => setOpen('return')}>
            退回
          </Button>
        )}
      </Space>
      {open && (
        <Dialog
          visible
          header={`${step.name}：${props.title}`}
          confirmBtn={{ content: open === 'return' ? '退回' : approveLabel, loading: busy, theme: open === 'return' ? 'danger' : 'primary' }}
          onConfirm={() => void confirm()}
          onClose={() => setOpen(null)}
          width={560}
        >
          <Form labelAlign="top">
            <LabeledField name="opinion" label={open === 'return' ? '退回意见' : '意见'} required={open === 'return'} error={error} hint={open === 'return' ? '退回后由拟稿人修改并重新提交' : '选填'}>
              <Textarea
                value={opinion}
                maxlength={1000}
                autosize={{ minRows: 3, maxRows: 8 }}
                onChange={(v) => {
                  setOpinion(String(v));
                  setError(undefined);
                }}
              />
            </LabeledField>
          </Form>
        </Dialog>
      )}
    </>
  );
}
