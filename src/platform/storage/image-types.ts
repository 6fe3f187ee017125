/**
 * Image types accepted for photos, recognised by their leading bytes (magic numbers), never by
 * the file name or the type the browser claims. Client-safe: the forms run the same check
 * before uploading.
 */
import { extensionRefusal } from './upload-names';

export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type TPhotoMimeType = (typeof PHOTO_MIME_TYPES)[number];

export const PHOTO_TYPE_LABEL = 'JPG、PNG 或 WebP';
/** File name extensions for pickers (the content decides, see sniffImageType). */
export const PHOTO_ACCEPT = '.jpg,.jpeg,.png,.webp';
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTO_MB = MAX_PHOTO_BYTES / 1024 / 1024;

const EXTENSIONS: Record<TPhotoMimeType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

const startsWith = (bytes: Uint8Array, offset: number, expected: readonly number[]) =>
  bytes.length >= offset + expected.length && expected.every((b, i) => bytes[offset + i] === b);

/** The image type the bytes really are, or null when they are none of JPEG / PNG / WebP. */
export function sniffImageType(bytes: Uint8Array): TPhotoMimeType | null {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF <4-byte size> WEBP
  if (startsWith(bytes, 0, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, 8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  return null;
}

export function extensionOf(mime: TPhotoMimeType): string {
  return EXTENSIONS[mime];
}

/** Why a photo cannot be accepted, or null. `name` is the file name shown in the message. */
export function photoProblem(name: string, bytes: Uint8Array): string | null {
  if (bytes.length === 0) return `照片「${name}」是空文件`;
  if (bytes.length > MAX_PHOTO_BYTES) return `照片「${name}」超过 ${MAX_PHOTO_MB} MB（${formatMb(bytes.length)} MB）`;
  const badName = extensionRefusal('照片', name, PHOTO_TYPE_LABEL);
  if (badName) return badName;
  if (!sniffImageType(bytes)) return `照片「${name}」不是 ${PHOTO_TYPE_LABEL} 图片（按文件内容识别，改扩展名无效）`;
  return null;
}

export function formatMb(size: number): string {
  return (size / 1024 / 1024).toFixed(1);
}
