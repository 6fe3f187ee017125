'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button, Dialog, Form, Input, MessagePlugin, Popconfirm, Textarea } from 'tdesign-react';
import { DateField } from '@/ui/date-field';
import { describeZodError } from '@/platform/validation';
import type { ActionResult } from '@/platform/action';
import { FileUpload, type TUploadStatus, type UploadItem } from '@/ui/file-upload';
import { LabeledField } from '@/ui/labeled-field';
import { MAX_PHOTO_BYTES, PHOTO_ACCEPT, PHOTO_TYPE_LABEL, sniffImageType } from '@/platform/storage/image-types';
import { useRunAction } from '@/ui/use-run-action';
import { addInspectionPhotoAction, createInspectionAction, deleteInspectionPhotoAction, updateInspectionAction } from '../actions';
import { MAX_PHOTOS_PER_INSPECTION, ZCreateInspection, ZUpdateInspection } from '../validation';
import type { InspectionView } from '../queries';

interface Values {
  inspectedOn: string;
  inspector: string;
  findings: string;
  rectification: string;
  rectifiedOn: string;
}

/** The same check the server makes, by content (magic bytes), before anything is sent. */
async function photoContentProblem(file: File): Promise<string | null> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  return sniffImageType(head) ? null : `照片「${file.name}」不是 ${PHOTO_TYPE_LABEL} 图片（按文件内容识别，改扩展名无效）`;
}

/**
 * Uploads the chosen photos one request each, marking each one's status in the picker; returns
 * the Chinese reasons of those that failed.
 */
async function uploadPhotos(inspectionId: string, photos: UploadItem[], mark: (key: number, status: TUploadStatus, error?: string) => void): Promise<string[]> {
  const failures: string[] = [];
  for (const p of photos) {
    mark(p.key, 'progress');
    const form = new FormData();
    form.set('inspectionId', inspectionId);
    form.set('file', p.file, p.file.name);
    let error: string | null;
    try {
      const res = await addInspectionPhotoAction(form);
      error = res.ok ? null : res.error;
    } catch {
      error = `照片「${p.file.name}」上传失败（网络中断或超出服务器允许的大小）`;
    }
    if (error) failures.push(error);
    mark(p.key, error ? 'fail' : 'success', error ?? undefined);
  }
  return failures;
}

/**
 * Record (inspection = null) or edit an inspection, with its photos. The record is saved first,
 * then each new photo is uploaded; a photo that fails is reported and can be added again later.
 */
