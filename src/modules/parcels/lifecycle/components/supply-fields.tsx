'use client';
import { Alert, Checkbox, Input, Select } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { LabeledField } from '@/ui/labeled-field';
import { SUPPLY_MODES, type TSupplyMode } from '../../stages';
import {
  ALLOCATION_CATALOGUE,
  allocationItemLabel,
  allocationItemsFor,
  bidStartLabel,
  COMPETITIVE_SUPPLY_MODES,
  findLandUse,
  isSupplyMode,
  LISTING_MIN_DAYS,
  NOTICE_LEAD_DAYS,
  RULE_SOURCES,
  supplyModeProblems,
  supplyWarnings,
  type GuardWarning,
  type TSupplyContext,
} from '../../rules';
import { addDays, isIsoDate } from '../../rules/dates';

export interface SupplyValues {
  mode: string;
  noticeDate: string;
  bidStartDate: string;
  listingEndDate: string;
  startingPrice: string;
  dealPrice: string;
  dealDate: string;
  transferee: string;
  contractNo: string;
  allocationCategory: string;
  benchmarkPrice: string;
}

export function emptySupplyValues(today: string): SupplyValues {
  return {
    mode: '',
    noticeDate: '',
    bidStartDate: '',
    listingEndDate: '',
    startingPrice: '',
    dealPrice: '',
    dealDate: today,
    transferee: '',
    contractNo: '',
    allocationCategory: '',
    benchmarkPrice: '',
  };
}

/** The warnings the supply form shows (and the person acknowledges) for these values. */
export function supplyFormWarnings(v: SupplyValues, context: TSupplyContext | null): GuardWarning[] {
  return context ? supplyWarnings(v, context) : [];
}

const later = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));
const dateOrNull = (v: string) => (isIsoDate(v) ? v : null);

/** What the parcel's planned use allows, said before the mode is chosen. */
function useSummary(plannedUse: string | null): string {
  const use = findLandUse(plannedUse);
  if (!plannedUse) return '地块尚未录入规划用途：招标、拍卖、挂牌不受影响；协议出让或划拨须先在地块信息中录入规划用途。';
  if (!use) return `规划用途「${plannedUse}」不是用地分类的类别名称：协议出让或划拨前请按分类名称修改规划用途。`;
  if (use.competitive?.length) return `规划用途「${plannedUse}」：应当以招标、拍卖或者挂牌方式出让。`;
  const items = allocationItemsFor(plannedUse);
  return items.length
    ? `规划用途「${plannedUse}」：可招标、拍卖、挂牌或协议出让；符合《划拨用地目录》的可划拨（${items.map(allocationItemLabel).join('、')}）。`
    : `规划用途「${plannedUse}」：可招标、拍卖、挂牌或协议出让；不在《划拨用地目录》所列用途内，不得划拨。`;
}

/**
 * The supply terms of 可供应 → 已供应. Which fields show depends on the mode (competition dates for
 * 招标/拍卖/挂牌, the 目录 item for 划拨, the 基准地价 for 协议); whether the parcel's planned use
 * allows the mode is checked here as it is chosen, with its source, by the same rule the server runs.
 */
