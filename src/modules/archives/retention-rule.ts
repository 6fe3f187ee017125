import { RETENTION_YEARS, type TRetention } from './constants';

/**
 * When a retention period ends (client-safe). 《机关文件材料归档范围和文书档案保管期限规定》
 * (国家档案局令第 8 号, 2006) 第十一条: 文书档案保管期限从文件形成的次年 1 月 1 日起算; DA/T 22-2015
 * 《归档文件整理规则》 files items by 年度 = the year the document was formed. So a 30年 item of
 * 2000 is kept through 2001–2030 and is due for appraisal (鉴定) from 2031: its period ends on
 * 31 December of year + N. 永久 never ends. Expired items are listed for the 鉴定小组; nothing is
 * ever deleted automatically.
 */
export const RETENTION_RULE_SOURCE = '《机关文件材料归档范围和文书档案保管期限规定》（国家档案局令第 8 号）：保管期限从文件形成的次年 1 月 1 日起算；年度按 DA/T 22-2015 取文件形成年度。期满年度 = 年度 + 保管年限，次年起列入到期鉴定。';

/** The last year of the period (31 December of it), or null for 永久. */
export function retentionEndYear(year: number, retention: string): number | null {
  const n = RETENTION_YEARS[retention as TRetention];
  return n == null ? null : year + n;
}

/** Whether the period has ended by `currentYear` (year + N < currentYear). */
export function isRetentionExpired(year: number, retention: string, currentYear: number): boolean {
  const end = retentionEndYear(year, retention);
  return end !== null && end < currentYear;
}

/** The latest 年度 still expired in `currentYear` for a period of `years` (year + years < currentYear). */
export function lastExpiredYear(years: number, currentYear: number): number {
  return currentYear - years - 1;
}
