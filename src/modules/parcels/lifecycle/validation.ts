import { z } from 'zod';
import { isIsoDate } from '@/platform/dates';
import { zId, zOptionalText } from '@/platform/validation';
import { STAGES, SUPPLY_MODES } from '../stages';

const zDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine((s) => isIsoDate(s), `${label}不是有效日期`);

const zOptionalDate = (label: string) =>
  z
    .union([z.literal(''), zDate(label)])
    .nullish()
    .transform((v) => (v ? v : null));

/** 元 with at most 2 decimals, as a string (decimal.js downstream, never floats). */
export const zMoney = (label: string) =>
  z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v === null || v === undefined || v === '' ? null : String(v).trim().replace(/,/g, '')))
    .refine((v) => v === null || /^\d{1,16}(\.\d{1,2})?$/.test(v), `${label}应为不小于 0 的金额，最多两位小数`);

export const ZTransition = z.object({
  parcelId: zId('地块'),
  version: z.coerce.number({ error: '缺少地块版本' }).int().min(1),
  toStage: z.enum(STAGES, { error: '请选择要办理的环节' }),
  eventDate: zDate('办理日期'),
  docNo: zOptionalText('文号', 100),
  amount: zMoney('金额'),
  note: zOptionalText('说明', 1000),
  reason: zOptionalText('原因', 500),
  supply: z
    .object({
      mode: z.union([z.enum(SUPPLY_MODES, { error: '请选择供应方式' }), z.literal('')]).nullish().transform((v) => v || null),
      noticeDate: zOptionalDate('公告日期'),
      startingPrice: zMoney('起始价'),
      dealPrice: zMoney('成交价'),
      transferee: zOptionalText('受让人', 200),
      contractNo: zOptionalText('出让合同编号', 100),
      dealDate: zOptionalDate('成交日期'),
      bidStartDate: zOptionalDate('开始日期'),
      listingEndDate: zOptionalDate('挂牌截止日期'),
      allocationCategory: zOptionalText('划拨用地目录项目', 100),
      benchmarkPrice: zMoney('基准地价'),
    })
    .optional()
    .nullable(),
  /** Codes of the warnings the person acknowledged (协议 price below the 基准地价 share). */
  acknowledged: z.array(z.string().max(100)).max(20).optional(),
});
export type TTransitionInput = z.input<typeof ZTransition>;
