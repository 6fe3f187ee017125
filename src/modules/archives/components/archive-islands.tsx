'use client';
import { useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Dialog, Form, Input, MessagePlugin, Select, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { FileUpload } from '@/ui/file-upload';
import { LabeledField } from '@/ui/labeled-field';
import { useRunAction } from '@/ui/use-run-action';
import { todayInShanghai } from '@/ui/format';
import { DOCUMENT_TYPE_LABEL, documentProblem, MAX_DOCUMENT_BYTES } from '@/platform/storage/document-types';
import { ARCHIVE_STAGES, ITEM_CATEGORIES, RETENTIONS, SECRECY_LEVELS } from '../constants';
import { fileNameProblem } from '../validation';
import { addArchiveItemAction, addArchiveItemFileAction, runArchiveCheckAction, saveArchiveSettingsAction } from '../actions';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp';
const checkFile = async (file: File) => fileNameProblem(file.name) ?? documentProblem(file.name, new Uint8Array(await file.arrayBuffer()));
const options = (values: readonly string[]) => values.map((v) => ({ label: v, value: v }));

const EMPTY = { stage: '', title: '', category: '', itemDate: '', department: '', retention: '', secrecy: '内部', pageCount: '', description: '' };

/** 著录: an item entered by hand with its first file (more files can be added to it afterwards). */
export function AddItemButton(props: { archiveId: string; ownerLabel: string }) {
  const { run, busy } = useRunAction();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY);
  // TDesign's Dialog keeps the confirm handler of an earlier render: what save() sends is read
  // from refs, which every change updates at once.
  const latest = useRef(EMPTY);
  const file = useRef<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof EMPTY) => (v: unknown) => {
    latest.current = { ...latest.current, [key]: String(v ?? '') };
    setValues(latest.current);
  };
  const save = async () => {
    const form = new FormData();
    form.set('archiveId', props.archiveId);
    for (const [k, v] of Object.entries(latest.current)) form.set(k, v);
    if (file.current) form.set('file', file.current);
    const res = await run(() => addArchiveItemAction(form), (d) => `已著录，档号 ${d.archiveNo}`, setErrors);
    if (res?.ok) {
      setOpen(false);
      latest.current = EMPTY;
      file.current = null;
      setValues(EMPTY);
    }
  };
  return (
    <>
      <Button theme="primary" onClick={() => setOpen(true)} data-testid="archive-add-item">
        著录
      </Button>
      <Dialog header={`著录档案条目：${props.ownerLabel}`} width={720} visible={open} onClose={() => setOpen(false)} confirmBtn={{ content: '著录并编档号', loading: busy }} onConfirm={() => void save()} destroyOnClose>
        <Form labelAlign="top" className="lr-archive-form" onSubmit={() => void save()} preventSubmitDefault>
          <LabeledField name="title" label="题名" required error={errors.title}>
            <Input value={values.title} maxlength={200} onChange={set('title')} />
          </LabeledField>
          <div className="lr-form-grid" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 16 }}>
            <LabeledField name="stage" label="阶段" required error={errors.stage}>
              <Select value={values.stage || undefined} placeholder="请选择" options={options(ARCHIVE_STAGES)} onChange={set('stage')} />
            </LabeledField>
            <LabeledField name="category" label="类别" required error={errors.category}>
              <Select value={values.category || undefined} placeholder="请选择" options={options(ITEM_CATEGORIES)} onChange={set('category')} />
            </LabeledField>
            <LabeledField name="itemDate" label="形成日期" required error={errors.itemDate} hint="如 2026-03-15">
              <DateField value={values.itemDate} onChange={set('itemDate')} notFuture max={todayInShanghai()} />
            </LabeledField>
            <LabeledField name="department" label="责任者" required error={errors.department} hint="形成文件的机关或科室">
              <Input value={values.department} maxlength={60} onChange={set('department')} />
            </LabeledField>
            <LabeledField name="retention" label="保管期限" required error={errors.retention}>
              <Select value={values.retention || undefined} placeholder="请选择" options={options(RETENTIONS)} onChange={set('retention')} />
            </LabeledField>
            <LabeledField name="secrecy" label="密级" required error={errors.secrecy} hint="内部：借阅须经领导审批">
              <Select value={values.secrecy} options={options(SECRECY_LEVELS)} onChange={set('secrecy')} />
            </LabeledField>
            <LabeledField name="pageCount" label="页数" error={errors.pageCount}>
              <Input value={values.pageCount} maxlength={5} onChange={set('pageCount')} />
            </LabeledField>
          </div>
          <LabeledField name="description" label="说明" error={errors.description}>
            <Textarea value={values.description} maxlength={1000} allowInputOverMax onChange={set('description')} />
          </LabeledField>
          <LabeledField name="file" label="文件" required error={errors.file ?? errors.bytes}>
            <FileUpload label="著录文件" testId="archive-item-file" accept={ACCEPT} typeLabel={DOCUMENT_TYPE_LABEL} maxBytes={MAX_DOCUMENT_BYTES} check={checkFile} onChoose={(f) => (file.current = f)} hint="其余文件可在著录后追加" />
          </LabeledField>
        </Form>
      </Dialog>
    </>
  );
}

