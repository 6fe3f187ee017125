'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Alert, Card, Space } from 'tdesign-react';

export interface WorkbenchModule {
  key: string;
  title: string;
  path: string;
  description: string;
}

export interface WorkbenchTodo {
  key: string;
  title: string;
  count: number;
  /** 笔 (entries), 宗 (parcels). */
  unit: string;
  path: string;
  tone: 'brand' | 'error' | 'warning';
}

/** One to-do: what, how many, and where to handle it. */
export function TodoCard({ todo: t }: { todo: WorkbenchTodo }) {
  return (
    <Link href={t.path} style={{ textDecoration: 'none' }} data-testid={`todo-${t.key}`}>
      <Card hoverShadow size="small">
        <div className="lr-muted">{t.title}</div>
        <div data-testid="todo-count" style={{ fontSize: 28, fontWeight: 600, color: `var(--td-${t.tone}-color)` }}>
          {t.count} <span style={{ fontSize: 14, fontWeight: 400 }}>{t.unit}</span>
        </div>
      </Card>
    </Link>
  );
}

export function WorkbenchView(props: {
  /** Whether the user has any source of to-dos (the card is shown, possibly empty). */
  showTodos: boolean;
  todos: WorkbenchTodo[];
  /** To-dos streamed in after the page (slower counts), rendered after `todos`. */
  lateTodos?: ReactNode;
  displayName: string;
  roleNames: string;
  departmentName: string | null;
  mustChangePassword: boolean;
  previousLogin: string | null;
  modules: WorkbenchModule[];
}) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card bordered={false}>
        <h1 className="lr-page-title" style={{ marginBottom: 8 }}>
          您好，{props.displayName}
        </h1>
        <div className="lr-muted" data-testid="workbench-identity">
          角色：{props.roleNames || '未分配角色'}
          {props.departmentName ? <span style={{ marginLeft: 16 }}>科室：{props.departmentName}</span> : null}
        </div>
        <div className="lr-muted" style={{ marginTop: 4, fontSize: 12 }} data-testid="workbench-previous-login">
          {props.previousLogin ? `上次登录：${props.previousLogin}` : '这是您的首次登录'}
        </div>
      </Card>
      {props.mustChangePassword && (
        <Alert theme="warning" message={<span>您的密码已被管理员重置，请尽快<Link href="/profile/password">修改密码</Link>。</span>} />
      )}
      {props.showTodos && (
        <Card title="我的待办" bordered={false}>
          <div className="lr-card-grid" data-testid="workbench-todos">
            {props.todos.map((t) => (
              <TodoCard key={t.key} todo={t} />
            ))}
            {props.lateTodos}
          </div>
        </Card>
      )}
      <Card title="我可以使用的功能" bordered={false}>
        {props.modules.length === 0 ? (
          <div className="lr-muted">当前角色暂无可用的业务功能，请联系安全管理员分配权限。</div>
        ) : (
          <div className="lr-card-grid" data-testid="workbench-modules">
            {props.modules.map((m) => (
              <Link key={m.key} href={m.path} style={{ textDecoration: 'none' }}>
                <Card hoverShadow title={m.title} size="small">
                  <span className="lr-muted">{m.description}</span>
                </Card>
              </Link>
            ))}
          </div>
        )}
      </Card>
    </Space>
  );
}
