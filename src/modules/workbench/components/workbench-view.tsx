import Link from 'next/link';
import type { ReactNode } from 'react';
import { KitCard } from '@/ui/kit/card';
import { ObjectRef, type ObjectRefView } from '@/ui/kit/object-ref';
import './workbench.css';

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
  /** The first objects of the to-do, by code and name, each linking to itself. */
  refs: ObjectRefView[];
}

/** One to-do: what and how many (linking to all of them), then the first of them by code and name. */
export function TodoCard({ todo: t }: { todo: WorkbenchTodo }) {
  return (
    <div className="t-card t-card--bordered lr-todo">
      <Link href={t.path} className="lr-todo__head" data-testid={`todo-${t.key}`}>
        <div className="lr-muted">{t.title}</div>
        <div data-testid="todo-count" className="lr-todo__count" style={{ color: `var(--td-${t.tone}-color)` }}>
          {t.count} <span className="lr-todo__unit">{t.unit}</span>
        </div>
      </Link>
      {t.refs.length > 0 && (
        <ul className="lr-todo__refs" data-testid={`todo-${t.key}-refs`}>
          {t.refs.map((r) => (
            <li key={r.id}>
              <ObjectRef value={r} />
            </li>
          ))}
          {t.count > t.refs.length && (
            <li>
              <Link className="lr-link lr-muted" href={t.path}>
                全部 {t.count} {t.unit} ›
              </Link>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** 工作台: rendered on the server (no client island); the warning to-dos stream in. */
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
    <div className="lr-stack">
      <KitCard>
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
      </KitCard>
      {props.mustChangePassword && (
        <div className="t-alert t-alert--warning" role="alert">
          <div className="t-alert__content">
            <div className="t-alert__message">
              您的密码已被管理员重置，请尽快
              <Link className="lr-link" href="/profile/password">
                修改密码
              </Link>
              。
            </div>
          </div>
        </div>
      )}
      {props.showTodos && (
        <KitCard title="我的待办">
          <div className="lr-todo-grid" data-testid="workbench-todos">
            {props.todos.map((t) => (
              <TodoCard key={t.key} todo={t} />
            ))}
            {props.lateTodos}
          </div>
        </KitCard>
      )}
      <KitCard title="我可以使用的功能">
        {props.modules.length === 0 ? (
          <div className="lr-muted">当前角色暂无可用的业务功能，请联系安全管理员分配权限。</div>
        ) : (
          <div className="lr-card-grid" data-testid="workbench-modules">
            {props.modules.map((m) => (
              <Link key={m.key} href={m.path} className="t-card t-card--bordered lr-module">
                <div className="lr-module__title">{m.title}</div>
                <span className="lr-muted">{m.description}</span>
              </Link>
            ))}
          </div>
        )}
      </KitCard>
    </div>
  );
}
