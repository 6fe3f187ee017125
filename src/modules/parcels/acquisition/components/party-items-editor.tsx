'use client';
import type { ReactNode } from 'react';
import { Button, Input, Select } from 'tdesign-react';
import { AddIcon, DeleteIcon } from 'tdesign-icons-react';
import { COMPENSATION_CATEGORIES } from '../../stages';
import { formatYuan, sumMoney } from '../fields';
import { parseMoney } from '../../rules';
import { ITEM_SUM_RULE } from '../validation';

export interface ItemDraft {
  key: number;
  category: string;
  amount: string;
  note: string;
}

let nextKey = 1;

const srOnly = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** A control with a label only screen readers (and tests) see: the row layout makes the column obvious. */
function Labelled({ text, children }: { text: string; children: ReactNode }) {
  return (
    <label style={{ display: 'block', minWidth: 0 }}>
      <span style={srOnly}>{text}</span>
      {children}
    </label>
  );
}
export const newItemKey = () => nextKey++;

/** The compensation items of one party: category, amount (元), note; with their running total. */
export function PartyItemsEditor(props: {
  items: ItemDraft[];
  errors: Record<string, string>;
  onChange: (items: ItemDraft[]) => void;
  onUseTotal: (total: string) => void;
}) {
  const { items } = props;
  const used = new Set(items.map((i) => i.category));
  const valid = items.every((i) => parseMoney(i.amount.replace(/[,，\s]/g, '')).ok);
  const total = valid ? sumMoney(items.map((i) => i.amount.replace(/[,，\s]/g, ''))) : null;
  const update = (key: number, patch: Partial<ItemDraft>) => props.onChange(items.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const add = () => {
    const category = COMPENSATION_CATEGORIES.find((c) => !used.has(c)) ?? '';
    props.onChange([...items, { key: newItemKey(), category, amount: '', note: '' }]);
  };

  return (
    <div data-testid="party-items">
      {items.length === 0 && <div className="lr-muted" style={{ marginBottom: 8 }}>未填写补偿明细（可只填写协议总额）。</div>}
      {items.map((item, index) => {
        const err = props.errors[`items.${index}.category`] || props.errors[`items.${index}.amount`] || props.errors[`items.${index}.note`];
        return (
          <div key={item.key} style={{ marginBottom: 8 }}>
            <div style={{ display: 'grid', gridTemplateColumns: '190px 150px 1fr 32px', gap: 8 }}>
              <Labelled text={`第 ${index + 1} 行补偿类别`}>
                <Select
                  value={item.category || undefined}
                  placeholder="补偿类别"
                  options={COMPENSATION_CATEGORIES.map((c) => ({ label: c, value: c, disabled: c !== item.category && used.has(c) }))}
                  onChange={(v) => update(item.key, { category: String(v ?? '') })}
                />
              </Labelled>
              <Labelled text={`第 ${index + 1} 行金额`}>
                <Input
                  value={item.amount}
                  placeholder="金额（元）"
                  onChange={(v) => update(item.key, { amount: String(v) })}
                  status={props.errors[`items.${index}.amount`] ? 'error' : undefined}
                />
              </Labelled>
              <Labelled text={`第 ${index + 1} 行说明`}>
                <Input value={item.note} placeholder="说明（选填）" maxlength={200} allowInputOverMax showLimitNumber onChange={(v) => update(item.key, { note: String(v) })} />
              </Labelled>
              <Button
                shape="square"
                variant="text"
                theme="danger"
                icon={<DeleteIcon />}
                aria-label={`删除第 ${index + 1} 行`}
                onClick={() => props.onChange(items.filter((i) => i.key !== item.key))}
              />
            </div>
            {err && <div style={{ color: 'var(--td-error-color)', fontSize: 12, marginTop: 2 }}>{err}</div>}
          </div>
        );
      })}
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Button size="small" variant="dashed" icon={<AddIcon />} onClick={add} disabled={items.length >= COMPENSATION_CATEGORIES.length}>
          添加明细
        </Button>
        {items.length > 0 && (
          <>
            <span>
              明细合计：<b>{total === null ? '（金额有误）' : `${formatYuan(total)} 元`}</b>
            </span>
            {total !== null && (
              <Button size="small" variant="text" theme="primary" onClick={() => props.onUseTotal(total)}>
                以明细合计作为协议金额
              </Button>
            )}
          </>
        )}
      </div>
      <div className="lr-muted" style={{ fontSize: 12, marginTop: 4 }}>
        {ITEM_SUM_RULE}
      </div>
    </div>
  );
}
