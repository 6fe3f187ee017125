'use client';
import { useState } from 'react';
import { Button, Popconfirm } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import { useRunAction } from '@/ui/use-run-action';
import { deleteWorkPackageAction } from '../actions';
import type { WorkPackageView } from '../queries';
import { WorkPackageDialog } from './work-package-dialog';

/** 新增工作包: the work package dialog is the island. */
export function AddWorkPackageButton(props: { parcelId: string; today: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<AddIcon />} onClick={() => setOpen(true)}>
        新增工作包
      </Button>
      {open && <WorkPackageDialog parcelId={props.parcelId} pkg={null} today={props.today} onClose={() => setOpen(false)} />}
    </>
  );
}

/** A work package row's 验收 / 编辑 / 删除 (删除 only before the parcel is 可供应). */
export function WorkPackageActions(props: { parcelId: string; pkg: WorkPackageView; ready: boolean; today: string }) {
  const { pkg } = props;
  const [open, setOpen] = useState<{ accept: boolean } | null>(null);
  const { run } = useRunAction();
  return (
    <>
      {!pkg.acceptedOn && (
        <Button size="small" variant="text" theme="primary" onClick={() => setOpen({ accept: true })}>
          验收
        </Button>
      )}
      <Button size="small" variant="text" theme="primary" onClick={() => setOpen({ accept: false })}>
        编辑
      </Button>
      {!props.ready && (
        <Popconfirm content={`删除${pkg.workType}工作包？`} theme="danger" onConfirm={() => run(() => deleteWorkPackageAction({ id: pkg.id }), `已删除${pkg.workType}工作包`)}>
          <Button size="small" variant="text" theme="danger">
            删除
          </Button>
        </Popconfirm>
      )}
      {open && <WorkPackageDialog parcelId={props.parcelId} pkg={pkg} accept={open.accept || undefined} today={props.today} onClose={() => setOpen(null)} />}
    </>
  );
}
