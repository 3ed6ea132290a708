import { hostProcess } from './node-builtin';

/** Something to flush when the process is about to end. */
export interface ExitFlushTarget {
  hasPendingWork(): boolean;
  flushForExit(): Promise<unknown>;
}

const KEY = Symbol.for('tapline.exit-hooks');

interface ExitHooks {
  targets: Set<ExitFlushTarget>;
  installed: boolean;
  onBeforeExit: () => void;
  onSignal: (signal: string) => void;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

function hooks(): ExitHooks {
  const holder = globalThis as { [KEY]?: ExitHooks };
  if (holder[KEY]) return holder[KEY];
  const state: ExitHooks = {
    targets: new Set(),
    installed: false,
    onBeforeExit() {
      // `beforeExit` fires again once our flush settles; by then nothing is pending and the process exits.
      for (const target of state.targets) if (target.hasPendingWork()) void target.flushForExit();
    },
    onSignal(signal) {
      const proc = hostProcess();
      // Only ours listening: the app relies on the default (exit). Flush, then re-raise it without us.
      const alone = (proc?.listenerCount?.(signal) ?? 0) <= 1;
      const flushes = [...state.targets].map((target) => target.flushForExit().catch(() => undefined));
      void Promise.all(flushes).then(() => {
        if (!alone || !proc) return;
        uninstall(state);
        proc.kill?.(proc.pid ?? 0, signal);
      });
    },
  };
  holder[KEY] = state;
  return state;
}

function uninstall(state: ExitHooks): void {
  const proc = hostProcess();
  if (!proc || !state.installed) return;
  const off = (proc.off ?? proc.removeListener)?.bind(proc);
  off?.('beforeExit', state.onBeforeExit);
  for (const signal of SIGNALS) off?.(signal, state.onSignal as (...args: unknown[]) => void);
  state.installed = false;
}

/**
 * Flushes at `beforeExit` and on SIGTERM/SIGINT without changing how the app exits: when the app has its own
 * signal handlers they decide; when it has none the signal is re-raised after the flush so the default applies.
 */
export function registerExitFlush(target: ExitFlushTarget): () => void {
  const proc = hostProcess();
  if (!proc || typeof proc.on !== 'function') return () => {};
  const state = hooks();
  state.targets.add(target);
  if (!state.installed) {
    proc.on('beforeExit', state.onBeforeExit);
    for (const signal of SIGNALS) proc.on(signal, state.onSignal as (...args: unknown[]) => void);
    state.installed = true;
  }
  return () => {
    state.targets.delete(target);
    if (state.targets.size === 0) uninstall(state);
  };
}
