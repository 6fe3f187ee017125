import { decryptPersonal, type PersonalField } from './keys';
import { IntegrityError, UnknownKeyVersionError } from './sealed';

export const INTEGRITY_FAILED = '数据完整性校验失败';

/**
 * One personal field for display: its plain value, or the reason it cannot be shown. A tag that
 * does not match shows 「数据完整性校验失败」 for that field only (the other fields still show);
 * what decrypts from an altered value is never returned.
 */
export function openPersonal(stored: string | null, field: PersonalField): { value: string | null; problem: string | null } {
  if (!stored) return { value: null, problem: null };
  try {
    return { value: decryptPersonal(stored, field), problem: null };
  } catch (e) {
    if (e instanceof IntegrityError) return { value: null, problem: INTEGRITY_FAILED };
    if (e instanceof UnknownKeyVersionError) return { value: null, problem: `${e.message}，请联系系统管理员核对密钥` };
    return { value: null, problem: '无法解密，请联系系统管理员核对密钥' };
  }
}
