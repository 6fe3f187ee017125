/**
 * Where the plan rules come from, shown beside them. Texts summarise the provisions of
 * 《土地储备管理办法》（国土资规〔2017〕17号）, part 二「储备计划」.
 */
const R17 = '《土地储备管理办法》（国土资规〔2017〕17号）';

export const PLAN_SOURCES = {
  rolling: `${R17}二（四）：各地应编制土地储备三年滚动计划，合理确定未来三年土地储备规模，对三年内可收储的土地资源在总量、结构、布局、时序等方面做出统筹安排`,
  annual:
    `${R17}二（五）：年度土地储备计划应包括上年度末储备土地结转情况（拟收储土地和入库储备土地）、年度新增储备土地计划（新增拟收储土地和新增入库储备土地）、` +
    '年度储备土地前期开发计划、年度储备土地供应计划、年度储备土地临时管护计划和年度土地储备资金需求总量',
  // The item (（五）or（六）) that carries the mid-year adjustment was not checked against the text.
  adjustment: `${R17}二「储备计划」：因土地市场调控政策变化或低效用地再开发等原因，确需调整年度土地储备计划的，每年中期可调整一次，按原审批程序备案、报批`,
} as const;
