'use client';
import 'tdesign-react/es/_util/react-19-adapter';
import { ConfigProvider } from 'tdesign-react';
import zhCN from 'tdesign-react/es/locale/zh_CN';
import type { ReactNode } from 'react';

export function Providers({ children }: { children: ReactNode }) {
  return <ConfigProvider globalConfig={zhCN}>{children}</ConfigProvider>;
}
