/**
 * An options page left open while Tandem is updated or reloaded keeps running the old code, cut off
 * from the new background (its requests fail with "Extension context invalidated"). It says so and
 * asks to be reloaded instead of failing request by request. Chromium and Firefox clear
 * `runtime.id` in a context the extension left; a check a second costs nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

const extensionGone = () => {
  try {
    return !browser.runtime?.id;
  } catch {
    return true;
  }
};

export function StaleNotice({
  isGone = extensionGone,
  everyMs = 1000,
}: {
  isGone?: () => boolean;
  everyMs?: number;
}) {
  const [gone, setGone] = useState(isGone);
  useEffect(() => {
    if (gone) return;
    const timer = setInterval(() => {
      if (isGone()) setGone(true);
    }, everyMs);
    return () => clearInterval(timer);
  }, [gone, isGone, everyMs]);
  if (!gone) return null;
  return (
    <div class="stale" role="alert" data-testid="options-stale">
      <p>
        <strong>Tandem was updated or reloaded after this page opened.</strong> Reload this page to keep
        working; nothing you saved is lost.
      </p>
      <button type="button" data-testid="options-stale-reload" onClick={() => location.reload()}>
        Reload this page
      </button>
    </div>
  );
}
