'use client';
import { Progress } from 'tdesign-react';

/**
 * 预算执行率 as a small bar with the exact percentage ("45.67%"); "未编制" without a budget.
 * Above 100% the bar is full and shown as a warning (spending beyond the budget).
 */
export function ExecutionRate({ rate, hasBudget = true, width = 150 }: { rate: string | null; hasBudget?: boolean; width?: number }) {
  if (rate === null) return <span className="lr-muted">{hasBudget ? '预算为 0' : '未编制'}</span>;
  const value = Number(rate);
  const bar = Math.max(0, Math.min(100, value));
  return (
    <div style={{ width }} title={`预算执行率 ${rate}%`}>
      <Progress
        percentage={bar}
        size="small"
        label={`${rate}%`}
        status={value > 100 ? 'warning' : value >= 100 ? 'success' : undefined}
      />
    </div>
  );
}
