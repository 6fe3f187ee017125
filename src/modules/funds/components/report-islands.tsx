'use client';
import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Select } from 'tdesign-react';
import { todayInShanghai } from '@/ui/format';
import { listHref } from '@/ui/kit/query';

/** The report's project choice (全部项目 when cleared), keeping the year. */
export function ReportProjectSelect(props: { year: number; projectId: string | null; projects: { id: string; code: string; name: string }[] }) {
  const router = useRouter();
  return (
    <Select
      style={{ width: 320 }}
      placeholder="全部项目"
      value={props.projectId ?? undefined}
      clearable
      filterable
      options={props.projects.map((p) => ({ label: `${p.code} ${p.name}`, value: p.id }))}
      onChange={(value) => router.push(listHref('/funds/report', { year: props.year, projectId: typeof value === 'string' && value ? value : undefined }))}
    />
  );
}

export function PrintButton() {
  return (
    <Button theme="primary" onClick={() => window.print()}>
      打印
    </Button>
  );
}

/** The print date: the day the page is printed, not the day it was loaded. */
export function PrintedOn(props: { initial: string }) {
  const [day, setDay] = useState(props.initial);
  useEffect(() => {
    const update = () => setDay(todayInShanghai());
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, []);
  return <>{day}</>;
}
