import { z } from 'zod';
import { zId } from '@/platform/validation';
import { zDate } from '../acquisition/fields';

/** The one edit on the supply page: the handover date (交地日期) of the current 成交 record. Client-safe. */
export const ZHandover = z.object({
  supplyId: zId('供应记录'),
  handoverDate: zDate('交地日期'),
});
export type THandover = z.input<typeof ZHandover>;

export function handoverProblem(handoverDate: string, dealDate: string | null): string | null {
  if (dealDate && handoverDate < dealDate) return `交地日期（${handoverDate}）不能早于成交日期（${dealDate}）`;
  return null;
}
