import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: () => {}, refresh: () => {}, back: () => {} }) }));
// The server actions are not called while rendering; their module would need a request scope.
vi.mock('../../src/modules/documents/incoming/actions', () => ({}));

const { IncomingList } = await import('../../src/modules/documents/incoming/components/incoming-list');
const { IncomingDetail } = await import('../../src/modules/documents/incoming/components/incoming-detail');
const { ZIncomingFilter } = await import('../../src/modules/documents/incoming/validation');

const person = { name: '李科长（演示）', department: '收储科' };

describe('收文 pages on the page kit', () => {
  it('the list shows each document with its parts, due text, overdue tag and demo mark; export and 登记 links follow the permissions', () => {
    const html = renderToStaticMarkup(
      <IncomingList
        filter={ZIncomingFilter.parse({ overdue: '1', type: '通知' })}
        sorted={false}
        total={1}
        rows={[
          {
            id: 'D1',
            receiptNo: '收文〔2026〕7号',
            receivedOn: '2026-05-01',
            senderOrg: '益阳市自然资源和规划局',
            senderNo: '益自然资发〔2026〕8号',
            title: '关于报送执行情况的通知',
            docType: '通知',
            urgency: '特急',
            state: 'handling',
            isDemo: true,
            parts: [
              { name: '收储科', dueOn: '2026-05-08', dueText: '逾期 2 天', overdue: true, soon: false },
              { name: '开发科', dueOn: '2026-05-12', dueText: '剩 2 天', overdue: false, soon: true },
            ],
            overdue: true,
          },
        ]}
        departments={[{ value: 'K1', label: '收储科' }]}
        years={[2026, 2025]}
        canRegister={false}
        canExport
      />,
    );
    expect(html).toContain('收文〔2026〕7号');
    expect(html).toContain('href="/documents/incoming/D1"');
    expect(html).toContain('逾期 2 天');
    expect(html).toContain('剩 2 天');
    expect(html).toContain('办理中');
    expect(html).toContain('演示');
    expect(html).toContain('/api/documents/incoming/export?');
    expect(html).toContain('overdue=1');
    expect(html).not.toContain('登记收文');
  });

  it('the detail shows the facts, opinions, parts with due dates, the timeline and the viewer’s step buttons', () => {
    const html = renderToStaticMarkup(
      <IncomingDetail
        view={{
          id: 'D1',
          receiptNo: '收文〔2026〕7号',
          title: '关于报送执行情况的通知',
          state: 'handling',
          isDemo: false,
          overdue: true,
          facts: {
            senderOrg: '益阳市自然资源和规划局',
            senderNo: '益自然资发〔2026〕8号',
            docType: '通知',
            urgency: '加急',
            secrecy: '内部',
            receivedOn: '2026-05-01',
            writtenOn: '2026-04-29',
            pageCount: 4,
            summary: '请按期报送。',
            registeredBy: { name: '王经办（演示）', department: '收储科' },
            plan: null,
            project: { id: 'P1', label: 'XM-001 赫山片区' },
            parcel: null,
            reply: null,
          },
          opinions: [
            { label: '拟办意见', text: '拟请收储科办理', by: person, at: '2026-05-01 10:00' },
            { label: '领导批示', text: '同意', by: { name: '张主任（演示）', department: null }, at: '2026-05-02 09:00' },
            { label: '办结说明', text: null, by: null, at: '' },
          ],
          assignments: [
            { id: 'A1', departmentName: '收储科', dueOn: '2026-05-08', status: 'pending', dueText: '逾期 2 天', overdue: true, soon: false, request: '汇总', result: null, by: null, at: '' },
          ],
          steps: [
            { id: 'S1', action: 'register', at: '2026-05-01 09:00', actor: { name: '王经办（演示）', department: '收储科' }, departmentName: null, opinion: null },
            { id: 'S2', action: 'propose', at: '2026-05-01 10:00', actor: person, departmentName: null, opinion: '拟请收储科办理' },
          ],
          actions: {
            id: 'D1',
            receiptNo: '收文〔2026〕7号',
            title: '关于报送执行情况的通知',
            steps: [],
            myAssignments: [{ id: 'A1', departmentName: '收储科', dueOn: '2026-05-08', dueText: '逾期 2 天' }],
            departments: [],
            today: '2026-05-10',
            returnedDepartments: [],
          },
          attachments: { documentId: 'D1', files: [{ id: 'F1', fileName: '来文.pdf', url: '/api/documents/incoming/files/F1', sizeText: '12 KB' }], canUpload: false, canDelete: false },
        }}
      />,
    );
    expect(html).toContain('data-testid="incoming-no"');
    expect(html).toContain('益自然资发〔2026〕8号');
    expect(html).toContain('href="/projects/P1"');
    expect(html).toContain('拟请收储科办理');
    expect(html).toContain('张主任（演示）');
    expect(html).not.toContain('办结说明');
    expect(html).toContain('逾期 2 天');
    expect(html).toContain('data-testid="incoming-timeline"');
    expect(html.match(/data-testid="incoming-step"/g)).toHaveLength(2);
    expect(html).toContain('退回分办');
    expect(html).toContain('/api/documents/incoming/files/F1');
  });
});
