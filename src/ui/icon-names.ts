/**
 * The icons in the sprite (public/icons.svg), by their tdesign-icons-react name. Adding one: put
 * its name here and run `npm run icons` (scripts/generate-icon-sprite.ts), which regenerates the
 * sprite and its versioned address (src/ui/icon-sprite.ts); a unit test fails while they are stale.
 */
export const ICON_NAMES = [
  // side menu
  'dashboard',
  'layers',
  'calendar',
  'folder',
  'location',
  'money',
  'chart-bar',
  'bill',
  'currency-exchange',
  'wallet',
  'print',
  'setting',
  'tree-round-dot',
  'user',
  'lock-on',
  'file-safety',
  // header and breadcrumbs
  'logout',
  'chevron-right',
  // toolbars and read-only markup
  'add',
  'edit',
  'delete',
  'download',
  'upload',
  'search',
  'refresh',
  'file',
  'chevron-down',
  'chevron-up',
  'check-circle-filled',
  'close-circle-filled',
  'error-circle',
  'info-circle-filled',
] as const;

export type IconName = (typeof ICON_NAMES)[number];
