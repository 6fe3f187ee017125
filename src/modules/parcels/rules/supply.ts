import { SUPPLY_MODES, type TSupplyMode } from '../stages';
import { ALLOCATION_CATALOGUE, allocationItemLabel, findAllocationItem, type AllocationItem } from './allocation-catalogue';
import { addDays, daysBetween, isIsoDate } from './dates';
import { competitiveText, findLandUse } from './land-use';
import { Money, parseMoney, type TMoney } from './money';
import { RULE_SOURCES } from './sources';
import type { GuardProblem, GuardWarning, TSupplyContext, TSupplyFacts } from './types';

/** Modes sold by public competition: they need a notice and a starting price. */
export const COMPETITIVE_SUPPLY_MODES: readonly TSupplyMode[] = ['招标', '拍卖', '挂牌'];

export function isSupplyMode(value: unknown): value is TSupplyMode {
  return typeof value === 'string' && (SUPPLY_MODES as readonly string[]).includes(value);
}

const blank = (v: string | null | undefined) => (v ?? '').trim() === '';

/**
 * A positive (or, with allowZero, non-negative) amount, or the problem with it. `what` names the
 * field in messages (成交价 / 起始价).
 */
function priceOrProblem(
  value: string | null | undefined,
  what: string,
  code: string,
  allowZero: boolean,
  rule: string,
): { value: TMoney | null; problem: GuardProblem | null } {
  const parsed = parseMoney(value);
  if (!parsed.ok) {
    const message =
      parsed.reason === 'missing'
        ? `请填写${what}（元）`
        : parsed.reason === 'negative'
          ? `${what}不能为负数（填写的是 ${String(value).trim()}）`
          : `${what}“${String(value).trim()}”不是有效金额：应为以元为单位的数字，最多两位小数`;
    return { value: null, problem: { code: `${code}-${parsed.reason}`, message, rule: RULE_SOURCES.supply } };
  }
  if (!allowZero && parsed.value.isZero()) {
    return { value: null, problem: { code: `${code}-zero`, message: `${what}必须大于 0`, rule } };
  }
  return { value: parsed.value, problem: null };
}

/** 令39号 第十条: the notice is published at least 20 days before bidding, auction or listing starts. */
export const NOTICE_LEAD_DAYS = 20;
/** 令39号 第十九条: a listing (挂牌) runs at least 10 days. */
export const LISTING_MIN_DAYS = 10;

/** What the start of the competition is called in each competitive mode. */
export function bidStartLabel(mode: TSupplyMode): string {
  return mode === '招标' ? '投标开始日期' : mode === '拍卖' ? '拍卖日期' : '挂牌起始日期';
}

const modeVerb = (mode: TSupplyMode) => (mode === '协议' ? '协议出让' : mode === '划拨' ? '划拨' : `${mode}出让`);

/** The 《划拨用地目录》 items a planned use can hold (empty when the use is unknown or none fits). */
export function allocationItemsFor(plannedUse: string | null | undefined): AllocationItem[] {
  const use = findLandUse(plannedUse);
  if (!use) return [];
  return ALLOCATION_CATALOGUE.filter((item) => item.facilities.some((f) => use.facilities.includes(f)));
}

/**
 * Whether the parcel's planned use allows this supply mode (令39号 第四条, 《划拨用地目录》).
 * 招标/拍卖/挂牌 are open to every use; 协议 and 划拨 need a known use outside 第四条's list,
 * and 划拨 an item of the 目录 that the use can hold. Client-safe: the supply form shows it live.
 */
