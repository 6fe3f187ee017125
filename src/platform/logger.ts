import pino, { type Logger } from 'pino';
import { getConfig } from './config';

const g = globalThis as unknown as { __lrLogger?: Logger };

/** Process-wide JSON logger. Log ids, never payloads or personal data. */
export function getLogger(): Logger {
  if (!g.__lrLogger) {
    g.__lrLogger = pino({
      level: getConfig().LOG_LEVEL,
      base: { app: 'land-reserve' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['password', '*.password', 'idNumber', '*.idNumber', 'phone', '*.phone'], censor: '[脱敏]' },
    });
  }
  return g.__lrLogger;
}

/**
 * An error for a log line: its name, code and the first 300 characters of its message, never
 * the SQL parameters or the payload a driver or parser may attach (they can hold personal data
 * and run to megabytes).
 */
export function briefError(error: unknown): { name: string; code?: string; message: string } {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error).slice(0, 300) };
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  // drizzle wraps the driver error: "Failed query: <sql>\nparams: <values>" — keep only the cause's text.
  const message = cause instanceof Error ? `${error.message.split('\n')[0].slice(0, 120)} … ${cause.message}` : error.message;
  return { name: error.name, ...(typeof code === 'string' ? { code } : {}), message: message.slice(0, 300) };
}
