import pino from 'pino';

// Structured logs. Authorization headers, API keys and secrets are redacted wherever they
// appear, so a request log can never leak a key (clause 7: no confidential data in logs).
export function createLogger(level: string, name = 'weibao') {
  return pino({
    name,
    level,
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
