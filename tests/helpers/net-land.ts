import type { NetLandFacts } from '../../src/modules/parcels/rules';

/** 净地 facts under which the 可供应 guard has nothing to say (for tests of other steps). */
export function cleanNetLand(year = 2026): NetLandFacts {
  return {
    exemptions: [
      { workType: '拆除', reason: '地上无建（构）筑物' },
      { workType: '平整', reason: '场地已平整' },
    ],
    titleCertNo: null,
    titleCancellations: [],
    supplyPlans: [{ year, docNo: `益政函〔${year}〕8号`, listedOn: `${year}-01-10` }],
    custodyMode: '自管',
    tempUseStart: null,
    tempUseEnd: null,
    tempUseEndedOn: null,
  };
}
