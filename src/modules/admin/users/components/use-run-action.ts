'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { MessagePlugin } from 'tdesign-react';
import type { ActionResult } from '@/platform/action';

/**
 * Runs a server action, shows its Chinese message, refreshes the page on success and hands
 * per-field errors back to the form.
 */
export function useRunAction() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const run = async <T,>(
    call: () => Promise<ActionResult<T>>,
    successMessage: string,
    onFieldErrors?: (errors: Record<string, string>) => void,
  ): Promise<boolean> => {
    setBusy(true);
    try {
      const res = await call();
      if (!res.ok) {
        onFieldErrors?.(res.fieldErrors ?? {});
        void MessagePlugin.error(res.error);
        return false;
      }
      void MessagePlugin.success(successMessage);
      router.refresh();
      return true;
    } catch {
      void MessagePlugin.error('无法连接服务器，请稍后重试');
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}
