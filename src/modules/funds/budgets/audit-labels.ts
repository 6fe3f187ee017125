/** Chinese names of the field keys this part of the funds module puts in its audit snapshots. */
export const AUDIT_LABELS: Record<string, string> = {};
