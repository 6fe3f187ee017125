/** The parcel's sections; the sub-pages live under /parcels/[id]/<segment>. */
export const PARCEL_TABS = [
  { segment: '', label: '概况' },
  { segment: 'lifecycle', label: '环节流转' },
  { segment: 'acquisition', label: '征收补偿' },
  { segment: 'development', label: '前期开发' },
  { segment: 'custody', label: '管护' },
  { segment: 'supply', label: '供应' },
] as const;