export function supplyModeProblems(mode: TSupplyMode, plannedUse: string | null | undefined, allocationCategory?: string | null): GuardProblem[] {
  if (COMPETITIVE_SUPPLY_MODES.includes(mode)) return [];
  const useText = (plannedUse ?? '').trim();
  const verb = modeVerb(mode);
  if (useText === '') {
    return [{ code: 'supply-use-missing', message: `地块尚未录入规划用途，${verb}须先核对规划用途是否允许。请在地块信息中录入规划用途`, rule: RULE_SOURCES.landUseKnown }];
  }
  const use = findLandUse(useText);
  if (!use) {
    return [
      {
        code: 'supply-use-unknown',
        message: `规划用途「${useText}」不是用地分类的类别名称，无法核对能否${verb}。请在地块信息中按分类名称填写规划用途（如 商业用地、城镇住宅用地、教育用地）`,
        rule: RULE_SOURCES.landUseKnown,
      },
    ];
  }
  if (use.competitive?.length) {
    return [
      {
        code: 'supply-competitive-only',
        message: `规划用途「${useText}」属${competitiveText(use)}用地，应当以招标、拍卖或者挂牌方式出让，不得${verb}`,
        rule: RULE_SOURCES.competitiveOnly,
      },
    ];
  }
  if (mode !== '划拨') return [];
  const fitting = allocationItemsFor(useText);
  if (fitting.length === 0) {
    return [{ code: 'supply-not-allocatable', message: `规划用途「${useText}」不在《划拨用地目录》所列用途内，不得划拨`, rule: RULE_SOURCES.allocationCatalogue }];
  }
  const category = (allocationCategory ?? '').trim();
  if (category === '') {
    return [{ code: 'supply-allocation-category-missing', message: '请选择划拨所依据的《划拨用地目录》项目', rule: RULE_SOURCES.allocationCatalogue }];
  }
  const item = findAllocationItem(category);
  if (!item) {
    return [{ code: 'supply-allocation-category-invalid', message: `「${category}」不是《划拨用地目录》的项目`, rule: RULE_SOURCES.allocationCatalogue }];
  }
  if (!fitting.includes(item)) {
    return [
      {
        code: 'supply-allocation-use-mismatch',
        message: `规划用途「${useText}」与所选目录项目「${allocationItemLabel(item)}」不符；该用途可依据的目录项目：${fitting.map(allocationItemLabel).join('、')}`,
        rule: RULE_SOURCES.allocationCatalogue,
      },
    ];
  }
  return [];
}

