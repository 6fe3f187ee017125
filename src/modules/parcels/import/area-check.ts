import Decimal from 'decimal.js';
import { groupThousandsSigned } from '@/ui/format';

/**
 * The area a boundary file states (部颁 面积(公顷)) against the ellipsoidal area computed from its
 * coordinates. A difference above the threshold (system parameter 'import.areaDiffWarnPercent')
 * is a warning for the clerk to check, never a refusal: surveying software states the area on the
 * Gauss-Krüger plane, which differs from the ellipsoid by up to about 0.1 % inside a 3° zone.
 * Pure and client-safe.
 */
export interface AreaComparison {
  /** Computed − stated, m², 2 decimals. */
  diffM2: string;
  /** (computed − stated) ÷ stated × 100, 2 decimals; null when the stated area is 0. */
  diffPercent: string | null;
  /** Chinese warning when the difference is above the threshold, else null. */
  warning: string | null;
}

export function compareStatedArea(statedM2: string, computedM2: string, thresholdPercent: number): AreaComparison {
  const stated = new Decimal(statedM2);
  const diff = new Decimal(computedM2).minus(stated);
  const diffM2 = diff.toFixed(2);
  if (stated.isZero()) {
    return { diffM2, diffPercent: null, warning: '文件申报面积为 0，无法与计算面积比较，请核对申报面积' };
  }
  const diffPercent = diff.dividedBy(stated).times(100).toFixed(2);
  // The shown (rounded) percentage is the one compared, so the warning never contradicts it.
  if (!new Decimal(diffPercent).abs().greaterThan(thresholdPercent)) return { diffM2, diffPercent, warning: null };
  return {
    diffM2,
    diffPercent,
    warning:
      `计算面积与申报面积相差 ${groupThousandsSigned(diffPercent)}%（${groupThousandsSigned(diffM2)} m²），` +
      `超过预警值 ${thresholdPercent}%，请核对坐标或申报面积`,
  };
}
