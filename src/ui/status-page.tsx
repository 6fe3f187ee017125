import Link from 'next/link';

/** Plain status page (403/404/500): no client code, so it renders even when the app is broken. */
export function StatusPage({ code, title, detail, action }: { code: string; title: string; detail: string; action?: { href: string; label: string } }) {
  return (
    <main className="lr-center-page" data-testid={`status-${code}`}>
      <div style={{ textAlign: 'center', maxWidth: 480, padding: 24 }}>
        <div style={{ fontSize: 64, fontWeight: 700, color: 'var(--td-brand-color, #0052d9)' }}>{code}</div>
        <h1 style={{ fontSize: 22, margin: '8px 0' }}>{title}</h1>
        <p className="lr-muted">{detail}</p>
        <Link href={action?.href ?? '/workbench'}>{action?.label ?? '返回工作台'}</Link>
      </div>
    </main>
  );
}