export function InspectionDialog(props: { parcelId: string; inspection: InspectionView | null; today: string; onClose: () => void }) {
  const { inspection } = props;
  const editing = !!inspection;
  const router = useRouter();
  const { run: runDelete } = useRunAction();
  const [v, setV] = useState<Values>({
    inspectedOn: inspection?.inspectedOn ?? props.today,
    inspector: inspection?.inspector ?? '',
    findings: inspection?.findings ?? '',
    rectification: inspection?.rectification ?? '',
    rectifiedOn: inspection?.rectifiedOn ?? '',
  });
  const [picked, setPicked] = useState<UploadItem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setV((old) => ({ ...old, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const existing = inspection?.photos ?? [];

  const submit = async () => {
    const input = editing ? { ...v, id: inspection.id } : { ...v, parcelId: props.parcelId };
    const parsed = editing ? ZUpdateInspection.safeParse(input) : ZCreateInspection.safeParse(input);
    if (!parsed.success) {
      const described = describeZodError(parsed.error);
      setErrors(described.fieldErrors);
      void MessagePlugin.error(described.message);
      return;
    }
    setBusy(true);
    try {
      let res: ActionResult<{ id: string }>;
      try {
        res = editing ? await updateInspectionAction(input) : await createInspectionAction(input);
      } catch {
        void MessagePlugin.error('无法连接服务器，请稍后重试');
        return;
      }
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        void MessagePlugin.error(res.error);
        return;
      }
      const mark = (key: number, status: TUploadStatus, error?: string) =>
        setPicked((list) => list.map((p) => (p.key === key ? { ...p, status, error } : p)));
      const failures = await uploadPhotos(res.data.id, picked, mark);
      router.refresh();
      const what = editing ? '已保存巡查记录' : '已登记巡查记录';
      if (failures.length === 0) {
        void MessagePlugin.success(picked.length ? `${what}，上传照片 ${picked.length} 张` : what);
      } else {
        void MessagePlugin.warning({
          content: `${what}，但有 ${failures.length} 张照片未上传：${failures.join('；')}。可在「编辑」中重新添加。`,
          duration: 10000,
        });
      }
      props.onClose();
    } finally {
      setBusy(false);
    }
  };

  const uploaded = picked.filter((p) => p.status === 'success' || p.status === 'fail').length;
  const uploading = busy && picked.length > 0 ? `（照片 ${uploaded}/${picked.length}）` : '';
  const room = MAX_PHOTOS_PER_INSPECTION - existing.length;

  return (
    <Dialog
      visible
      header={editing ? `编辑巡查记录：${inspection.inspectedOn}` : '登记管护巡查'}
      width={640}
      confirmBtn={{ content: `保存${uploading}`, loading: busy }}
      cancelBtn="取消"
      onConfirm={submit}
      onClose={props.onClose}
      closeOnOverlayClick={false}
    >
      <Form labelAlign="top" preventSubmitDefault>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <LabeledField name="inspectedOn" label="巡查日期" required error={errors.inspectedOn}>
            <DateField value={v.inspectedOn} clearable={false} onChange={(val) => set('inspectedOn', val)} notFuture />
          </LabeledField>
          <LabeledField name="inspector" label="巡查人" required error={errors.inspector}>
            <Input value={v.inspector} maxlength={64} allowInputOverMax showLimitNumber onChange={(val) => set('inspector', String(val))} />
          </LabeledField>
        </div>
        <LabeledField name="findings" label="巡查发现" error={errors.findings} hint="如侵占、倾倒、围挡损坏、安全隐患等；无异常可填「未见异常」">
          <Textarea value={v.findings} maxlength={1000} allowInputOverMax autosize={{ minRows: 2, maxRows: 6 }} onChange={(val) => set('findings', String(val))} />
        </LabeledField>
        <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', columnGap: 16 }}>
          <LabeledField name="rectification" label="整改情况" error={errors.rectification}>
            <Textarea value={v.rectification} maxlength={1000} allowInputOverMax autosize={{ minRows: 2, maxRows: 6 }} onChange={(val) => set('rectification', String(val))} />
          </LabeledField>
          <LabeledField name="rectifiedOn" label="整改完成日期" error={errors.rectifiedOn} hint="不早于巡查日期">
            <DateField value={v.rectifiedOn} onChange={(val) => set('rectifiedOn', val)} min={v.inspectedOn || null} notFuture />
          </LabeledField>
        </div>
        {existing.length > 0 && (
          <div style={{ marginBottom: 12 }}>
            <div className="lr-field__label">已上传照片</div>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {existing.map((p) => (
                <div key={p.id} style={{ textAlign: 'center', width: 72 }}>
                  {/* Served by /api/files (parcel:view). */}
                  <img src={p.url} alt={p.fileName} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 3 }} />
                  <Popconfirm content={`删除照片「${p.fileName}」？`} theme="danger" onConfirm={() => runDelete(() => deleteInspectionPhotoAction({ id: p.id }), '已删除照片')}>
                    <Button size="small" variant="text" theme="danger">
                      删除
                    </Button>
                  </Popconfirm>
                </div>
              ))}
            </div>
          </div>
        )}
        <div className="lr-field__label">{editing ? '添加照片' : '现场照片'}</div>
        <FileUpload
          label={editing ? '添加照片' : '现场照片'}
          testId="photo-input"
          accept={PHOTO_ACCEPT}
          typeLabel={PHOTO_TYPE_LABEL}
          maxBytes={MAX_PHOTO_BYTES}
          check={photoContentProblem}
          hint={`每次巡查最多 ${MAX_PHOTOS_PER_INSPECTION} 张（还可添加 ${Math.max(0, room - picked.length)} 张）`}
          images={{ value: picked, onChange: setPicked, max: room }}
        />
      </Form>
    </Dialog>
  );
}
