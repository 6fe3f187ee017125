'use client';
import { Button, Input } from 'tdesign-react';
import { SearchIcon } from 'tdesign-icons-react';

/** The 查询 / 重置 pair at the end of every list page's filter bar. */
export function ListSearchButtons(props: { onSearch: () => void; onReset: () => void }) {
  return (
    <>
      <Button icon={<SearchIcon />} onClick={props.onSearch}>
        查询
      </Button>
      <Button variant="outline" onClick={props.onReset}>
        重置
      </Button>
    </>
  );
}

/** The keyword box at the start of a list page's filter bar: Enter searches. */
export function ListKeywordInput(props: { value: string | undefined; placeholder: string; width?: number; onChange: (q: string) => void; onSearch: () => void }) {
  return (
    <Input
      style={{ width: props.width ?? 220 }}
      placeholder={props.placeholder}
      value={props.value ?? ''}
      maxlength={64}
      clearable
      onChange={(v) => props.onChange(String(v))}
      onEnter={props.onSearch}
    />
  );
}
