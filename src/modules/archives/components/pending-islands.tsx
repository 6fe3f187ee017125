'use client';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { Button, Checkbox, Dialog, Form, MessagePlugin, Select, Textarea } from 'tdesign-react';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { acceptPendingAction, returnPendingAction } from '../actions';
import { RETENTIONS, SECRECY_LEVELS } from '../constants';
import { RETURN_REASON_MAX, RETURN_REASON_MIN } from '../collect-rules';

/** What the dialogs need of a 待归档 row (the page's rows, serialisable). */
export interface PendingChoice {
  id: string;
  version: number;
  title: string;
  owner: string;
  sourceType: string;
  retention: string;
  secrecy: string;
}

interface Selection {
  rows: PendingChoice[];
  selected: Set<string>;
  toggle(id: string, on: boolean): void;
  setAll(on: boolean): void;
}

const SelectionContext = createContext<Selection | null>(null);

/** Holds the rows ticked on this page of the 待归档 list (the table itself is server-rendered). */
export function PendingSelection(props: { rows: PendingChoice[]; children: ReactNode }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string, on: boolean) =>
    setSelected((cur) => {
      const next = new Set(cur);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const setAll = (on: boolean) => setSelected(on ? new Set(props.rows.map((r) => r.id)) : new Set());
  // Rows gone after a refresh (accepted, returned by someone else) leave the selection.
  const live = new Set([...selected].filter((id) => props.rows.some((r) => r.id === id)));
  return <SelectionContext.Provider value={{ rows: props.rows, selected: live, toggle, setAll }}>{props.children}</SelectionContext.Provider>;
}

function useSelection(): Selection {
  const s = useContext(SelectionContext);
  if (!s) throw new Error('PendingSelection missing');
  return s;
}

export function PendingCheck(props: { id: string; title: string }) {
  const s = useSelection();
  return (
    <span data-testid="pending-check">
      <Checkbox checked={s.selected.has(props.id)} onChange={(on) => s.toggle(props.id, Boolean(on))} aria-label={`选择「${props.title}」`} />
    </span>
  );
}

export function PendingCheckAll() {
  const s = useSelection();
  const all = s.rows.length > 0 && s.selected.size === s.rows.length;
  return (
    <Checkbox checked={all} indeterminate={!all && s.selected.size > 0} disabled={!s.rows.length} onChange={(on) => s.setAll(Boolean(on))} data-testid="pending-check-all">
      全选本页
    </Checkbox>
  );
}

/** 接收归档: the ticked records, each with its retention and secrecy (as proposed, changeable); the 档号 are drawn on saving. */
export function AcceptBatchButton() {
  const s = useSelection();
  const { run, busy } = useRunAction();
  const [open, setOpen] = useState(false);
  const [choices, setChoices] = useState<Record<string, { retention: string; secrecy: string }>>({});
  const [done, setDone] = useState<{ archiveNo: string; title: string }[] | null>(null);
  const picked = s.rows.filter((r) => s.selected.has(r.id));
  const begin = () => {
    if (!picked.length) {
      void MessagePlugin.warning('请先勾选要接收归档的记录');
      return;
    }
    setChoices(Object.fromEntries(picked.map((r) => [r.id, { retention: r.retention, secrecy: r.secrecy }])));
    setOpen(true);
  };
  const save = async () => {
    const items = picked.map((r) => ({ id: r.id, version: r.version, ...(choices[r.id] ?? {}) }));
    const res = await run(
      () => acceptPendingAction({ items }),
      (d) => `已接收归档 ${d.accepted.length} 件，档号：${d.accepted.map((a) => a.archiveNo).join('、')}`,
    );
    if (res?.ok) {
      setOpen(false);
      s.setAll(false);
      setDone(res.data.accepted.map((a) => ({ archiveNo: a.archiveNo, title: a.title })));
    }
  };
  return (
    <>
      <Button theme="primary" onClick={begin} data-testid="accept-pending">
        接收归档{picked.length ? `（${picked.length}）` : ''}
      </Button>
      <Dialog header="接收归档" width={760} visible={open} onClose={() => setOpen(false)} confirmBtn={{ content: '接收归档', loading: busy }} onConfirm={() => void save()}>
        <p className="lr-muted" style={{ marginTop: 0 }}>
          以下 {picked.length} 条记录将作为档案条目进入各自的地块或项目档案，保存后按形成日期顺序依次编排档号。保管期限和密级可在此调整。
        </p>
        <Form labelAlign="top" preventSubmitDefault onSubmit={() => void save()}>
          {picked.map((r) => (
            <div key={r.id} className="lr-toolbar" style={{ alignItems: 'flex-end', marginBottom: 12 }} data-testid="accept-row">
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={r.title}>
                  {r.title}
                </div>
                <div className="lr-muted">
                  {r.sourceType} · {r.owner}
                </div>
              </div>
              <div>
                <LabeledField name={`retention-${r.id}`} label="保管期限">
                  <Select
                    style={{ width: 110 }}
                    value={choices[r.id]?.retention}
                    options={RETENTIONS.map((v) => ({ label: v, value: v }))}
                    onChange={(v) => setChoices((c) => ({ ...c, [r.id]: { ...c[r.id], retention: String(v) } }))}
                  />
                </LabeledField>
              </div>
              <div>
                <LabeledField name={`secrecy-${r.id}`} label="密级">
                  <Select
                    style={{ width: 96 }}
                    value={choices[r.id]?.secrecy}
                    options={SECRECY_LEVELS.map((v) => ({ label: v, value: v }))}
                    onChange={(v) => setChoices((c) => ({ ...c, [r.id]: { ...c[r.id], secrecy: String(v) } }))}
                  />
                </LabeledField>
              </div>
            </div>
          ))}
        </Form>
      </Dialog>
      <Dialog header="已接收归档" width={640} visible={done !== null} onClose={() => setDone(null)} cancelBtn={null} confirmBtn="知道了" onConfirm={() => setDone(null)}>
        <div data-testid="accepted-numbers">
          {(done ?? []).map((d) => (
            <div key={d.archiveNo} style={{ display: 'flex', gap: 12, padding: '4px 0' }}>
              <span className="lr-code" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {d.archiveNo}
              </span>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{d.title}</span>
            </div>
          ))}
        </div>
      </Dialog>
    </>
  );
}

/** 退回 one record, with the reason its source will see. */
export function ReturnPendingButton(props: { id: string; version: number; title: string }) {
  const { run, busy } = useRunAction();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const save = async () => {
    const t = reason.trim();
    if (t.length < RETURN_REASON_MIN) {
      setError(t ? `退回原因至少需要 ${RETURN_REASON_MIN} 个字符` : '请填写退回原因');
      return;
    }
    const res = await run(() => returnPendingAction({ id: props.id, version: props.version, reason: t }), `已退回「${props.title}」`, (e) => setError(e.reason ?? ''));
    if (res?.ok) {
      setOpen(false);
      setReason('');
    }
  };
  return (
    <>
      <Button size="small" variant="text" theme="danger" onClick={() => setOpen(true)} data-testid="return-pending">
        退回
      </Button>
      <Dialog header={`退回「${props.title}」`} visible={open} onClose={() => setOpen(false)} confirmBtn={{ content: '退回', theme: 'danger', loading: busy }} onConfirm={() => void save()}>
        <LabeledField name="reason" label="退回原因" required error={error} hint={`${RETURN_REASON_MIN}–${RETURN_REASON_MAX} 个字，如 缺少签字页、文件不清晰`}>
          <Textarea value={reason} maxlength={RETURN_REASON_MAX} onChange={(v) => setReason(String(v))} />
        </LabeledField>
      </Dialog>
    </>
  );
}
