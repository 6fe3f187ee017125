'use client';
import { useState } from 'react';
import { Button, Popconfirm } from 'tdesign-react';
import { useRunAction } from '@/ui/use-run-action';
import { deleteSupplyPlanListingAction, deleteTitleCancellationAction, deleteWorkExemptionAction } from '../actions';
import { CancellationDialog, ExemptionDialog, ListingDialog } from './net-land-dialogs';

/*
 * The buttons of the 净地 conditions (server-rendered in NetLandCard): each opens its dialog or
 * deletes its record after a confirmation. These are the card's only islands.
 */

type Dialog =
  | { kind: 'exemption'; workTypes: readonly string[] }
  | { kind: 'cancellation'; certNo: string | null; minDate: string | null }
  | { kind: 'listing'; year: number; planDocNos: Record<number, string> };

export function NetLandDialogButton(props: { parcelId: string; label: string; dialog: Dialog }) {
  const [open, setOpen] = useState(false);
  const d = props.dialog;
  const close = () => setOpen(false);
  return (
    <>
      <Button size="small" variant="outline" onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      {open && d.kind === 'exemption' && <ExemptionDialog parcelId={props.parcelId} workTypes={d.workTypes} onClose={close} />}
      {open && d.kind === 'cancellation' && <CancellationDialog parcelId={props.parcelId} certNo={d.certNo} minDate={d.minDate} onClose={close} />}
      {open && d.kind === 'listing' && <ListingDialog parcelId={props.parcelId} year={d.year} planDocNos={d.planDocNos} onClose={close} />}
    </>
  );
}

const DELETE = { exemption: deleteWorkExemptionAction, cancellation: deleteTitleCancellationAction, listing: deleteSupplyPlanListingAction } as const;

/** 撤销 / 删除 a recorded exemption, certificate cancellation or supply-plan listing. */
export function NetLandDeleteButton(props: { kind: keyof typeof DELETE; id: string; label: string; confirm: string; done: string; theme: 'warning' | 'danger' }) {
  const { run } = useRunAction();
  const action = DELETE[props.kind];
  return (
    <Popconfirm content={props.confirm} theme={props.theme} onConfirm={() => run(() => action({ id: props.id }), props.done)}>
      <Button size="small" variant="text" theme="danger">
        {props.label}
      </Button>
    </Popconfirm>
  );
}
