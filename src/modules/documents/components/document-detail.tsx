import type { ReactNode } from 'react';
import { KitCard } from '@/ui/kit/card';
import { DescList } from '@/ui/kit/desc-list';
import { KitTimeline } from '@/ui/kit/timeline';
import { KitTag } from '@/ui/kit/tag';
import { LinkButton } from '@/ui/kit/link-button';
import { ObjectRef } from '@/ui/kit/object-ref';
import type { DocumentDetailView } from '../view';
import { DocumentStatusTag } from './document-status-tag';
import { DocumentFlowIsland } from './document-flow-island';
import { DocumentAttachments } from './document-attachments';

/**
 * 发文 detail: description blocks, body, links, attachments, the flow (steps and the history
 * with opinions as a timeline) and the action of the current step for whoever holds it.
 *
 * `signature`: the 签名有效/无效 badge with signer and time, shown in the 签发 row;
 * `exports`: the .docx download and 打印 buttons, shown in the header next to 修改.
 */
export function DocumentDetail(props: { view: DocumentDetailView; signature?: ReactNode; exports?: ReactNode }) {
  const v = props.view;
  const current = v.steps.find((s) => s.state === 'current');
  return (
    <>
      <KitCard
        testId="document-detail"
        title={
          <span>
            {v.title} {v.isDemo && <KitTag variant="outline">演示</KitTag>}
          </span>
        }
        actions={
          <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
            <DocumentStatusTag status={v.status} step={current?.name} />
            {props.exports}
            {v.actions.canEdit && <LinkButton href={`/documents/${v.id}/edit`}>修改</LinkButton>}
            {v.actions.step && <DocumentFlowIsland id={v.id} title={v.title} step={v.actions.step} />}
          </span>
        }
      >
        <DescList
          testId="document-fields"
          column={3}
          items={[
            { label: '发文字号', content: v.docNo ?? <span className="lr-muted">签发时编号</span>, testId: 'document-no' },
            { label: '公文类型', content: v.docType },
            { label: '紧急程度', content: v.urgency },
            { label: '发文机关', content: v.issuingOrg },
            { label: '密级', content: v.secrecy },
            { label: '成文日期', content: v.docDate },
            { label: '主送机关', content: v.mainRecipients, span: 3 },
            { label: '抄送机关', content: v.copyRecipients, span: 3 },
            { label: '拟稿', content: [v.departmentName, v.drafterName].filter(Boolean).join(' ') },
            {
              label: '签发',
              span: 2,
              testId: 'document-signer',
              // The signature badge names the signer and the time itself (from the signed payload).
              content: props.signature ?? (v.signerName ? (
                <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
                  {v.signerName}
                  <span className="lr-muted">{v.signedText}</span>
                </span>
              ) : null),
            },
          ]}
        />
      </KitCard>
      <KitCard title="正文" testId="document-body">
        {v.body ? <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9 }}>{v.body}</div> : <span className="lr-muted">尚无正文</span>}
      </KitCard>
      <KitCard title={`附件（${v.attachments.length}）`}>
        <DocumentAttachments id={v.id} files={v.attachments} canEdit={v.actions.canUpload} />
      </KitCard>
      <KitCard title="关联">
        {v.links.length === 0 ? (
          <span className="lr-muted">未关联储备计划、项目或地块</span>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }} data-testid="document-links">
            {v.links.map((l) => (
              <li key={`${l.type}:${l.id}`} style={{ padding: '2px 0' }}>
                <span className="lr-muted" style={{ marginRight: 8 }}>
                  {l.typeLabel}
                </span>
                <ObjectRef value={{ id: l.id, code: l.code, name: l.name, href: l.href }} />
              </li>
            ))}
          </ul>
        )}
      </KitCard>
      <KitCard title="审批流程" testId="document-flow">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }} data-testid="document-steps">
          {v.steps.map((s, i) => (
            <span key={s.key} title={s.note ?? undefined} style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
              <KitTag theme={s.state === 'done' ? 'success' : s.state === 'current' ? (v.flowStatus === '已退回' ? 'danger' : 'primary') : 'default'} variant={s.state === 'waiting' ? 'outline' : 'light'}>
                {s.name}
                {s.state === 'current' && v.flowStatus === '已退回' ? '（已退回）' : ''}
              </KitTag>
              {s.note && s.state === 'current' && <span className="lr-muted">{s.note}</span>}
              {i < v.steps.length - 1 && <span className="lr-muted">→</span>}
            </span>
          ))}
        </div>
        {v.history.length === 0 ? (
          <span className="lr-muted">尚未提交</span>
        ) : (
          <KitTimeline
            testId="document-history"
            items={v.history.map((h) => ({
              key: h.id,
              label: h.atText,
              color: h.decision === '退回' ? 'var(--td-error-color)' : undefined,
              content: (
                <div>
                  <b>{h.stepName}</b>
                  <span style={{ marginLeft: 8 }}>{h.actorName}</span>
                  {h.departmentName && <span className="lr-muted">（{h.departmentName}）</span>}
                  <span style={{ marginLeft: 8 }}>
                    <KitTag theme={h.decision === '退回' ? 'danger' : 'success'}>{h.stepName === '拟稿' && h.decision === '通过' ? '提交' : h.decision}</KitTag>
                  </span>
                  {h.opinion && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>意见：{h.opinion}</div>}
                </div>
              ),
            }))}
          />
        )}
      </KitCard>
    </>
  );
}