export function SupplyFields(props: {
  values: SupplyValues;
  set: (key: keyof SupplyValues) => (value: unknown) => void;
  errors: Record<string, string>;
  context: TSupplyContext | null;
  today: string;
  lastEventDate: string | null;
  acknowledged: boolean;
  onAcknowledge: (checked: boolean) => void;
}) {
  const { values: v, set, errors, context } = props;
  const mode: TSupplyMode | null = isSupplyMode(v.mode) ? v.mode : null;
  const competitive = !!mode && COMPETITIVE_SUPPLY_MODES.includes(mode);
  const allocation = mode === '划拨';
  const plannedUse = context?.plannedUse ?? null;
  const modeProblems = mode ? supplyModeProblems(mode, plannedUse, allocation ? v.allocationCategory || null : null) : [];
  // Before an item is chosen the missing item is said at its field, not as a refusal.
  const refusals = modeProblems.filter((p) => p.code !== 'supply-allocation-category-missing');
  // A mode the use does not allow is refused whatever the price: no price warning beside it.
  const warnings = refusals.length ? [] : supplyFormWarnings(v, context);

  const notice = dateOrNull(v.noticeDate);
  const start = dateOrNull(v.bidStartDate);
  const end = dateOrNull(v.listingEndDate);
  const startLabel = mode && competitive ? bidStartLabel(mode) : '';
  const fitting = new Set(allocationItemsFor(plannedUse).map(allocationItemLabel));
  const floorPercent = context?.agreementFloor.percent ?? null;

  return (
    <>
      <Alert theme="info" style={{ marginBottom: 12 }} message={useSummary(plannedUse)} />
      {refusals.length > 0 && (
        <div data-testid="supply-mode-refusal">
          <Alert
            theme="error"
            style={{ marginBottom: 12 }}
            message={
              <div>
                {refusals.map((p) => (
                  <div key={p.code}>
                    <div>{p.message}</div>
                    <div className="lr-muted" style={{ fontSize: 12 }}>
                      依据：{p.rule}
                    </div>
                  </div>
                ))}
              </div>
            }
          />
        </div>
      )}
      <div className="lr-form-grid">
        <LabeledField name="supply.mode" label="供应方式" required error={errors['supply.mode']}>
          <Select value={v.mode} onChange={set('mode')} options={SUPPLY_MODES.map((m) => ({ label: m, value: m }))} placeholder="招标/拍卖/挂牌/协议/划拨" />
        </LabeledField>
        {competitive && (
          <LabeledField name="supply.noticeDate" label="公告日期" required error={errors['supply.noticeDate']} hint={`至少在${startLabel}前 ${NOTICE_LEAD_DAYS} 日发布`}>
            <DateField value={v.noticeDate} onChange={set('noticeDate')} max={v.dealDate || props.today} notFuture />
          </LabeledField>
        )}
        {competitive && (
          <LabeledField
            name="supply.bidStartDate"
            label={startLabel}
            required
            error={errors['supply.bidStartDate']}
            hint={notice ? `公告后满 ${NOTICE_LEAD_DAYS} 日，最早 ${addDays(notice, NOTICE_LEAD_DAYS)}` : `公告日期后至少 ${NOTICE_LEAD_DAYS} 日`}
          >
            <DateField value={v.bidStartDate} onChange={set('bidStartDate')} min={notice ? addDays(notice, NOTICE_LEAD_DAYS) : null} notFuture />
          </LabeledField>
        )}
        {mode === '挂牌' && (
          <LabeledField
            name="supply.listingEndDate"
            label="挂牌截止日期"
            required
            error={errors['supply.listingEndDate']}
            hint={start ? `挂牌不少于 ${LISTING_MIN_DAYS} 日，最早 ${addDays(start, LISTING_MIN_DAYS)}` : `挂牌时间不少于 ${LISTING_MIN_DAYS} 日`}
          >
            <DateField value={v.listingEndDate} onChange={set('listingEndDate')} min={start ? addDays(start, LISTING_MIN_DAYS) : null} notFuture />
          </LabeledField>
        )}
        {competitive && (
          <LabeledField name="supply.startingPrice" label="起始价（元）" required error={errors['supply.startingPrice']}>
            <Input value={v.startingPrice} onChange={set('startingPrice')} placeholder="例如 12000000.00" />
          </LabeledField>
        )}
        {allocation && (
          <LabeledField name="supply.allocationCategory" label="划拨用地目录项目" required error={errors['supply.allocationCategory']} hint="《划拨用地目录》（国土资源部令第9号）">
            <Select
              value={v.allocationCategory}
              onChange={set('allocationCategory')}
              placeholder="请选择目录项目"
              options={ALLOCATION_CATALOGUE.map((item) => {
                const label = allocationItemLabel(item);
                return { value: label, label: fitting.has(label) ? label : `${label}（与规划用途不符）` };
              })}
            />
          </LabeledField>
        )}
        {mode === '协议' && (
          <LabeledField
            name="supply.benchmarkPrice"
            label="基准地价（元/平方米）"
            required
            error={errors['supply.benchmarkPrice']}
            hint={floorPercent !== null ? `地块所在级别的基准地价；成交价低于其 ${floorPercent}% 时提示` : '地块所在级别的基准地价'}
          >
            <Input value={v.benchmarkPrice} onChange={set('benchmarkPrice')} placeholder="例如 1800.00" />
          </LabeledField>
        )}
        <LabeledField name="supply.dealPrice" label={allocation ? '划拨价款（元）' : '成交价（元）'} required error={errors['supply.dealPrice']} hint={allocation ? '无偿划拨填 0' : undefined}>
          <Input value={v.dealPrice} onChange={set('dealPrice')} placeholder="例如 13500000.00" />
        </LabeledField>
        <LabeledField name="supply.dealDate" label="成交日期" required error={errors['supply.dealDate']}>
          <DateField
            value={v.dealDate}
            onChange={set('dealDate')}
            clearable={false}
            min={later(props.lastEventDate, mode === '挂牌' ? end : competitive ? start : null)}
            notFuture
          />
        </LabeledField>
        <LabeledField name="supply.transferee" label={allocation ? '土地使用者' : '受让人'} required error={errors['supply.transferee']}>
          <Input value={v.transferee} onChange={set('transferee')} maxlength={200} allowInputOverMax showLimitNumber />
        </LabeledField>
        <LabeledField name="supply.contractNo" label={allocation ? '划拨决定书编号' : '出让合同编号'} required error={errors['supply.contractNo']}>
          <Input value={v.contractNo} onChange={set('contractNo')} maxlength={100} allowInputOverMax showLimitNumber />
        </LabeledField>
      </div>
      {warnings.length > 0 && (
        <div data-testid="supply-warnings" style={{ marginBottom: 12 }}>
          <Alert
            theme="warning"
            message={
              <div>
                {warnings.map((w) => (
                  <div key={w.code}>
                    <div>{w.message}</div>
                    <div className="lr-muted" style={{ fontSize: 12 }}>
                      依据：{w.rule}
                    </div>
                  </div>
                ))}
              </div>
            }
          />
          <div style={{ marginTop: 8 }}>
            <Checkbox checked={props.acknowledged} onChange={(c) => props.onAcknowledge(Boolean(c))}>
              我已知悉上述提示，确认办理
            </Checkbox>
            {errors.acknowledge && <div style={{ color: 'var(--td-error-color)', fontSize: 12, marginTop: 4 }}>{errors.acknowledge}</div>}
          </div>
        </div>
      )}
      {mode && !competitive && !refusals.length && (
        <div className="lr-muted" style={{ fontSize: 12, marginBottom: 12 }}>
          依据：{allocation ? RULE_SOURCES.allocationCatalogue : context?.agreementFloor.source}
        </div>
      )}
    </>
  );
}
