/**
 * Pure funds rules (no I/O, client-safe): money parsing and exact sums, the special bond
 * repayment schedule, the bond cap / 62号 coverage / allocation / execution checks, 89号 balance and cash
 * flow, the ledger approval workflow and the split of bond interest over projects. Implementation split under ./rules/.
 */
export * from './rules/money';
export * from './rules/schedule';
export * from './rules/checks';
export * from './rules/balance';
export * from './rules/workflow';
export * from './rules/bond-interest';
export * from './rules/bond-repayment';
export * from './rules/spending';
