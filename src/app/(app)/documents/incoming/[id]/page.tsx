import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/platform/auth/current-user';
import { getDb } from '@/platform/db';
import { getSettings } from '@/platform/settings';
import { hasPermission } from '@/platform/permissions/check';
import { formatDateTime, todayInShanghai } from '@/ui/format';
import { getIncoming, listDepartmentOptions } from '@/modules/documents/incoming/queries';
import { availableSteps, dueText, isDueSoon, isOverdue, type TIncomingState } from '@/modules/documents/incoming/rules';
import { IncomingDetail } from '@/modules/documents/incoming/components/incoming-detail';

export const metadata: Metadata = { title: '收文' };

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export default async function IncomingDocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission('incoming:view');
  const { id } = await params;
  const db = await getDb();
  const detail = await getIncoming(db, id);
  if (!detail) notFound();
  const { doc } = detail;
  const today = todayInShanghai();
  const remind = (await getSettings(db))['incoming.remindDays'];
  const state = doc.state as TIncomingState;
  const facts = { state, assignments: detail.assignments.map((a) => ({ id: a.id, departmentId: a.departmentId, status: a.status, dueOn: a.dueOn })) };
  const { steps, myAssignments } = availableSteps(facts, { permissions: user.permissions, departmentId: user.departmentId });
  const departments = steps.includes('assign') ? await listDepartmentOptions(db) : [];
  const live = detail.assignments.filter((a) => a.status !== 'reassigned');
  return (
    <IncomingDetail
      view={{
        id: doc.id,
        receiptNo: doc.receiptNo,
        title: doc.title,
        state,
        isDemo: doc.isDemo,
        overdue: live.some((a) => isOverdue(a, today)),
        facts: {
          senderOrg: doc.senderOrg,
          senderNo: doc.senderNo,
          docType: doc.docType,
          urgency: doc.urgency,
          secrecy: doc.secrecy,
          receivedOn: doc.receivedOn,
          writtenOn: doc.writtenOn,
          pageCount: doc.pageCount,
          summary: doc.summary,
          registeredBy: detail.people.registeredBy,
          plan: detail.links.plan,
          project: detail.links.project,
          parcel: detail.links.parcel,
          reply: doc.replyDocTitle ? { id: doc.replyDocId, title: doc.replyDocTitle } : null,
        },
        opinions: [
          { label: '拟办意见', text: doc.proposal, by: detail.people.proposedBy, at: formatDateTime(doc.proposedAt) },
          { label: '领导批示', text: doc.instruction, by: detail.people.instructedBy, at: formatDateTime(doc.instructedAt) },
          { label: '办结说明', text: doc.completionNote, by: detail.people.completedBy, at: formatDateTime(doc.completedAt) },
        ],
        assignments: detail.assignments.map((a) => ({
          id: a.id,
          departmentName: a.departmentName,
          dueOn: a.dueOn,
          status: a.status,
          dueText: dueText(a, today),
          overdue: isOverdue(a, today),
          soon: isDueSoon(a, today, remind),
          request: a.request,
          result: a.status === 'done' ? a.handlingNote : a.returnReason,
          by: a.status === 'done' ? a.handledBy : a.returnedBy,
          at: formatDateTime(a.status === 'done' ? a.handledAt : a.returnedAt),
        })),
        steps: detail.steps.map((s) => ({ id: s.id, action: s.action, at: formatDateTime(s.createdAt), actor: s.actor, departmentName: s.departmentName, opinion: s.opinion })),
        actions: {
          id: doc.id,
          receiptNo: doc.receiptNo,
          title: doc.title,
          steps,
          myAssignments: detail.assignments
            .filter((a) => myAssignments.some((m) => m.id === a.id))
            .map((a) => ({ id: a.id, departmentName: a.departmentName, dueOn: a.dueOn, dueText: dueText(a, today) })),
          departments,
          today,
          returnedDepartments: detail.assignments.filter((a) => a.status === 'returned').map((a) => a.departmentName),
        },
        attachments: {
          documentId: doc.id,
          files: detail.attachments.map((a) => ({ id: a.id, fileName: a.fileName, url: a.url, sizeText: sizeText(a.sizeBytes) })),
          canUpload: hasPermission(user, 'incoming:register') && state !== 'archived',
          canDelete: hasPermission(user, 'incoming:register') && state !== 'completed' && state !== 'archived',
        },
      }}
    />
  );
}
