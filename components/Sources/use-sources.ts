/** The sources section's data: settings, each source's state, conflicts; reloaded on every broadcast. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { onBroadcast } from '@/utils/content-messages';
import { type ResponseOf, type SettingsView, sendMessage } from '@/utils/messages';
import type { SourceStatus } from '@/utils/sync/status';

type ConflictsAnswer = Extract<ResponseOf<'catalog.conflicts'>, { ok: true }>;

export interface SourcesData {
  settings: SettingsView | null;
  sources: SourceStatus[];
  conflicts: ConflictsAnswer['conflicts'];
  warnings: ConflictsAnswer['warnings'];
  error: string | null;
  loaded: boolean;
}

const EMPTY: SourcesData = {
  settings: null,
  sources: [],
  conflicts: [],
  warnings: [],
  error: null,
  loaded: false,
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useSources(): { data: SourcesData; reload: () => Promise<void> } {
  const [data, setData] = useState<SourcesData>(EMPTY);

  const reload = useCallback(async () => {
    try {
      const [settings, status, conflicts] = await Promise.all([
        sendMessage({ type: 'settings.get' }),
        sendMessage({ type: 'sources.status' }),
        sendMessage({ type: 'catalog.conflicts' }),
      ]);
      const failure = [settings, status, conflicts].find((answer) => !answer.ok);
      setData({
        settings: settings.ok ? settings.settings : null,
        sources: status.ok ? status.sources : [],
        conflicts: conflicts.ok ? conflicts.conflicts : [],
        warnings: conflicts.ok ? conflicts.warnings : [],
        error: failure && !failure.ok && 'error' in failure ? failure.error : null,
        loaded: true,
      });
    } catch (error) {
      setData((old) => ({ ...old, error: message(error), loaded: true }));
    }
  }, []);

  useEffect(() => {
    void reload();
    return onBroadcast((broadcast) => {
      const { type } = broadcast;
      if (type === 'catalog.changed' || type === 'settings.changed' || type === 'sources.changed')
        void reload();
    });
  }, [reload]);

  return { data, reload };
}

/** Just the statuses, for the popup's mark. */
export function useSourceStatuses(): SourceStatus[] {
  const [sources, setSources] = useState<SourceStatus[]>([]);
  useEffect(() => {
    const load = () =>
      sendMessage({ type: 'sources.status', stored: false })
        .then((answer) => answer.ok && setSources(answer.sources))
        .catch(() => undefined);
    void load();
    return onBroadcast((broadcast) => {
      if (broadcast.type === 'sources.changed' || broadcast.type === 'settings.changed') void load();
    });
  }, []);
  return sources;
}
