'use client';
import { useRef } from 'react';
import { useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { Icon } from '../icon';

/** 退出: ends the session (next-auth, which closes the session row) and goes to the login page. */
export function SignOutButton() {
  const router = useRouter();
  const busy = useRef(false);
  return (
    <button
      type="button"
      className="t-button t-button--theme-default t-button--variant-text"
      onClick={async () => {
        if (busy.current) return;
        busy.current = true;
        try {
          await signOut({ redirect: false });
          router.replace('/login');
          router.refresh();
        } finally {
          busy.current = false;
        }
      }}
    >
      <Icon name="logout" />
      <span className="t-button__text">退出</span>
    </button>
  );
}
