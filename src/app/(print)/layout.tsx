import type { ReactNode } from 'react';

/** Pages meant for the printer: the root layout only, without the app shell's menu and header. */
export default function PrintLayout({ children }: { children: ReactNode }) {
  return children;
}
