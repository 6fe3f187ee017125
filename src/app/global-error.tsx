'use client';

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: 'sans-serif', textAlign: 'center', paddingTop: 120 }}>
        <h1>系统出错了</h1>
        <p>请刷新页面重试。如问题持续存在，请联系系统管理员{error.digest ? `（错误编号 ${error.digest}）` : ''}。</p>
        <a href="/workbench">返回工作台</a>
      </body>
    </html>
  );
}
