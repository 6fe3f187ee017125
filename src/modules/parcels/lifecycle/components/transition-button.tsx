'use client';
import { useState } from 'react';
import { Button } from 'tdesign-react';
import type { TSupplyContext } from '../../rules';
import { TransitionDialog, type TransitionStep } from './transition-dialog';

/** 办理 on a next-step card: the transition dialog is the island. */
export function TransitionButton(props: {
  parcelId: string;
  version: number;
  step: TransitionStep;
  today: string;
  lastEventDate: string | null;
  supplyContext: TSupplyContext | null;
}) {
  const [open, setOpen] = useState(false);
  const advance = props.step.kind === 'advance';
  return (
    <>
      <Button size="small" theme={advance ? 'primary' : 'danger'} variant={advance ? 'base' : 'outline'} onClick={() => setOpen(true)}>
        办理
      </Button>
      {open && (
        <TransitionDialog
          parcelId={props.parcelId}
          version={props.version}
          step={props.step}
          today={props.today}
          lastEventDate={props.lastEventDate}
          supplyContext={props.supplyContext}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
