/** Structured JSON logging (pino): the logger, Nest's adapter and the access-log hook. */
export { createLogger, LogLevel } from './create-logger';
export { PinoNestLogger } from './pino-nest-logger';
export { registerAccessLog, REQUEST_ID_HEADER } from './access-log.hook';
