import { getConfig } from './config';
import { getKeyRing } from './crypto/keys';
import { installPeerAddressHook } from './peer-address';

/**
 * What the server process does first (instrumentation.ts, once, before serving). A wrong
 * environment — a placeholder secret above all — must stop the server, not leave it answering
 * 500: Next logs an exception thrown by register() and keeps serving (seen with next start 16.4),
 * so the process exits itself with the reason.
 */
export function prepareServerProcess(): void {
  try {
    getConfig();
    // The key ring too (SM4_KEY, SM4_KEYS, sm4.v<N>.key, SM4_KEY_VERSION): a bad or missing key
    // stops the server with the reason instead of failing the first page that decrypts.
    getKeyRing();
  } catch (e) {
    console.error(`启动失败：${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  installPeerAddressHook();
}
