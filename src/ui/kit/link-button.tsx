import type { ReactNode } from 'react';

/** A link that looks like TDesign's Button (toolbar actions: new, import, export), no client JS. */
export function LinkButton(props: {
  href: string;
  children: ReactNode;
  theme?: 'primary' | 'default';
  variant?: 'base' | 'outline' | 'text';
  icon?: ReactNode;
  download?: boolean;
  testId?: string;
}) {
  const theme = props.theme ?? 'default';
  const variant = props.variant ?? (theme === 'primary' ? 'base' : 'outline');
  return (
    <a className={`t-button t-button--theme-${theme} t-button--variant-${variant}`} href={props.href} download={props.download || undefined} data-testid={props.testId}>
      {props.icon}
      <span className="t-button__text">{props.children}</span>
    </a>
  );
}
