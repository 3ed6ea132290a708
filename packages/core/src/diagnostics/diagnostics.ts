/**
 * The diagnostics logger: how Tapline tells its user what went wrong inside it without ever throwing into
 * their code. Silent by default; `TAPLINE_LOG_LEVEL=debug|info|warn|error` or `logLevel` in config turns it on.
 * Disabled levels are shared no-ops, decided once when the logger is made.
 */

export type LogLevel = 'none' | 'error' | 'warn' | 'info' | 'debug';

export const LOG_LEVELS: readonly LogLevel[] = ['none', 'error', 'warn', 'info', 'debug'];

export type DiagnosticsSink = (level: Exclude<LogLevel, 'none'>, message: string, detail?: unknown) => void;

export interface Diagnostics {
  readonly level: LogLevel;
  error(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  debug(message: string, detail?: unknown): void;
  /** Logs at most once per key for the life of this logger (e.g. one warning per unknown model). */
  warnOnce(key: string, message: string, detail?: unknown): void;
}

const noop = (): void => {};

const consoleSink: DiagnosticsSink = (level, message, detail) => {
  const line = `[tapline] ${level}: ${message}`;
  const method = level === 'error' ? console.error : level === 'warn' ? console.warn : console.error;
  if (detail === undefined) method(line);
  else method(line, detail);
};

export function createDiagnostics(
  level: LogLevel = 'none',
  sink: DiagnosticsSink = consoleSink,
): Diagnostics {
  const rank = LOG_LEVELS.indexOf(level);
  const at = (name: Exclude<LogLevel, 'none'>) =>
    rank >= LOG_LEVELS.indexOf(name)
      ? (message: string, detail?: unknown) => {
          try {
            sink(name, message, detail);
          } catch {
            // a broken sink must not break the caller
          }
        }
      : noop;
  const warn = at('warn');
  const seen = new Set<string>();
  return {
    level,
    error: at('error'),
    warn,
    info: at('info'),
    debug: at('debug'),
    warnOnce(key, message, detail) {
      if (seen.has(key)) return;
      if (seen.size < 10_000) seen.add(key);
      warn(message, detail);
    },
  };
}

export const silentDiagnostics: Diagnostics = createDiagnostics('none');
