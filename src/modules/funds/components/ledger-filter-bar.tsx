'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Checkbox, Input, Select } from 'tdesign-react';
import { listHref, type QueryState } from '@/ui/kit/query';
import { ENTRY_STATUSES, INCOME_CATEGORIES, LEDGER_CATEGORIES, type TEntryStatus } from '../rules';
import { DIRECTION_LABELS, DIRECTIONS, type TDirection } from '../ledger/validation';

export interface LedgerFilterValues {
  q?: string;
  direction?: TDirection;
  status?: TEntryStatus;
  category?: string;
  project?: string;
  year?: number;
  month?: number;
  mine?: '1';
}

/**
 * The ledger's filter island: the kit's bar cannot say that the 科目 follow the 方向, that a month
 * needs a year, or 「待我处理」. 查询 moves to the URL of the chosen filters (order and page size
 * kept, page 1); 重置 clears them.
 */
export function LedgerFilterBar(props: { values: LedgerFilterValues; keep: QueryState; projects: { value: string; label: string }[]; years: number[] }) {
  const router = useRouter();
  const [draft, setDraft] = useState<LedgerFilterValues>(props.values);
  const search = () => router.push(listHref('/funds/ledger', { ...props.keep, ...draft, page: 1 }));
  const reset = () => {
    setDraft({});
    router.push(listHref('/funds/ledger', { size: props.keep.size }));
  };
  const categories = draft.direction === 'income' ? INCOME_CATEGORIES : draft.direction === 'expense' ? LEDGER_CATEGORIES : [...LEDGER_CATEGORIES, ...INCOME_CATEGORIES];
  return (
    <>
      <Input
        style={{ width: 240 }}
        placeholder="编号、收付款单位、摘要或凭证号"
        value={draft.q ?? ''}
        maxlength={64}
        clearable
        onChange={(v) => setDraft({ ...draft, q: String(v) || undefined })}
        onEnter={search}
      />
      <Select
        style={{ width: 96 }}
        placeholder="方向"
        value={draft.direction}
        clearable
        options={DIRECTIONS.map((d) => ({ label: DIRECTION_LABELS[d], value: d }))}
        onChange={(v) => setDraft({ ...draft, direction: (v as TDirection) || undefined, category: undefined })}
      />
      <Select
        style={{ width: 170 }}
        placeholder="科目"
        value={draft.category}
        clearable
        options={categories.map((c) => ({ label: c, value: c }))}
        onChange={(v) => setDraft({ ...draft, category: (v as string) || undefined })}
      />
      <Select
        style={{ width: 130 }}
        placeholder="状态"
        value={draft.status}
        clearable
        options={(Object.keys(ENTRY_STATUSES) as TEntryStatus[]).map((s) => ({ label: ENTRY_STATUSES[s], value: s }))}
        onChange={(v) => setDraft({ ...draft, status: (v as TEntryStatus) || undefined })}
      />
      <Select
        style={{ width: 220 }}
        placeholder="项目"
        value={draft.project}
        clearable
        filterable
        options={props.projects}
        onChange={(v) => setDraft({ ...draft, project: (v as string) || undefined })}
      />
      <Select
        style={{ width: 116 }}
        placeholder="年度"
        value={draft.year}
        clearable
        options={props.years.map((y) => ({ label: `${y} 年`, value: y }))}
        onChange={(v) => setDraft({ ...draft, year: typeof v === 'number' ? v : undefined, month: typeof v === 'number' ? draft.month : undefined })}
      />
      <Select
        style={{ width: 100 }}
        placeholder="月份"
        value={draft.month}
        clearable
        disabled={!draft.year}
        options={Array.from({ length: 12 }, (_, i) => ({ label: `${i + 1} 月`, value: i + 1 }))}
        onChange={(v) => setDraft({ ...draft, month: typeof v === 'number' ? v : undefined })}
      />
      <Checkbox checked={draft.mine === '1'} onChange={(checked) => setDraft({ ...draft, mine: checked ? '1' : undefined })}>
        待我处理
      </Checkbox>
      <Button onClick={search}>查询</Button>
      <Button variant="outline" onClick={reset}>
        重置
      </Button>
    </>
  );
}
