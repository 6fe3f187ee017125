'use client';
import { useState } from 'react';
import { Checkbox, Dialog, Form, Input, MessagePlugin, Radio } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { describeZodError } from '@/platform/validation';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { PARTY_TYPES } from '../../stages';
import { createPartyAction, updatePartyAction } from '../actions';
import { ID_NUMBER_HINT, ID_NUMBER_LABEL, paymentOverAgreed, PHONE_RULE, ZCreateParty, ZUpdateParty } from '../validation';
import { formatYuan } from '../fields';
import { Money } from '../../rules';
import type { PartyView } from '../queries';
import { newItemKey, PartyItemsEditor, type ItemDraft } from './party-items-editor';

const { FormItem } = Form;

type TPartyType = (typeof PARTY_TYPES)[number];

interface Values {
  partyType: TPartyType;
  name: string;
  idNumber: string;
  phone: string;
  clearPhone: boolean;
  agreementNo: string;
  agreementSignedOn: string;
  amountAgreed: string;
  newPayment: string;
  paymentDate: string;
  items: ItemDraft[];
}

/**
 * Add (party = null) or edit a compensated household / entity with its items. Editing never
 * shows the stored ID number or phone: a blank field keeps them, a new value replaces them.
 */
export function PartyDialog(props: { parcelId: string; party: PartyView | null; today: string; onClose: () => void }) {
  const { party } = props;
  const editing = !!party;
  const [v, setV] = useState<Values>({
    partyType: party?.partyType ?? '个人',
    name: party?.name ?? '',
    idNumber: '',
    phone: '',
    clearPhone: false,
    agreementNo: party?.agreementNo ?? '',
    agreementSignedOn: party?.agreementSignedOn ?? '',
    amountAgreed: party?.amountAgreed ?? '',
    newPayment: '',
    paymentDate: props.today,
    items: party?.items.map((i) => ({ key: newItemKey(), category: i.category, amount: i.amount, note: i.note ?? '' })) ?? [],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };

  const submit = async () => {
    const common = {
      partyType: v.partyType,
      name: v.name,
      idNumber: v.idNumber,
      phone: v.phone,
      agreementNo: v.agreementNo,
      agreementSignedOn: v.agreementSignedOn,
      amountAgreed: v.amountAgreed,
      newPayment: v.newPayment,
      paymentDate: v.newPayment.trim() ? v.paymentDate : '',
      items: v.items.map((i) => ({ category: i.category, amount: i.amount, note: i.note })),
    };
    const input = editing ? { ...common, id: party.id, clearPhone: v.clearPhone } : { ...common, parcelId: props.parcelId };
    const parsed = editing ? ZUpdateParty.safeParse(input) : ZCreateParty.safeParse(input);
    if (!parsed.success) {
      const described = describeZodError(parsed.error);
      setErrors(described.fieldErrors);
      void MessagePlugin.error(described.message);
      return;
    }
    // The payments registered before bound this one too (the server checks again).
    if (editing && new Money(party.amountPaid).plus(parsed.data.newPayment).greaterThan(parsed.data.amountAgreed)) {
      const message = paymentOverAgreed(party.amountPaid, parsed.data.newPayment, parsed.data.amountAgreed);
      setErrors({ newPayment: message });
      void MessagePlugin.error(message);
      return;
    }
    const res = await run(
      () => (editing ? updatePartyAction(input) : createPartyAction(input)),
      editing ? `已保存补偿对象「${v.name.trim()}」` : `已新增补偿对象「${v.name.trim()}」`,
      setErrors,
    );
    if (res?.ok) {
      if (res.data.entryNo) void MessagePlugin.info(`本次支付已登记为资金支付记录 ${res.data.entryNo}，待科室审核和财务审批`);
      props.onClose();
    }
  };

  const idLabel = ID_NUMBER_LABEL[v.partyType];
  const keepHint = (masked: string | null) => (masked ? `不修改请留空（当前：${masked}）` : '');

  return (
    <Dialog
      visible
      header={editing ? `编辑补偿对象：${party.name}` : '新增补偿对象'}
      width={720}
      confirmBtn={{ content: '保存', loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
    >
      <Form labelAlign="top" preventSubmitDefault>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <FormItem label="对象类型" requiredMark status={errors.partyType ? 'error' : undefined} tips={errors.partyType}>
            <>
              <Radio.Group value={v.partyType} onChange={(val) => set('partyType', val as TPartyType)}>
                {PARTY_TYPES.map((t) => (
                  <Radio key={t} value={t}>
                    {t === '个人' ? '个人（户）' : '单位'}
                  </Radio>
                ))}
              </Radio.Group>
            </>
          </FormItem>
          <LabeledField name="name" label={v.partyType === '个人' ? '姓名' : '单位名称'} required error={errors.name}>
            <Input value={v.name} maxlength={100} allowInputOverMax showLimitNumber onChange={(val) => set('name', String(val))} />
          </LabeledField>
          <LabeledField
            name="idNumber"
            label={idLabel}
            required={!editing}
            error={errors.idNumber}
            hint={editing ? keepHint(party.idNumberMasked) || ID_NUMBER_HINT[v.partyType] : ID_NUMBER_HINT[v.partyType]}
          >
            <Input value={v.idNumber} maxlength={32} autocomplete="off" onChange={(val) => set('idNumber', String(val))} />
          </LabeledField>
          <LabeledField name="phone" label="联系电话" error={errors.phone} hint={editing ? keepHint(party.phoneMasked) || PHONE_RULE : PHONE_RULE}>
            <Input value={v.phone} maxlength={32} autocomplete="off" disabled={v.clearPhone} onChange={(val) => set('phone', String(val))} />
          </LabeledField>
          {editing && party.phoneMasked && (
            <Checkbox checked={v.clearPhone} onChange={(c) => set('clearPhone', c)} style={{ gridColumn: '2', marginTop: -12, marginBottom: 12 }}>
              清除联系电话
            </Checkbox>
          )}
          <LabeledField name="agreementNo" label="补偿协议编号" error={errors.agreementNo}>
            <Input value={v.agreementNo} maxlength={64} allowInputOverMax showLimitNumber onChange={(val) => set('agreementNo', String(val))} />
          </LabeledField>
          <LabeledField name="agreementSignedOn" label="协议签订日期" error={errors.agreementSignedOn} hint="未签订请留空">
            <DateField value={v.agreementSignedOn} onChange={(val) => set('agreementSignedOn', val)} notFuture />
          </LabeledField>
          <LabeledField name="amountAgreed" label="协议金额（元）" required error={errors.amountAgreed}>
            <Input value={v.amountAgreed} placeholder="例如 150000.00" onChange={(val) => set('amountAgreed', String(val))} />
          </LabeledField>
          {editing && (
            <div style={{ gridColumn: '1 / -1', marginBottom: 16 }} data-testid="party-paid">
              <div className="lr-field__label">已登记的支付</div>
              <div>
                已支付（财务已审批）<b>{formatYuan(party.paidApproved)}</b> 元
                {party.pendingPayments.length > 0 && (
                  <span style={{ marginLeft: 16 }}>
                    审批中 <b>{formatYuan(party.pendingTotal)}</b> 元（
                    {party.pendingPayments.map((p) => `${p.entryNo} ${p.statusLabel}`).join('；')}）
                  </span>
                )}
              </div>
              <div className="lr-muted" style={{ fontSize: 12 }}>
                只有经财务审批的支付计为已支付；入库前须全部审批通过。更正已登记的支付，请在资金管理中退回、删除或冲销对应记录。
              </div>
            </div>
          )}
          <LabeledField
            name="newPayment"
            label="本次支付金额（元）"
            error={errors.newPayment}
            hint="选填。登记后自动生成资金管理的征收补偿支出，经科室审核、财务审批后计为已支付"
          >
            <Input value={v.newPayment} placeholder="例如 100000.00" onChange={(val) => set('newPayment', String(val))} />
          </LabeledField>
          <LabeledField name="paymentDate" label="支付日期" error={errors.paymentDate} hint="本次支付的实际日期">
            <DateField value={v.paymentDate} onChange={(val) => set('paymentDate', val)} clearable={false} min={v.agreementSignedOn || null} notFuture disabled={!v.newPayment.trim()} />
          </LabeledField>
        </div>
        <FormItem label="补偿明细" status={errors.items ? 'error' : undefined} tips={errors.items}>
          <>
            <PartyItemsEditor
              items={v.items}
              errors={errors}
              onChange={(items) => set('items', items)}
              onUseTotal={(total) => set('amountAgreed', total)}
            />
          </>
        </FormItem>
      </Form>
    </Dialog>
  );
}
