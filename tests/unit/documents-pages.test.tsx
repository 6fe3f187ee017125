import { describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: () => {}, refresh: () => {} }) }));
vi.mock('../../src/modules/documents/actions', () => ({
  actOnDocumentAction: async () => ({ ok: true, data: {} }),
  uploadDocumentAttachmentAction: async () => ({ ok: true, data: {} }),
  deleteDocumentAttachmentAction: async () => ({ ok: true, data: {} }),
  createDocumentAction: async () => ({ ok: true, data: {} }),
  updateDocumentAction: async () => ({ ok: true, data: {} }),
  saveDocumentFlowAction: async () => ({ ok: true, data: {} }),
  saveNumberRuleAction: async () => ({ ok: true, data: {} }),
}));

const { DocumentDetail } = await import('../../src/modules/documents/components/document-detail');
const { DocumentsList } = await import('../../src/modules/documents/components/documents-list');
const { ZDocumentFilter } = await import('../../src/modules/documents/validation');
const { DocumentSettings } = await import('../../src/modules/documents/components/document-settings');
const { DocumentForm } = await import('../../src/modules/documents/components/document-form');
const { EMPTY_DOCUMENT_FORM } = await import('../../src/modules/documents/view');
type View = import('../../src/modules/documents/view').DocumentDetailView;

const view = (patch: Partial<View> = {}): View => ({
  id: 'D1',
  version: 3,
  title: '关于开展自查的通知',
  docNo: '益土储发〔2026〕12号',
  docType: '通知',
  issuingOrg: '益阳市土地储备中心',
  mainRecipients: '各科室',
  copyRecipients: null,
  urgency: '平件',
  secrecy: '内部',
  docDate: '2026-12-07',
  body: '各科室：\n请自查。',
  status: '已签发',
  signed: true,
  departmentName: '办公室',
  drafterName: '王经办',
  signerName: '张主任',
  signedText: '2026-12-07 10:00:00',
  isDemo: false,
  links: [{ type: 'project', typeLabel: '储备项目', id: 'P1', code: 'XM-1', name: '东片区', href: '/projects/P1' }],
  attachments: [{ id: 'A1', fileName: '附件1.pdf', sizeText: '0.1 MB', url: '/api/documents/files/A1' }],
  steps: [
    { key: 'draft', name: '拟稿', state: 'done', note: null },
    { key: 'issue', name: '签发', state: 'done', note: null },
    { key: 'seal', name: '用印', state: 'current', note: null },
  ],
  flowStatus: '进行中',
  history: [
    { id: 'h1', stepName: '拟稿', departmentName: '办公室', actorName: '王经办', decision: '通过', opinion: null, atText: '2026-12-07 09:00:00', round: 1 },
    { id: 'h2', stepName: '签发', departmentName: null, actorName: '张主任', decision: '通过', opinion: '同意印发', atText: '2026-12-07 10:00:00', round: 1 },
  ],
  actions: { canEdit: false, canUpload: false, step: { key: 'seal', name: '用印', isDraft: false, countersign: false } },
  ...patch,
});

describe('发文 pages', () => {
  it('the detail shows fields, body, links, attachments, the timeline with opinions, the step action and the integrator slots', () => {
    const html = renderToStaticMarkup(<DocumentDetail view={view()} signature={<span>签名有效</span>} exports={<a href="/x.docx">下载 Word</a>} />);
    for (const text of ['益土储发〔2026〕12号', '各科室：\n请自查。', '东片区', '附件1.pdf', '同意印发', '张主任', '签名有效', '下载 Word', '用印']) expect(html).toContain(text);
    expect(html).toContain('data-testid="document-approve"');
    expect(html).not.toContain('/documents/D1/edit');
  });
  it('a returned draft offers 修改 and 提交 to its drafter, no 退回', () => {
    const html = renderToStaticMarkup(
      <DocumentDetail view={view({ status: '已退回', docNo: null, signerName: null, flowStatus: '已退回', actions: { canEdit: true, canUpload: true, step: { key: 'draft', name: '拟稿', isDraft: true, countersign: false } } })} />,
    );
    expect(html).toContain('/documents/D1/edit');
    expect(html).toContain('提交');
    expect(html).not.toContain('data-testid="document-return"');
    expect(html).toContain('签发时编号');
  });
  it('the list renders rows with number, status and step', () => {
    const html = renderToStaticMarkup(
      <DocumentsList
        filter={ZDocumentFilter.parse({})}
        sorted={false}
        total={1}
        rows={[{ id: 'D1', docNo: null, title: '关于开展自查的通知', docType: '通知', urgency: '特急', secrecy: '内部', docDate: null, status: '审批中', currentStepName: '核稿', departmentName: '办公室', drafterName: '王经办', isDemo: true, createdText: '2026-12-07 09:00:00' }]}
        years={[2026]}
        departments={[{ value: 'X', label: '办公室' }]}
        canDraft
        canExport
        canAdmin
      />,
    );
    for (const text of ['关于开展自查的通知', '未签发', '特急', '待核稿', '/api/documents/export', '/documents/new', '/documents/settings']) expect(html).toContain(text);
  });
});

describe('发文 forms', () => {
  it('the settings show the steps of the type and the number rule with its example', () => {
    const html = renderToStaticMarkup(
      <DocumentSettings
        year={2026}
        roles={[{ value: 'r1', label: '经办' }]}
        departments={[]}
        types={[
          {
            docType: '通知',
            isDefault: true,
            updatedText: null,
            template: '益土储发〔{year}〕{seq}号',
            templateIsDefault: true,
            steps: [
              { key: 'draft', name: '拟稿', roleId: 'r1', mode: 'single', departmentIds: [], optional: false },
              { key: 'issue', name: '签发', roleId: 'r1', mode: 'single', departmentIds: [], optional: false },
            ],
          },
        ]}
      />,
    );
    for (const text of ['发文流程', '益土储发〔2026〕12号', '添加会签', '当前为默认流程']) expect(html).toContain(text);
  });
  it('the form offers to skip the optional 会签 only for a type whose flow has one', () => {
    const props = { document: null, plans: [], projects: [], parcels: [] };
    expect(renderToStaticMarkup(<DocumentForm {...props} initial={EMPTY_DOCUMENT_FORM} optionalSteps={{ 通知: ['会签'] }} />)).toContain('本件不需要会签');
    expect(renderToStaticMarkup(<DocumentForm {...props} initial={EMPTY_DOCUMENT_FORM} optionalSteps={{ 通知: [] }} />)).not.toContain('本件不需要');
  });
});

