'use client';
import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, MessagePlugin, Select } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { describeZodError } from '@/platform/validation';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { CUSTODY_MODES } from '../../stages';
import { isIsoDate, monthsText, tempUseLatestEnd, tempUseTermProblem } from '../../rules';
import { updateCustodyAction } from '../actions';
import { TEMP_USE_MODE, ZCustody } from '../validation';
import type { CustodyParcel } from '../queries';

interface Values {
  custodyMode: string;
  custodian: string;
  tempUseConsentNo: string;
  tempUsePurpose: string;
  tempUseStart: string;
  tempUseEnd: string;
  tempUseNoPermanent: boolean;
  tempUseEndedOn: string;
}

const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 16 } as const;

/**
 * 管护方式 / 管护单位 / 临时利用 (consent, use, term, no permanent structures, actual end). The
 * form carries the parcel version it was opened with, so a change made meanwhile by someone else
 * is refused rather than overwritten. Leaving 临时利用 for another mode asks for the day the
 * temporary use actually ended; the record stays on the parcel.
 */
export function CustodyForm(props: { parcel: CustodyParcel; tempUseLimitMonths: number; tempUseLimitSource: string; editable: boolean }) {
  const { parcel } = props;
  const [v, setV] = useState<Values>({
    custodyMode: parcel.custodyMode ?? '',
    custodian: parcel.custodian ?? '',
    tempUseConsentNo: parcel.tempUseConsentNo ?? '',
    tempUsePurpose: parcel.tempUsePurpose ?? '',
    tempUseStart: parcel.tempUseStart ?? '',
    tempUseEnd: parcel.tempUseEnd ?? '',
    tempUseNoPermanent: parcel.tempUseNoPermanent ?? false,
    tempUseEndedOn: parcel.tempUseEndedOn ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { run, busy } = useRunAction();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const current = v.custodyMode === TEMP_USE_MODE;
  // A temporary use on record (running, or ended and kept) shows its section in any mode.
  const hadRecord = !!parcel.tempUseStart;
  const showSection = current || hadRecord;
  const ending = !current && hadRecord;
  const termOrdered = !!v.tempUseStart && !!v.tempUseEnd && v.tempUseEnd >= v.tempUseStart;
  const liveWarning = current && termOrdered ? tempUseTermProblem(v.tempUseStart, v.tempUseEnd, props.tempUseLimitMonths, props.tempUseLimitSource) : null;
  const limit = monthsText(props.tempUseLimitMonths);
  const latest = isIsoDate(v.tempUseStart) ? tempUseLatestEnd(v.tempUseStart, props.tempUseLimitMonths) : null;

  const clearRecord = () =>
    setV((old) => ({ ...old, tempUseConsentNo: '', tempUsePurpose: '', tempUseStart: '', tempUseEnd: '', tempUseNoPermanent: false, tempUseEndedOn: '' }));

  const submit = async () => {
    const keep = showSection;
    const input = {
      parcelId: parcel.id,
      version: parcel.version,
      custodyMode: v.custodyMode,
      custodian: v.custodian,
      tempUseConsentNo: keep ? v.tempUseConsentNo : '',
      tempUsePurpose: keep ? v.tempUsePurpose : '',
      tempUseStart: keep ? v.tempUseStart : '',
      tempUseEnd: keep ? v.tempUseEnd : '',
      tempUseNoPermanent: keep ? v.tempUseNoPermanent : false,
      tempUseEndedOn: keep && !current ? v.tempUseEndedOn : '',
    };
    const parsed = ZCustody.safeParse(input);
    if (!parsed.success) {
      const described = describeZodError(parsed.error);
      setErrors(described.fieldErrors);
      void MessagePlugin.error(described.message);
      return;
    }
    const res = await run(() => updateCustodyAction(input), '已保存管护信息', setErrors);
    if (res?.ok && res.data.warning) void MessagePlugin.warning({ content: `已保存，但请注意：${res.data.warning.message}`, duration: 8000 });
  };

  return (
    <Form labelAlign="top" preventSubmitDefault disabled={!props.editable}>
      <div style={grid}>
        <LabeledField name="custodyMode" label="管护方式" required error={errors.custodyMode}>
          <Select value={v.custodyMode || undefined} placeholder="请选择" options={CUSTODY_MODES.map((m) => ({ label: m, value: m }))} onChange={(val) => set('custodyMode', String(val ?? ''))} />
        </LabeledField>
        <LabeledField name="custodian" label={current ? '临时使用单位或个人' : '管护单位或责任人'} required error={errors.custodian}>
          <Input value={v.custodian} maxlength={100} allowInputOverMax showLimitNumber onChange={(val) => set('custodian', String(val))} />
        </LabeledField>
      </div>
      {showSection && (
        <>
          <div className="lr-muted" style={{ margin: '4px 0 8px' }}>
            {current ? '临时利用（报国土资源主管部门同意；不得修建永久性建筑物，不能影响土地供应）' : '临时利用记录（改为其他管护方式即结束临时利用，须填写实际结束日期）'}
          </div>
          <div style={grid}>
            <LabeledField name="tempUseConsentNo" label="主管部门同意文号" required error={errors.tempUseConsentNo}>
              <Input value={v.tempUseConsentNo} maxlength={64} allowInputOverMax placeholder="如 益资规函〔2025〕12号" onChange={(val) => set('tempUseConsentNo', String(val))} />
            </LabeledField>
            <LabeledField name="tempUsePurpose" label="临时利用用途" required error={errors.tempUsePurpose}>
              <Input value={v.tempUsePurpose} maxlength={100} allowInputOverMax showLimitNumber placeholder="如 临时停车场" onChange={(val) => set('tempUsePurpose', String(val))} />
            </LabeledField>
            <LabeledField name="tempUseStart" label="临时利用开始日期" required error={errors.tempUseStart}>
              <DateField value={v.tempUseStart} onChange={(val) => set('tempUseStart', val)} />
            </LabeledField>
            <LabeledField
              name="tempUseEnd"
              label="约定结束日期"
              required
              error={errors.tempUseEnd}
              hint={latest ? `期限一般不超过 ${limit}：最迟至 ${latest}` : `期限一般不超过 ${limit}（按日历计算）`}
            >
              <DateField value={v.tempUseEnd} onChange={(val) => set('tempUseEnd', val)} min={v.tempUseStart || null} />
            </LabeledField>
            {ending && (
              <LabeledField name="tempUseEndedOn" label="实际结束日期（收回日期）" required error={errors.tempUseEndedOn}>
                <DateField value={v.tempUseEndedOn} onChange={(val) => set('tempUseEndedOn', val)} min={v.tempUseStart || null} notFuture />
              </LabeledField>
            )}
          </div>
          {/* Not in a LabeledField: its <label> around TDesign's own checkbox label would toggle twice. */}
          <div style={{ marginBottom: 16 }}>
            <Checkbox checked={v.tempUseNoPermanent} onChange={(checked) => set('tempUseNoPermanent', !!checked)}>
              已约定不修建永久性建筑物<span style={{ color: 'var(--td-error-color)', marginLeft: 4 }}>*</span>
            </Checkbox>
            {errors.tempUseNoPermanent && <div style={{ color: 'var(--td-error-color)', fontSize: 12, marginTop: 4 }}>{errors.tempUseNoPermanent}</div>}
          </div>
          {ending && props.editable && (
            <div style={{ marginBottom: 12 }}>
              <Button size="small" variant="text" theme="danger" onClick={clearRecord}>
                误录？清空临时利用信息
              </Button>
            </div>
          )}
        </>
      )}
      {liveWarning && (
        <Alert
          theme="warning"
          message={
            <>
              {liveWarning.message}。超期仍可保存，保存时将记入审计日志。
              <div className="lr-muted" style={{ fontSize: 12 }}>
                依据：{liveWarning.rule}
              </div>
            </>
          }
          style={{ marginBottom: 12 }}
          data-testid="temp-use-warning"
        />
      )}
      {props.editable && (
        <Button theme="primary" loading={busy} onClick={submit}>
          保存管护信息
        </Button>
      )}
    </Form>
  );
}