/** 追加文件: one more file of an item, sent as soon as it is chosen. */
export function AddItemFileButton(props: { itemId: string; archiveNo: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const upload = async (file: File): Promise<string | null> => {
    const form = new FormData();
    form.set('itemId', props.itemId);
    form.set('file', file);
    const res = await addArchiveItemFileAction(form);
    if (!res.ok) return res.error;
    void MessagePlugin.success(`已追加文件「${file.name}」`);
    router.refresh();
    return null;
  };
  return (
    <>
      <Button size="small" variant="text" theme="primary" onClick={() => setOpen(true)}>
        追加文件
      </Button>
      <Dialog header={`追加文件：${props.archiveNo}`} visible={open} onClose={() => setOpen(false)} footer={false} destroyOnClose>
        <FileUpload label="追加档案文件" accept={ACCEPT} typeLabel={DOCUMENT_TYPE_LABEL} maxBytes={MAX_DOCUMENT_BYTES} check={checkFile} onUpload={upload} afterSuccess="clear" />
      </Dialog>
    </>
  );
}

/** 全宗号, 门类代码 and the 档号 rule, with a preview of the next number. */
export function ArchiveSettingsForm(props: { fondsCode: string; classCode: string; template: string }) {
  const { run, busy } = useRunAction();
  const [values, setValues] = useState({ fondsCode: props.fondsCode, classCode: props.classCode, template: props.template });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof values) => (v: unknown) => setValues((c) => ({ ...c, [key]: String(v ?? '') }));
  return (
    <Form labelAlign="top" className="lr-archive-form" style={{ maxWidth: 640 }} onSubmit={() => void run(() => saveArchiveSettingsAction(values), '已保存档号规则', setErrors)} preventSubmitDefault>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
        <LabeledField name="fondsCode" label="全宗号" required error={errors.fondsCode} hint="由市档案馆编制并告知">
          <Input value={values.fondsCode} maxlength={16} onChange={set('fondsCode')} />
        </LabeledField>
        <LabeledField name="classCode" label="档案门类代码" required error={errors.classCode} hint="文书档案为 WS">
          <Input value={values.classCode} maxlength={8} onChange={set('classCode')} />
        </LabeledField>
      </div>
      <LabeledField name="template" label="档号规则" required error={errors.template} hint="{fonds} 全宗号、{class} 门类代码、{year} 年度、{retention} 保管期限代码（Y/D30/D10）、{dept} 机构代码、{seq:4} 件号">
        <Input value={values.template} maxlength={80} onChange={set('template')} />
      </LabeledField>
      <Button type="submit" theme="primary" loading={busy} style={{ marginTop: 8 }} data-testid="archive-settings-save">
        保存
      </Button>
    </Form>
  );
}

/** 完整性检查: re-hashes every archive file now (the same check as `npm run archives:verify`). */
export function RunCheckButton() {
  const { run, busy } = useRunAction();
  return (
    <Button
      theme="primary"
      loading={busy}
      data-testid="archive-run-check"
      onClick={() => void run(() => runArchiveCheckAction(), (d) => (d.missing + d.altered === 0 ? `检查完成：${d.filesChecked} 个文件全部完好` : `检查完成：${d.filesChecked} 个文件，缺失 ${d.missing} 个，被篡改 ${d.altered} 个`))}
    >
      {busy ? '正在检查…' : '立即检查'}
    </Button>
  );
}