/** An amount with thousands separators: 1234567.5 → '1,234,567.50'. */
function yuan(value: TMoney): string {
  return value.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Points to acknowledge before a supply is recorded (not refusals): a 协议 price below the share of
 * the 基准地价 that the setting holds (令21号 第五条, to confirm) — deal price < 基准地价 × 面积 × 比例.
 */
export function supplyWarnings(supply: TSupplyFacts | undefined, context: TSupplyContext | undefined): GuardWarning[] {
  if (!supply || !context || (supply.mode ?? '').trim() !== '协议') return [];
  const deal = parseMoney(supply.dealPrice);
  const benchmark = parseMoney(supply.benchmarkPrice);
  const area = parseMoney(context.areaM2);
  if (!deal.ok || !benchmark.ok || !area.ok || benchmark.value.isZero() || area.value.isZero()) return [];
  const percent = new Money(context.agreementFloor.percent);
  const floor = benchmark.value.times(area.value).times(percent).dividedBy(100).toDecimalPlaces(2, Money.ROUND_HALF_UP);
  if (!deal.value.lessThan(floor)) return [];
  const share = deal.value.dividedBy(benchmark.value.times(area.value)).times(100).toDecimalPlaces(2, Money.ROUND_DOWN);
  return [
    {
      code: 'supply-agreement-below-benchmark',
      message:
        `协议出让价款 ${yuan(deal.value)} 元低于按基准地价核算的最低价 ${yuan(floor)} 元` +
        `（基准地价 ${yuan(benchmark.value)} 元/平方米 × 面积 ${yuan(area.value)} 平方米 × ${percent.toString()}%），` +
        `仅为基准地价总额的 ${share.toFixed(2)}%`,
      rule: context.agreementFloor.source,
    },
  ];
}

/** The warnings not among the codes the person acknowledged. */
export function unacknowledgedWarnings(warnings: readonly GuardWarning[], acknowledged: readonly string[] | null | undefined): GuardWarning[] {
  const seen = new Set(acknowledged ?? []);
  return warnings.filter((w) => !seen.has(w.code));
}

/** A date field: missing, invalid or ok (the value). */
function dateOf(value: string | null | undefined): { text: string; ok: boolean } {
  const text = (value ?? '').trim();
  return { text, ok: isIsoDate(text) };
}

/** 招标/拍卖/挂牌: notice ≥ 20 days before the start, 挂牌 ≥ 10 days, deal not before the start or listing end. */
function competitionDateProblems(mode: TSupplyMode, s: TSupplyFacts, deal: { text: string; ok: boolean }): GuardProblem[] {
  const problems: GuardProblem[] = [];
  const push = (code: string, message: string, rule: string) => problems.push({ code, message, rule });
  const startLabel = bidStartLabel(mode);
  const notice = dateOf(s.noticeDate);
  const start = dateOf(s.bidStartDate);

  if (notice.text === '') push('supply-notice-date-missing', `请填写${mode}出让公告日期`, RULE_SOURCES.auction);
  else if (!notice.ok) push('supply-notice-date-invalid', `公告日期“${notice.text}”不是有效日期，应为 YYYY-MM-DD`, RULE_SOURCES.auction);

  if (start.text === '') push('supply-bid-start-missing', `请填写${startLabel}`, RULE_SOURCES.noticeLead);
  else if (!start.ok) push('supply-bid-start-invalid', `${startLabel}“${start.text}”不是有效日期，应为 YYYY-MM-DD`, RULE_SOURCES.noticeLead);

  if (notice.ok && start.ok) {
    const lead = daysBetween(notice.text, start.text);
    if (lead < NOTICE_LEAD_DAYS) {
      push(
        'supply-notice-lead-short',
        lead < 0
          ? `公告日期（${notice.text}）晚于${startLabel}（${start.text}），出让公告应至少在${startLabel}前 ${NOTICE_LEAD_DAYS} 日发布`
          : `公告日期（${notice.text}）距${startLabel}（${start.text}）仅 ${lead} 日，出让公告应至少在${startLabel}前 ${NOTICE_LEAD_DAYS} 日发布（最迟 ${addDays(start.text, -NOTICE_LEAD_DAYS)}）`,
        RULE_SOURCES.noticeLead,
      );
    }
  } else if (notice.ok && deal.ok && daysBetween(notice.text, deal.text) < 0) {
    push('supply-notice-after-deal', `公告日期（${notice.text}）不能晚于成交日期（${deal.text}）`, RULE_SOURCES.auction);
  }

  let end: { text: string; ok: boolean } | null = null;
  if (mode === '挂牌') {
    end = dateOf(s.listingEndDate);
    if (end.text === '') push('supply-listing-end-missing', '请填写挂牌截止日期', RULE_SOURCES.listingPeriod);
    else if (!end.ok) push('supply-listing-end-invalid', `挂牌截止日期“${end.text}”不是有效日期，应为 YYYY-MM-DD`, RULE_SOURCES.listingPeriod);
    else if (start.ok) {
      const period = daysBetween(start.text, end.text);
      if (period < LISTING_MIN_DAYS) {
        push(
          'supply-listing-period-short',
          period < 0
            ? `挂牌截止日期（${end.text}）早于挂牌起始日期（${start.text}）`
            : `挂牌期限自 ${start.text} 至 ${end.text} 仅 ${period} 日，挂牌时间不得少于 ${LISTING_MIN_DAYS} 日（截止日期最早为 ${addDays(start.text, LISTING_MIN_DAYS)}）`,
          RULE_SOURCES.listingPeriod,
        );
      }
    }
  }

  if (deal.ok) {
    if (end?.ok && daysBetween(end.text, deal.text) < 0) {
      push('supply-deal-date-before-listing-end', `成交日期（${deal.text}）早于挂牌截止日期（${end.text}），挂牌期限届满后方可确定竞得人`, RULE_SOURCES.biddingOrder);
    } else if (!end?.ok && start.ok && daysBetween(start.text, deal.text) < 0) {
      push('supply-deal-date-before-bid', `成交日期（${deal.text}）早于${startLabel}（${start.text}）`, RULE_SOURCES.biddingOrder);
    }
  }
  return problems;
}

/**
 * Guards of 可供应 → 已供应. Every mode needs mode, deal date, deal price, transferee and contract
 * number. 招标/拍卖/挂牌 also a starting price (deal ≥ start), the notice date and the start of the
 * competition (notice ≥ 20 days before it, 令39号 第十条), 挂牌 its end (≥ 10 days, 第十九条).
 * 协议 and 划拨 only for a planned use that allows them (第四条, 《划拨用地目录》); 划拨 names its
 * 目录 item and may be free (deal price 0); 协议 records the 基准地价 its price is checked against.
 */
export function supplyProblems(
  supply: TSupplyFacts | undefined,
  dates: { today: string; lastEventDate: string | null; supplyContext?: TSupplyContext },
): GuardProblem[] {
  const s = supply ?? {};
  const problems: GuardProblem[] = [];
  const push = (code: string, message: string, rule: string = RULE_SOURCES.supply) => problems.push({ code, message, rule });

  const modeText = (s.mode ?? '').trim();
  const mode = isSupplyMode(modeText) ? modeText : null;
  if (modeText === '') push('supply-mode-missing', `请选择供应方式（${SUPPLY_MODES.join('、')}）`, RULE_SOURCES.supplyMode);
  else if (!mode) push('supply-mode-invalid', `供应方式“${modeText}”无效，应为${SUPPLY_MODES.join('、')}之一`, RULE_SOURCES.supplyMode);
  if (mode) problems.push(...supplyModeProblems(mode, dates.supplyContext?.plannedUse ?? null, s.allocationCategory));

  const deal = dateOf(s.dealDate);
  if (deal.text === '') push('supply-deal-date-missing', '请填写成交日期');
  else if (!deal.ok) push('supply-deal-date-invalid', `成交日期“${deal.text}”不是有效日期，应为 YYYY-MM-DD`);
  else if (daysBetween(dates.today, deal.text) > 0) {
    push('supply-deal-date-future', `成交日期（${deal.text}）不能晚于今天（${dates.today}）`, RULE_SOURCES.eventDate);
  } else if (dates.lastEventDate && daysBetween(dates.lastEventDate, deal.text) < 0) {
    push('supply-deal-date-before-last', `成交日期不能早于上一环节（${dates.lastEventDate}）`, RULE_SOURCES.eventDate);
  }

  const isAllocation = mode === '划拨';
  const dealPrice = priceOrProblem(s.dealPrice, '成交价', 'supply-deal-price', isAllocation, RULE_SOURCES.allocation);
  if (dealPrice.problem) problems.push(dealPrice.problem);

  if (blank(s.transferee)) push('supply-transferee-missing', isAllocation ? '请填写土地使用者（划拨对象）' : '请填写受让人');
  if (blank(s.contractNo)) {
    push('supply-contract-missing', isAllocation ? '请填写国有建设用地划拨决定书编号' : '请填写出让合同编号');
  }

  if (mode === '协议') {
    const rule = dates.supplyContext?.agreementFloor.source ?? RULE_SOURCES.supply;
    const benchmark = priceOrProblem(s.benchmarkPrice, '基准地价', 'supply-benchmark-price', false, rule);
    if (benchmark.problem) {
      const p = benchmark.problem;
      problems.push({ ...p, message: p.code.endsWith('missing') ? '请填写地块所在级别的基准地价（元/平方米），用于核对协议出让最低价' : p.message.replace('（元）', '（元/平方米）'), rule });
    }
  }

  if (mode && COMPETITIVE_SUPPLY_MODES.includes(mode)) {
    const start = priceOrProblem(s.startingPrice, '起始价', 'supply-starting-price', false, RULE_SOURCES.auction);
    if (start.problem) problems.push({ ...start.problem, rule: RULE_SOURCES.auction });
    if (dealPrice.value && start.value && dealPrice.value.lessThan(start.value)) {
      push(
        'supply-deal-below-start',
        `成交价（${dealPrice.value.toFixed(2)} 元）低于起始价（${start.value.toFixed(2)} 元），${mode}出让的成交价不得低于起始价`,
        RULE_SOURCES.auction,
      );
    }
    problems.push(...competitionDateProblems(mode, s, deal));
  }
  return problems;
}

/**
 * The supply terms with the fields of other modes cleared (a form switched from 挂牌 to 协议 may
 * still carry a listing end): what is checked and stored is only what the chosen mode records.
 */
export function supplyTermsForMode<T extends TSupplyFacts>(supply: T): T {
  const mode = (supply.mode ?? '').trim();
  const competitive = (COMPETITIVE_SUPPLY_MODES as readonly string[]).includes(mode);
  return {
    ...supply,
    noticeDate: competitive ? (supply.noticeDate ?? null) : null,
    startingPrice: competitive ? (supply.startingPrice ?? null) : null,
    bidStartDate: competitive ? (supply.bidStartDate ?? null) : null,
    listingEndDate: mode === '挂牌' ? (supply.listingEndDate ?? null) : null,
    allocationCategory: mode === '划拨' ? (supply.allocationCategory ?? null) : null,
    benchmarkPrice: mode === '协议' ? (supply.benchmarkPrice ?? null) : null,
  };
}
