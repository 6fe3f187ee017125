'use client';
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Space, Tag, Tooltip } from 'tdesign-react';
import { useRunAction } from '@/ui/use-run-action';
import { permissionFitsRole } from '@/platform/permissions/catalog';
import { saveRolePermissionsAction } from '../actions';
import { PERMISSION_KIND_LABELS, ROLE_KIND_LABELS } from '../kinds';
import type { PermissionGroupView, RoleView } from '../view';

function sameSet(a: string[], b: Set<string>): boolean {
  return a.length === b.size && a.every((c) => b.has(c));
}

/** Grouped checkboxes for the permission set of one role; saved as a whole. */
export function PermissionEditor({ role, groups, readOnlyReason }: { role: RoleView; groups: PermissionGroupView[]; readOnlyReason: string | null }) {
  const [checked, setChecked] = useState<Set<string>>(() => new Set(role.permissionCodes));
  const { run, busy } = useRunAction();
  const dirty = !sameSet(role.permissionCodes, checked);
  const readOnly = readOnlyReason !== null;
  const fits = useMemo(() => {
    const out = new Map<string, boolean>();
    for (const g of groups) for (const p of g.permissions) out.set(p.code, permissionFitsRole(p.kind, role.kind));
    return out;
  }, [groups, role.kind]);

  const toggle = (code: string, on: boolean) => {
    const next = new Set(checked);
    if (on) next.add(code);
    else next.delete(code);
    setChecked(next);
  };

  const toggleGroup = (group: PermissionGroupView, on: boolean) => {
    const next = new Set(checked);
    for (const p of group.permissions) {
      if (!fits.get(p.code)) continue;
      if (on) next.add(p.code);
      else next.delete(p.code);
    }
    setChecked(next);
  };

  const save = async () => {
    // useRunAction takes its success message before the call, so the counts are the diff the
    // server computes too: the saved set against the set this editor was opened with.
    const added = [...checked].filter((c) => !role.permissionCodes.includes(c)).length;
    const removed = role.permissionCodes.filter((c) => !checked.has(c)).length;
    await run(
      () => saveRolePermissionsAction({ roleId: role.id, permissionCodes: [...checked] }),
      `「${role.name}」的权限已保存（新增 ${added} 项，移除 ${removed} 项）`,
    );
  };

  return (
    <Card
      bordered={false}
      title={`「${role.name}」的权限`}
      description={`${ROLE_KIND_LABELS[role.kind]}角色，已选 ${checked.size} 项`}
      actions={
        !readOnly && (
          <Space size="small">
            <Button variant="outline" disabled={!dirty || busy} onClick={() => setChecked(new Set(role.permissionCodes))}>
              撤销修改
            </Button>
            <Button theme="primary" disabled={!dirty} loading={busy} onClick={save}>
              保存权限
            </Button>
          </Space>
        )
      }
    >
      {readOnly && <Alert theme="warning" message={readOnlyReason} style={{ marginBottom: 16 }} />}
      <Space direction="vertical" style={{ width: '100%' }} size="medium" data-testid="permission-groups">
        {groups.map((group) => {
          const eligible = group.permissions.filter((p) => fits.get(p.code));
          const selectedCount = eligible.filter((p) => checked.has(p.code)).length;
          return (
            <div key={group.name} style={{ borderBottom: '1px solid var(--td-component-stroke)', paddingBottom: 12 }}>
              <div style={{ marginBottom: 8 }}>
                <Checkbox
                  checked={eligible.length > 0 && selectedCount === eligible.length}
                  indeterminate={selectedCount > 0 && selectedCount < eligible.length}
                  disabled={readOnly || eligible.length === 0}
                  onChange={(on) => toggleGroup(group, on)}
                >
                  <strong>{group.name}</strong>
                </Checkbox>
              </div>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 24px', paddingLeft: 24 }}>
                {group.permissions.map((p) => {
                  const fit = fits.get(p.code) ?? false;
                  const box = (
                    <Checkbox key={p.code} checked={checked.has(p.code)} disabled={readOnly || !fit} onChange={(on) => toggle(p.code, on)}>
                      {p.name}
                      <span className="lr-muted" style={{ marginLeft: 4, fontSize: 12 }}>
                        {p.code}
                      </span>
                      {p.kind !== 'common' && (
                        <Tag size="small" variant="light" style={{ marginLeft: 4 }}>
                          {PERMISSION_KIND_LABELS[p.kind]}
                        </Tag>
                      )}
                    </Checkbox>
                  );
                  return fit ? (
                    box
                  ) : (
                    <Tooltip key={p.code} content={`三员分立：此权限只能授予${PERMISSION_KIND_LABELS[p.kind]}角色`}>
                      <span>{box}</span>
                    </Tooltip>
                  );
                })}
              </div>
            </div>
          );
        })}
      </Space>
    </Card>
  );
}
