'use client';
import { Button } from 'tdesign-react';
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
