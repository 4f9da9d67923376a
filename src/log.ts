// Structured logs for the long-running worker and server (pino: JSON lines on stderr, cheap when quiet).
import pino from 'pino';

export function createLogger(level = process.env.WIREROOM_LOG_LEVEL ?? 'info') {
  return pino({ name: 'wireroom', level }, pino.destination(2));
}
