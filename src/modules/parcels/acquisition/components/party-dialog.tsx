'use client';
import { useState } from 'react';
import { Checkbox, Dialog, Form, Input, MessagePlugin, Radio } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { describeZodError } from '@/platform/validation';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { PARTY_TYPES } from '../../stages';
import { createPartyAction, updatePartyAction } from '../actions';
import { ID_NUMBER_HINT, ID_NUMBER_LABEL, PHONE_RULE, ZCreateParty, ZUpdateParty } from '../validation';
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
  amountPaid: string;
  items: ItemDraft[];
}

/**
 * Add (party = null) or edit a compensated household / entity with its items. Editing never
 * shows the stored ID number or phone: a blank field keeps them, a new value replaces them.
 */
export function PartyDialog(props: { parcelId: string; party: PartyView | null; onClose: () => void }) {
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
    amountPaid: party?.amountPaid ?? '0',
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
      amountPaid: v.amountPaid,
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
            <Input value={v.name} maxlength={100} onChange={(val) => set('name', String(val))} />
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
            <Input value={v.agreementNo} maxlength={64} onChange={(val) => set('agreementNo', String(val))} />
          </LabeledField>
          <LabeledField name="agreementSignedOn" label="协议签订日期" error={errors.agreementSignedOn} hint="未签订请留空">
            <DateField value={v.agreementSignedOn} onChange={(val) => set('agreementSignedOn', val)} notFuture />
          </LabeledField>
          <LabeledField name="amountAgreed" label="协议金额（元）" required error={errors.amountAgreed}>
            <Input value={v.amountAgreed} placeholder="例如 150000.00" onChange={(val) => set('amountAgreed', String(val))} />
          </LabeledField>
          <LabeledField
            name="amountPaid"
            label="已支付金额（元）"
            required
            error={errors.amountPaid}
            hint="不能超过协议金额，只能增加；新增的支付自动登记为资金管理的征收补偿支出（待审批）"
          >
            <Input value={v.amountPaid} placeholder="例如 100000.00" onChange={(val) => set('amountPaid', String(val))} />
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
