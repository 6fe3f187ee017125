'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { MessagePlugin } from 'tdesign-react';
import type { ActionResult } from '@/platform/action';

/**
 * Runs a server action: shows its Chinese message, refreshes the server-rendered page on
 * success, hands per-field errors to the form, and returns the result (null when the server
 * could not be reached) so a caller can use `data`.
 */
export function useRunAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const run = async <T,>(
    call: () => Promise<ActionResult<T>>,
    /** Shown on success; a function builds it from what the action returned. */
    successMessage: string | ((data: T) => string),
    onFieldErrors?: (errors: Record<string, string>) => void,
  ): Promise<ActionResult<T> | null> => {
    setBusy(true);
    try {
      const res = await call();
      if (!res.ok) {
        onFieldErrors?.(res.fieldErrors ?? {});
        void MessagePlugin.error(res.error);
        return res;
      }
      onFieldErrors?.({});
      void MessagePlugin.success(typeof successMessage === 'function' ? successMessage(res.data) : successMessage);
      router.refresh();
      return res;
    } catch {
      void MessagePlugin.error('无法连接服务器，请稍后重试');
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}
