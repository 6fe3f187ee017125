import { SUPPLY_MODES, type TSupplyMode } from '../stages';
import { daysBetween, isIsoDate } from './dates';
import { parseMoney, type TMoney } from './money';
import { RULE_SOURCES } from './sources';
import type { GuardProblem, TSupplyFacts } from './types';

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

/**
 * Guards of 可供应 → 已供应. Every mode needs mode, deal date, deal price, transferee and contract
 * number; 招标/拍卖/挂牌 also a starting price and notice date, with notice ≤ deal and deal ≥ start.
 * 划拨 may be free of charge (deal price 0); every other mode needs a deal price above 0.
 */
export function supplyProblems(supply: TSupplyFacts | undefined, dates: { today: string; lastEventDate: string | null }): GuardProblem[] {
  const s = supply ?? {};
  const problems: GuardProblem[] = [];
  const push = (code: string, message: string, rule: string = RULE_SOURCES.supply) => problems.push({ code, message, rule });

  const modeText = (s.mode ?? '').trim();
  const mode = isSupplyMode(modeText) ? modeText : null;
  if (modeText === '') push('supply-mode-missing', `请选择供应方式（${SUPPLY_MODES.join('、')}）`, RULE_SOURCES.supplyMode);
  else if (!mode) push('supply-mode-invalid', `供应方式“${modeText}”无效，应为${SUPPLY_MODES.join('、')}之一`, RULE_SOURCES.supplyMode);

  const dealDate = (s.dealDate ?? '').trim();
  const dealDateOk = isIsoDate(dealDate);
  if (dealDate === '') push('supply-deal-date-missing', '请填写成交日期');
  else if (!dealDateOk) push('supply-deal-date-invalid', `成交日期“${dealDate}”不是有效日期，应为 YYYY-MM-DD`);
  else if (daysBetween(dates.today, dealDate) > 0) {
    push('supply-deal-date-future', `成交日期（${dealDate}）不能晚于今天（${dates.today}）`, RULE_SOURCES.eventDate);
  } else if (dates.lastEventDate && daysBetween(dates.lastEventDate, dealDate) < 0) {
    push('supply-deal-date-before-last', `成交日期不能早于上一环节（${dates.lastEventDate}）`, RULE_SOURCES.eventDate);
  }

  const isAllocation = mode === '划拨';
  const deal = priceOrProblem(s.dealPrice, '成交价', 'supply-deal-price', isAllocation, RULE_SOURCES.allocation);
  if (deal.problem) problems.push(deal.problem);

  if (blank(s.transferee)) push('supply-transferee-missing', isAllocation ? '请填写土地使用者（划拨对象）' : '请填写受让人');
  if (blank(s.contractNo)) {
    push('supply-contract-missing', isAllocation ? '请填写国有建设用地划拨决定书编号' : '请填写出让合同编号');
  }

  if (mode && COMPETITIVE_SUPPLY_MODES.includes(mode)) {
    const start = priceOrProblem(s.startingPrice, '起始价', 'supply-starting-price', false, RULE_SOURCES.auction);
    if (start.problem) problems.push({ ...start.problem, rule: RULE_SOURCES.auction });
    if (deal.value && start.value && deal.value.lessThan(start.value)) {
      push(
        'supply-deal-below-start',
        `成交价（${deal.value.toFixed(2)} 元）低于起始价（${start.value.toFixed(2)} 元），${mode}出让的成交价不得低于起始价`,
        RULE_SOURCES.auction,
      );
    }
    const notice = (s.noticeDate ?? '').trim();
    if (notice === '') push('supply-notice-date-missing', `请填写${mode}出让公告日期`, RULE_SOURCES.auction);
    else if (!isIsoDate(notice)) push('supply-notice-date-invalid', `公告日期“${notice}”不是有效日期，应为 YYYY-MM-DD`, RULE_SOURCES.auction);
    else if (dealDateOk && daysBetween(notice, dealDate) < 0) {
      push('supply-notice-after-deal', `公告日期（${notice}）不能晚于成交日期（${dealDate}）`, RULE_SOURCES.auction);
    }
  }
  return problems;
}
