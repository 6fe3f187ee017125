/** Our side of the contracts taken over from older records, and the form's default. */
export const DEFAULT_OUR_PARTY = '益阳市土地储备中心';
