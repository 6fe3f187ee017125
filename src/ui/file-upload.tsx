'use client';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Upload, type UploadChangeContext, type UploadFile } from 'tdesign-react';
import type { UploadRef } from 'tdesign-react/es/upload/interface';
import { CloudUploadIcon, FileIcon, ImageIcon } from 'tdesign-icons-react';
import { fileProblem, fileRuleHint, formatFileSize, type FileRule } from './file-checks';
import { todayInShanghai } from './format';

/**
 * The one file picker of the application, on TDesign's Upload: click or drag and drop (or paste),
 * the accepted types and the size limit shown under it, a Chinese message for a wrong type, an
 * empty or too large file before anything is sent, and the chosen files with their status.
 *
 * Two ways to use it:
 * - `onUpload`: one file, sent at once by the caller (a server action or a route) — the picker
 *   shows 上传中 / 上传成功 / 上传失败 with the reason the caller returns;
 * - `onChoose`: one file chosen now and sent later with its form (shown as 待上传);
 * - `images`: several images chosen now and sent later by the caller, which owns the list and sets
 *   each item's status (the inspection dialog saves the record first, then its photos).
 *
 * The server checks every file again; nothing here replaces that.
 */

export type TUploadStatus = 'waiting' | 'progress' | 'success' | 'fail';

export interface UploadItem {
  key: number;
  file: File;
  status: TUploadStatus;
  /** Why it failed (Chinese). */
  error?: string;
}

interface BaseProps extends FileRule {
  /** Accessible name of the file input: what screen readers announce and tests find it by. */
  label: string;
  /** The module's content check (magic bytes …), after the extension and size checks. */
  check?: (file: File) => Promise<string | null> | string | null;
  /** Added after the types and size, e.g. 「每次巡查最多 9 张」. */
  hint?: string;
  testId?: string;
  disabled?: boolean;
}

export interface SendNowProps extends BaseProps {
  /** Sends the file; resolves to null when it was taken, else the Chinese reason. */
  onUpload: (file: File) => Promise<string | null>;
  /** 'keep' (default): the file stays shown as uploaded; 'clear': the picker empties (the page lists the file). */
  afterSuccess?: 'keep' | 'clear';
  /** The user removed the shown file. */
  onClear?: () => void;
  /** One line high, for a picker inside a list (e.g. each lifecycle event). */
  compact?: boolean;
}

/** One file chosen now and sent later with a form (the caller keeps it; status 待上传). */
export interface ChooseProps extends BaseProps {
  onChoose: (file: File | null) => void;
}

export interface ImagesProps extends BaseProps {
  images: { value: UploadItem[]; onChange: (items: UploadItem[]) => void; max: number };
}

const STATUS_TEXT: Record<TUploadStatus, string> = { waiting: '待上传', progress: '上传中…', success: '上传成功', fail: '上传失败' };
const STATUS_COLOR: Record<TUploadStatus, string> = {
  waiting: 'var(--td-text-color-secondary)',
  progress: 'var(--td-brand-color)',
  success: 'var(--td-success-color)',
  fail: 'var(--td-error-color)',
};
const UNREACHABLE = '上传失败：无法连接服务器，请稍后重试';

let nextKey = 1;

function toUploadFile(item: UploadItem): UploadFile {
  return {
    name: item.file.name,
    size: item.file.size,
    type: item.file.type,
    raw: item.file,
    lastModified: item.file.lastModified,
    status: item.status,
    percent: item.status === 'success' ? 100 : 0,
    uploadTime: todayInShanghai(),
    response: item.error ? { error: item.error } : {},
  };
}

/** The chosen file inside the drop zone: name, status (with the reason of a failure), size. */
function FileLine({ item }: { item: UploadItem }) {
  return (
    <div className="lr-upload__file" data-testid="upload-file">
      <div className="lr-upload__name" title={item.file.name}>
        {item.file.name}
      </div>
      <div style={{ color: STATUS_COLOR[item.status] }} role={item.status === 'fail' ? 'alert' : undefined}>
        {STATUS_TEXT[item.status]}
        {item.error ? `：${item.error}` : ''}
      </div>
      <small className="lr-muted">
        {formatFileSize(item.file.size)} · {todayInShanghai()}
      </small>
    </div>
  );
}

