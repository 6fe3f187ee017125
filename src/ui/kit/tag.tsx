import type { ReactNode } from 'react';

export type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger';

/** TDesign's Tag look on the server (status, stage, 演示 marks); `gap` leaves a small space before it. */
export function KitTag(props: { theme?: TagTheme; variant?: 'light' | 'outline' | 'dark'; children: ReactNode; title?: string; gap?: boolean }) {
  const className = `t-tag t-tag--${props.theme ?? 'default'} t-tag--${props.variant ?? 'light'} t-size-s${props.gap ? ' lr-gap' : ''}`;
  return props.title ? (
    <span className={className} title={props.title}>
      {props.children}
    </span>
  ) : (
    <span className={className}>{props.children}</span>
  );
}
