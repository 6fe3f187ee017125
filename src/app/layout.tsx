import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import 'tdesign-react/es/style/index.css';
// The components the page kit draws on the server with TDesign's classes, without their JS.
import 'tdesign-react/es/card/style/index.css';
import 'tdesign-react/es/table/style/index.css';
import 'tdesign-react/es/pagination/style/index.css';
import 'tdesign-react/es/tag/style/index.css';
import 'tdesign-react/es/button/style/index.css';
import 'tdesign-react/es/descriptions/style/index.css';
// The app shell's TDesign parts, drawn by the server (src/ui/app-shell.tsx).
import 'tdesign-react/es/layout/style/index.css';
import 'tdesign-react/es/menu/style/index.css';
import 'tdesign-react/es/breadcrumb/style/index.css';
import './globals.css';
import '@/ui/kit/kit.css';
import '@/ui/icon.css';
import '@/ui/shell/shell.css';
import { Providers } from '@/ui/providers';
import { StageTagStyles } from '@/modules/parcels/components/stage-tag';

export const metadata: Metadata = {
  title: { default: '土地储备全生命周期管理系统', template: '%s - 土地储备全生命周期管理系统' },
  description: '土地储备全生命周期管理系统',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, so each gets the nonce of its own
  // Content-Security-Policy (src/proxy.ts); a page prerendered at build time would carry none.
  await headers();
  return (
    <html lang="zh-CN">
      <body>
        <StageTagStyles />
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