export function FileUpload(props: SendNowProps | ImagesProps | ChooseProps) {
  const images = 'images' in props ? props.images : null;
  const upload = useRef<UploadRef>(null);
  const [own, setOwn] = useState<UploadItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const items = images ? images.value : own;
  const latest = useRef(items);
  useEffect(() => {
    latest.current = items;
  });

  // TDesign renders the <input type="file"> itself; name it and filter the system dialog by type.
  // `accept` is not given to Upload: it would silently drop dragged files of another type, and
  // the user must be told why a file was refused.
  const { label, accept, testId } = props;
  useEffect(() => {
    const input = upload.current?.upload;
    if (!input) return;
    input.setAttribute('aria-label', label);
    input.setAttribute('accept', accept);
    if (testId) input.setAttribute('data-testid', testId);
  }, [label, accept, testId]);

  const rule: FileRule = { accept: props.accept, typeLabel: props.typeLabel, maxBytes: props.maxBytes };
  const files = useMemo(() => items.map(toUploadFile), [items]);
  const busy = items.some((i) => i.status === 'progress');

  const sendNow = async (p: SendNowProps, file: File) => {
    const item: UploadItem = { key: nextKey++, file, status: 'progress' };
    setOwn([item]);
    let reason: string | null;
    try {
      reason = await p.onUpload(file);
    } catch {
      reason = UNREACHABLE;
    }
    if (!reason && p.afterSuccess === 'clear') setOwn([]);
    else setOwn([{ ...item, status: reason ? 'fail' : 'success', error: reason ?? undefined }]);
  };

  const choose = async (files: File[]) => {
    const problems: string[] = [];
    const fine: File[] = [];
    for (const file of files) {
      let problem = fileProblem(file, rule);
      try {
        problem ??= (await props.check?.(file)) ?? null;
      } catch {
        problem = `文件「${file.name}」无法读取，请重新选择`;
      }
      if (problem) problems.push(problem);
      else fine.push(file);
    }
    if (images) {
      const room = Math.max(0, images.max - latest.current.length);
      for (const file of fine.slice(room)) problems.push(`文件「${file.name}」未加入：最多只能选择 ${images.max} 个`);
      const added = fine.slice(0, room).map((file): UploadItem => ({ key: nextKey++, file, status: 'waiting' }));
      if (added.length) images.onChange([...latest.current, ...added]);
    } else if (fine.length > 0) {
      if (fine.length > 1) problems.push(`一次只能上传一个文件，已选用「${fine[0].name}」`);
      if ('onChoose' in props) {
        setOwn([{ key: nextKey++, file: fine[0], status: 'waiting' }]);
        props.onChoose(fine[0]);
      } else void sendNow(props as SendNowProps, fine[0]);
    }
    setError(problems.length ? problems.join('；') : null);
  };

  const onChange = (_files: UploadFile[], ctx: UploadChangeContext) => {
    if (ctx.trigger === 'add') {
      void choose((ctx.files ?? []).flatMap((f) => (f.raw ? [f.raw] : [])));
    } else if (ctx.trigger === 'remove' && images) {
      setError(null);
      images.onChange(latest.current.filter((_, i) => i !== ctx.index));
    }
  };

  const hint = [fileRuleHint(rule), props.hint].filter(Boolean).join('，');
  // The hint stays while an error is shown: the error names the file, the hint the rule.
  const tips = (
    <>
      <span>{hint}</span>
      {error && (
        <span role="alert" data-testid="upload-error" style={{ display: 'block', color: 'var(--td-error-color)' }}>
          {error}
        </span>
      )}
    </>
  );
  const common = {
    files,
    autoUpload: false,
    allowUploadDuplicateFile: true,
    disabled: props.disabled || busy,
    onChange,
    tips,
  };
  const openDialog = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    upload.current?.triggerUpload();
  };

  if (images) {
    return (
      <div className="lr-upload lr-upload--images">
        <Upload
          ref={upload}
          {...common}
          theme="image-flow"
          multiple
          draggable
          uploadButton={null}
          cancelUploadButton={null}
          locale={{ dragger: { clickAndDragText: '点击上方「选择图片」，或将图片拖拽到此区域' } }}
        >
          <Button variant="outline" icon={<ImageIcon />} disabled={common.disabled || items.length >= images.max}>
            选择图片
          </Button>
        </Upload>
      </div>
    );
  }
  const compact = (props as SendNowProps).compact;
  const shown = items[0];
  const clear = () => {
    setOwn([]);
    setError(null);
    if ('onChoose' in props) props.onChoose(null);
    else (props as SendNowProps).onClear?.();
  };
  const open = () => upload.current?.triggerUpload();
  return (
    <div className={`lr-upload${compact ? ' lr-upload--compact' : ''}`}>
      <Upload
        ref={upload}
        {...common}
        theme="file"
        draggable
        trigger={({ dragActive }) =>
          shown ? (
            <div className="lr-upload__chosen">
              <FileIcon className="lr-upload__icon" />
              <FileLine item={shown} />
              {shown.status !== 'progress' && (
                <div className="lr-upload__actions">
                  <Button size="small" variant="text" theme="primary" onClick={open}>
                    重新选择
                  </Button>
                  <Button size="small" variant="text" theme="danger" onClick={clear}>
                    移除
                  </Button>
                </div>
              )}
            </div>
          ) : (
            <div role="button" tabIndex={0} className="lr-upload__zone" onClick={open} onKeyDown={openDialog}>
              <CloudUploadIcon className="lr-upload__icon" />
              {dragActive ? (
                <span>松开鼠标即可添加文件</span>
              ) : (
                <span>
                  <span style={{ color: 'var(--td-brand-color)' }}>点击选择文件</span>，或将文件拖拽到此处
                </span>
              )}
            </div>
          )
        }
      />
    </div>
  );
}
