import { z } from 'zod';
import { zId, zOptionalText } from '@/platform/validation';
import { ACQUISITION_COST_CATEGORIES } from '../stages';
import { zMoney } from './fields';

/**
 * Acquisition costs of a parcel owed to no compensated party (taxes, fees, appraisal,
 * contingency). Client-safe: shared by the dialog and the server mutations.
 */
const costFields = {
  category: z.enum(ACQUISITION_COST_CATEGORIES, { error: `请选择费用类别（${ACQUISITION_COST_CATEGORIES.join('、')}）` }),
  amount: zMoney('费用金额'),
  note: zOptionalText('说明', 200),
};

export const ZCreateParcelCost = z.object({ parcelId: zId('地块'), ...costFields });
export type TCreateParcelCost = z.input<typeof ZCreateParcelCost>;

export const ZUpdateParcelCost = z.object({ id: zId('费用'), ...costFields });
export type TUpdateParcelCost = z.input<typeof ZUpdateParcelCost>;

export const ZParcelCostRef = z.object({ id: zId('费用') });
