import pino from 'pino';
import { shanghaiInstant } from './domain/time';

// Structured logs. Authorization headers, API keys and secrets are redacted wherever they
// appear, so a request log can never leak a key (clause 7: no confidential data in logs).
// Times are Beijing time (+08:00) as the people reading them are; `npm run logs` pretty-prints.
export function createLogger(level: string, name = 'weibao') {
  return pino({
    name,
    level,
    timestamp: () => `,"time":"${shanghaiInstant(Date.now())}"`,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.apiKey',
        '*.key',
        '*.secret',
        '*.password',
        'apiKey',
        'key',
      ],
      censor: '[redacted]',
    },
  });
}
export type Logger = ReturnType<typeof createLogger>;
