import type { CSSProperties } from 'react';
import type { IconName } from './icon-names';
import { ICON_SPRITE_URL } from './icon-sprite';

const SIZE_CLASSES: Record<string, string> = { small: 't-size-s', medium: 't-size-m', large: 't-size-l' };

export interface IconProps {
  name: IconName;
  /** TDesign's sizes (small 14 px, medium 16 px, large 18 px) or any CSS font size; default 1em of the text. */
  size?: 'small' | 'medium' | 'large' | string | number;
  className?: string;
  style?: CSSProperties;
  /** Read out instead of hiding the icon from assistive technology. */
  title?: string;
}

/**
 * A TDesign icon drawn from the sprite (public/icons.svg): a few dozen bytes of markup instead of
 * the inline drawing tdesign-icons-react writes into every copy. Same classes and sizing as
 * TDesign's icons (`t-icon t-icon-NAME`, 1em square, `size`). No hooks: usable from server and
 * client components alike.
 */
export function Icon({ name, size, className, style, title }: IconProps) {
  const sizeClass = typeof size === 'string' ? SIZE_CLASSES[size] : undefined;
  const fontSize = size !== undefined && !sizeClass ? size : undefined;
  const classes = ['t-icon', `t-icon-${name}`, sizeClass, className].filter(Boolean).join(' ');
  return (
    <svg
      className={classes}
      width="1em"
      height="1em"
      fill="none"
      style={fontSize !== undefined ? { fontSize, ...style } : style}
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
    >
      {title && <title>{title}</title>}
      <use href={`${ICON_SPRITE_URL}#i-${name}`} />
    </svg>
  );
}

/** The same markup as `<Icon name={name} />`, as a string (for markup written once and cached). */
export function iconMarkup(name: IconName): string {
  return `<svg class="t-icon t-icon-${name}" width="1em" height="1em" fill="none" aria-hidden="true"><use href="${ICON_SPRITE_URL}#i-${name}"></use></svg>`;
}
