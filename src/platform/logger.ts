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
