import Link from 'next/link';
import type { ComponentProps } from 'react';

const STYLE = { color: 'var(--td-brand-color)', textDecoration: 'none' } as const;

/** A next/link in the brand colour without underline, like TDesign's own links. */
export function AppLink({ style, ...props }: ComponentProps<typeof Link>) {
  return <Link {...props} style={{ ...STYLE, ...style }} />;
}
