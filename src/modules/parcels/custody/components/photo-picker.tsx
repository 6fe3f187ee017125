'use client';
import { useEffect, useRef } from 'react';
import { Button, MessagePlugin } from 'tdesign-react';
import { CloseIcon, UploadIcon } from 'tdesign-icons-react';
import { formatMb, MAX_PHOTO_BYTES, MAX_PHOTO_MB, PHOTO_MIME_TYPES, PHOTO_TYPE_LABEL, sniffImageType } from '@/platform/storage/image-types';

export interface PickedPhoto {
  key: number;
  file: File;
  preview: string;
}

let nextKey = 1;

/** The same checks the server makes, run before anything is sent: content type by magic bytes, size. */
async function pickProblem(file: File): Promise<string | null> {
  if (file.size === 0) return `照片「${file.name}」是空文件`;
  if (file.size > MAX_PHOTO_BYTES) return `照片「${file.name}」超过 ${MAX_PHOTO_MB} MB（${formatMb(file.size)} MB）`;
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (!sniffImageType(head)) return `照片「${file.name}」不是 ${PHOTO_TYPE_LABEL} 图片（按文件内容识别，改扩展名无效）`;
  return null;
}

/** Chooses photos to upload with an inspection: checked here, uploaded by the dialog after saving. */
export function PhotoPicker(props: { picked: PickedPhoto[]; room: number; onChange: (picked: PickedPhoto[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(props.picked);
  useEffect(() => {
    latest.current = props.picked;
  });
  // Release the preview URLs when the dialog goes away.
  useEffect(() => () => latest.current.forEach((p) => URL.revokeObjectURL(p.preview)), []);

  const choose = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const accepted: PickedPhoto[] = [];
    const problems: string[] = [];
    let room = props.room - props.picked.length;
    for (const file of Array.from(files)) {
      const problem = await pickProblem(file);
      if (problem) problems.push(problem);
      else if (room <= 0) problems.push(`照片「${file.name}」未加入：每次巡查最多 9 张`);
      else {
        accepted.push({ key: nextKey++, file, preview: URL.createObjectURL(file) });
        room--;
      }
    }
    if (problems.length) void MessagePlugin.warning({ content: problems.join('；'), duration: 6000 });
    props.onChange([...props.picked, ...accepted]);
    if (input.current) input.current.value = '';
  };

  const remove = (key: number) => {
    const gone = props.picked.find((p) => p.key === key);
    if (gone) URL.revokeObjectURL(gone.preview);
    props.onChange(props.picked.filter((p) => p.key !== key));
  };

  return (
    <div>
      <input
        ref={input}
        type="file"
        accept={PHOTO_MIME_TYPES.join(',')}
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => void choose(e.currentTarget.files)}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        {props.picked.map((p) => (
          <div key={p.key} style={{ position: 'relative', lineHeight: 0 }} title={p.file.name}>
            {/* A local preview (object URL) of the chosen file. */}
            <img src={p.preview} alt={p.file.name} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 3, border: '1px solid var(--td-component-stroke)' }} />
            <Button
              size="small"
              shape="circle"
              theme="danger"
              icon={<CloseIcon />}
              aria-label={`移除 ${p.file.name}`}
              onClick={() => remove(p.key)}
              style={{ position: 'absolute', top: -8, right: -8 }}
            />
          </div>
        ))}
        <Button variant="dashed" icon={<UploadIcon />} disabled={props.picked.length >= props.room} onClick={() => input.current?.click()}>
          选择照片
        </Button>
      </div>
      <div className="lr-muted" style={{ fontSize: 12, marginTop: 4 }}>
        {PHOTO_TYPE_LABEL}，每张不超过 {MAX_PHOTO_MB} MB，每次巡查最多 9 张（还可添加 {Math.max(0, props.room - props.picked.length)} 张）
      </div>
    </div>
  );
}
