'use client';
import { useState } from 'react';
import { Button } from 'tdesign-react';
import { AddIcon } from 'tdesign-icons-react';
import type { InspectionView } from '../queries';
import { InspectionDialog } from './inspection-dialog';

/** 登记巡查 (no inspection) or a row's 编辑: the inspection dialog is the island. */
export function InspectionButton(props: { parcelId: string; inspection: InspectionView | null; today: string }) {
  const [open, setOpen] = useState(false);
  const adding = props.inspection === null;
  return (
    <>
      {adding ? (
        <Button icon={<AddIcon />} onClick={() => setOpen(true)}>
          登记巡查
        </Button>
      ) : (
        <Button size="small" variant="text" theme="primary" onClick={() => setOpen(true)}>
          编辑
        </Button>
      )}
      {/* The row comes from the server again after each save, so the dialog shows it fresh (e.g. a photo just deleted). */}
      {open && <InspectionDialog parcelId={props.parcelId} inspection={props.inspection} today={props.today} onClose={() => setOpen(false)} />}
    </>
  );
}
