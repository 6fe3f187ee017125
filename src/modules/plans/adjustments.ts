import { todayInShanghai } from '@/ui/format';

/** The day an adjustment counts from: its approval date, else the day it was recorded (Asia/Shanghai). */
export function adjustmentDate(row: { approvedOn: string | null; createdAt: Date }): string {
  return row.approvedOn ?? todayInShanghai(row.createdAt);
}
