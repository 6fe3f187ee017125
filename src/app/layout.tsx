import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import 'tdesign-react/es/style/index.css';
import './globals.css';
import { Providers } from '@/ui/providers';

export const metadata: Metadata = {
  title: { default: '土地储备全生命周期管理系统', template: '%s - 土地储备全生命周期管理系统' },
  description: '土地储备全生命周期管理系统',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
