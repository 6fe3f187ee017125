'use client';
import Link from 'next/link';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="lr-center-page" data-testid="status-500">
      <div style={{ textAlign: 'center', maxWidth: 480, padding: 24 }}>
        <div style={{ fontSize: 64, fontWeight: 700, color: '#d54941' }}>出错了</div>
        <p className="lr-muted">页面加载失败，请稍后重试。如问题持续存在，请联系系统管理员{error.digest ? `（错误编号 ${error.digest}）` : ''}。</p>
        <button type="button" onClick={reset} style={{ marginRight: 16 }}>
          重试
        </button>
        <Link href="/workbench">返回工作台</Link>
      </div>
    </main>
  );
}
