'use client';
import { useState } from 'react';
import { Alert, Button, Form, Input, MessagePlugin, Select } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { describeZodError } from '@/platform/validation';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { CUSTODY_MODES } from '../../stages';
import { tempUseTermProblem } from '../../rules';
import { updateCustodyAction } from '../actions';
import { TEMP_USE_MODE, ZCustody } from '../validation';
import type { CustodyParcel } from '../queries';

interface Values {
  custodyMode: string;
  custodian: string;
  tempUseStart: string;
  tempUseEnd: string;
}

/**
 * 管护方式 / 管护单位 / 临时利用期限. The form carries the parcel version it was opened with,
 * so a change made meanwhile by someone else is refused rather than overwritten.
 */
export function CustodyForm(props: { parcel: CustodyParcel; tempUseLimitDays: number; editable: boolean }) {
  const { parcel } = props;
  const [v, setV] = useState<Values>({
    custodyMode: parcel.custodyMode ?? '',
    custodian: parcel.custodian ?? '',
    tempUseStart: parcel.tempUseStart ?? '',
    tempUseEnd: parcel.tempUseEnd ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const tempUse = v.custodyMode === TEMP_USE_MODE;
  // End before start is a form error (shown on saving), not a warning.
  const termOrdered = !!v.tempUseStart && !!v.tempUseEnd && v.tempUseEnd >= v.tempUseStart;
  const liveWarning = tempUse && termOrdered ? tempUseTermProblem(v.tempUseStart, v.tempUseEnd, props.tempUseLimitDays) : null;

  const submit = async () => {
    const input = {
      parcelId: parcel.id,
      version: parcel.version,
      custodyMode: v.custodyMode,
      custodian: v.custodian,
      tempUseStart: tempUse ? v.tempUseStart : '',
      tempUseEnd: tempUse ? v.tempUseEnd : '',
    };
    const parsed = ZCustody.safeParse(input);
    if (!parsed.success) {
      const described = describeZodError(parsed.error);
      setErrors(described.fieldErrors);
      void MessagePlugin.error(described.message);
      return;
    }
    const res = await run(() => updateCustodyAction(input), '已保存管护信息', setErrors);
    if (res?.ok && res.data.warning) void MessagePlugin.warning({ content: `已保存，但请注意：${res.data.warning}`, duration: 8000 });
  };

  return (
    <Form labelAlign="top" preventSubmitDefault disabled={!props.editable}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 16 }}>
        <LabeledField name="custodyMode" label="管护方式" required error={errors.custodyMode}>
          <Select value={v.custodyMode || undefined} placeholder="请选择" options={CUSTODY_MODES.map((m) => ({ label: m, value: m }))} onChange={(val) => set('custodyMode', String(val ?? ''))} />
        </LabeledField>
        <LabeledField name="custodian" label="管护单位或责任人" required error={errors.custodian}>
          <Input value={v.custodian} maxlength={100} allowInputOverMax showLimitNumber onChange={(val) => set('custodian', String(val))} />
        </LabeledField>
        {tempUse && (
          <>
            <LabeledField name="tempUseStart" label="临时利用开始日期" required error={errors.tempUseStart}>
              <DateField value={v.tempUseStart} onChange={(val) => set('tempUseStart', val)} />
            </LabeledField>
            <LabeledField name="tempUseEnd" label="临时利用结束日期" required error={errors.tempUseEnd} hint={`规定期限 ${props.tempUseLimitDays} 天`}>
              <DateField value={v.tempUseEnd} onChange={(val) => set('tempUseEnd', val)} min={v.tempUseStart || null} />
            </LabeledField>
          </>
        )}
      </div>
      {liveWarning && <Alert theme="warning" message={`${liveWarning}。超期仍可保存，保存时将记入审计日志。`} style={{ marginBottom: 12 }} data-testid="temp-use-warning" />}
      {props.editable && (
        <Button theme="primary" loading={busy} onClick={submit}>
          保存管护信息
        </Button>
      )}
    </Form>
  );
}
