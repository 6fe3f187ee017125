import type { TStage } from '../stages';
import { addDays, type Rng } from './random';

/**
 * A parcel's lifecycle path and dates for the demo, built backwards from today: the time since
 * the last event and the steps after entry into reserve are sampled first (kept under the
 * two-year reserve limit unless the parcel is meant to raise that warning); the acquisition
 * steps absorb the rest of the parcel's age. Dates never decrease and never pass today.
 */

export interface TimelineStep {
  from: TStage | null;
  to: TStage;
  date: string;
}

export interface TimelineSpec {
  final: TStage;
  /** For 终止: the stage it was cancelled from. */
  cancelledFrom?: TStage;
  /** An aborted trade on the way: 可供应 → 已供应 → 可供应 (and, for final 已供应, supplied again). */
  abortedTrade?: boolean;
  /** Reserved for longer than the limit (red warning), when the age allows it. */
  overdue?: boolean;
  /** Minimum days since the last event (e.g. stalled development needs > 90). */
  minDwell?: number;
}

const FORWARD: readonly TStage[] = ['拟收储', '收储中', '已入库', '前期开发', '可供应', '已供应'];

/** Days a step takes, by the stage it enters: [min, max]. */
const GAP: Partial<Record<TStage, [number, number]>> = {
  收储中: [30, 200],
  已入库: [90, 420],
  前期开发: [20, 150],
  可供应: [120, 330],
  已供应: [45, 260],
  终止: [30, 300],
};

/** Days since the last event, by final stage. */
const DWELL: Record<TStage, [number, number]> = {
  拟收储: [10, 300],
  收储中: [10, 360],
  已入库: [10, 420],
  前期开发: [20, 260],
  可供应: [15, 260],
  已供应: [5, 1_000],
  终止: [10, 700],
};

/** Days from 可供应 to a deal at least: notice ≥ 20 days before bidding starts, a listing ≥ 10 days (令39号). */
const SUPPLY_MIN_GAP = 30;

/** Stays under the default reserve limit (730 days) with a margin. */
const RESERVE_SPAN_MAX = 690;
const OVERDUE_SPAN: [number, number] = [800, 1_050];
/** Final stages in which the reserve-limit warning applies. */
const CUSTODY_FINALS: readonly TStage[] = ['已入库', '前期开发', '可供应'];

/** The stage sequence of the spec (first element: the creation step into 拟收储). */
function pathOf(spec: TimelineSpec): TStage[] {
  if (spec.final === '终止') {
    const from = spec.cancelledFrom ?? '拟收储';
    return [...FORWARD.slice(0, FORWARD.indexOf(from) + 1), '终止'];
  }
  const path = FORWARD.slice(0, FORWARD.indexOf(spec.final) + 1);
  if (spec.abortedTrade && spec.final === '可供应') path.push('已供应', '可供应');
  if (spec.abortedTrade && spec.final === '已供应') path.push('可供应', '已供应');
  return path;
}

/** Splits `total` days among weights, as integers summing exactly to `total`. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  let acc = 0;
  let prev = 0;
  return weights.map((w) => {
    acc += w;
    const next = Math.round((acc / sum) * total);
    const part = next - prev;
    prev = next;
    return part;
  });
}

/**
 * Steps from creation (seq 1, from null to 拟收储) to the final stage, the first dated
 * `ageDays` before today. Acquisition steps (into 收储中, 已入库) are elastic; when the age is
 * too short for the sampled durations everything shrinks in proportion.
 */
export function buildTimeline(rng: Rng, spec: TimelineSpec, ageDays: number, today: string): TimelineStep[] {
  const path = pathOf(spec);
  const [dMin, dMax] = DWELL[spec.final];
  const dwell = rng.int(Math.max(dMin, spec.minDwell ?? 0), Math.max(dMax, (spec.minDwell ?? 0) + 30));
  // gaps[i] leads into path[i + 1]; the dwell follows the last step.
  const gaps = path.slice(1).map((stage, i) => {
    // A trade needs ≥ 30 days from ready to deal: notice ≥ 20 days before bidding, listing ≥ 10 (令39号).
    const [min, max] = stage === '可供应' && path[i] === '已供应' ? [15, 60] : stage === '已供应' && path[i] === '可供应' && i > 0 && path[i - 1] === '已供应' ? [35, 90] : (GAP[stage] ?? [30, 200]);
    return rng.int(min, max);
  });
  const elastic = path.slice(1).map((stage, i) => (stage === '收储中' || stage === '已入库') && path[i] !== '已供应');
  const reservedAt = path.indexOf('已入库');
  // Keep the time from entry into reserve to today under (or, for overdue parcels, over) the limit.
  if (reservedAt > 0 && CUSTODY_FINALS.includes(spec.final)) {
    const after = gaps.slice(reservedAt).reduce((s, g) => s + g, 0) + dwell;
    const wanted = spec.overdue ? rng.int(...OVERDUE_SPAN) : Math.min(after, RESERVE_SPAN_MAX);
    if (spec.overdue || after > RESERVE_SPAN_MAX) {
      const parts = apportion(wanted, [...gaps.slice(reservedAt), dwell]);
      parts.slice(0, -1).forEach((g, k) => (gaps[reservedAt + k] = g));
      return finish(rng, path, gaps, parts[parts.length - 1], elastic, ageDays, today);
    }
  }
  return finish(rng, path, gaps, dwell, elastic, ageDays, today);
}

function finish(rng: Rng, path: TStage[], gaps: number[], dwell: number, elastic: boolean[], ageDays: number, today: string): TimelineStep[] {
  const fixed = gaps.reduce((s, g, i) => s + (elastic[i] ? 0 : g), 0) + dwell;
  const elasticSampled = gaps.filter((_, i) => elastic[i]);
  let segments: number[];
  if (elasticSampled.length && ageDays - fixed >= elasticSampled.length * 20) {
    const spread = apportion(
      ageDays - fixed,
      elasticSampled.map((g) => g * rng.between(0.8, 1.2)),
    );
    let k = 0;
    segments = [...gaps.map((g, i) => (elastic[i] ? spread[k++] : g)), dwell];
  } else {
    segments = apportion(ageDays, [...gaps, dwell].map((g) => Math.max(g, 1)));
  }
  // However the durations were squeezed, a sale keeps room for its notice and listing (令39号).
  for (let i = 0; i < path.length - 1; i++) {
    const short = path[i + 1] === '已供应' ? SUPPLY_MIN_GAP - segments[i] : 0;
    if (short <= 0) continue;
    const donor = segments.reduce((best, g, k) => (k !== i && path[k + 1] !== '已供应' && g > segments[best] ? k : best), i === 0 ? 1 : 0);
    if (segments[donor] - short < 1) continue;
    segments[donor] -= short;
    segments[i] += short;
  }
  const start = addDays(today, -ageDays);
  const steps: TimelineStep[] = [{ from: null, to: path[0], date: start }];
  let offset = 0;
  for (let i = 1; i < path.length; i++) {
    offset += segments[i - 1];
    steps.push({ from: path[i - 1], to: path[i], date: addDays(start, Math.min(offset, ageDays)) });
  }
  return steps;
}
