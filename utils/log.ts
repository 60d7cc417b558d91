/**
 * The one logger. Each distinct message is printed once per page (content scripts run inside
 * busy host pages; a loop that logs on every mutation would flood their console), tagged with
 * the module and, in content scripts, the host.
 */
const seen = new Set<string>();
const MAX_REMEMBERED = 200;

function emit(level: 'info' | 'warn' | 'error', module: string, message: string, detail?: unknown): void {
  const line = `[Tandem ${module}] ${message}`;
  if (seen.has(line)) return;
  if (seen.size >= MAX_REMEMBERED) seen.clear();
  seen.add(line);
  if (detail === undefined) console[level](line);
  else console[level](line, detail);
}

export function isContextInvalidated(error: unknown): boolean {
  return error instanceof Error && /Extension context invalidated/i.test(error.message);
}

export const log = {
  info: (module: string, message: string, detail?: unknown) => emit('info', module, message, detail),
  warn: (module: string, message: string, detail?: unknown) => emit('warn', module, message, detail),
  error: (module: string, message: string, detail?: unknown) => emit('error', module, message, detail),
  /** Logs a failure, reducing an invalidated extension context to one short notice. */
  failure(module: string, error: unknown) {
    if (isContextInvalidated(error))
      emit('info', module, 'Tandem was updated or reloaded; reload the page to use it.');
    else emit('warn', module, error instanceof Error ? error.message : String(error));
  },
};
