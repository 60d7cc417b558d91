import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SettingsView } from '@/utils/messages';
import { originPattern } from '@/utils/settings/origin';

const LABELS: Record<string, string> = {
  sources: 'shared catalog sources',
  disabledHosts: 'the hosts where Tandem is off',
  jiraDcOrigins: 'the Jira Data Center sites',
};

/**
 * What browser policy sets, and what it needs from this user: policy cannot grant a site's
 * permission, so each Jira Data Center origin it lists is allowed here once, with one click.
 */
export function PolicyNotice({ settings }: { settings: SettingsView }) {
  const locked = settings.locked ?? [];
  const errors = settings.policyErrors ?? [];
  const origins = locked.includes('jiraDcOrigins') ? settings.jiraDcOrigins : [];
  const [missing, setMissing] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    void Promise.all(
      origins.map(async (origin) =>
        (await browser.permissions.contains({ origins: [originPattern(origin)] }).catch(() => false))
          ? []
          : [origin],
      ),
    ).then((lists) => live && setMissing(lists.flat()));
    return () => {
      live = false;
    };
  }, [origins.join(',')]);

  if (locked.length === 0 && errors.length === 0) return null;

  function allow(origin: string) {
    // Before any await: the prompt needs the click's user activation.
    browser.permissions
      .request({ origins: [originPattern(origin)] })
      .then((granted) => granted && setMissing((old) => old.filter((item) => item !== origin)))
      .catch(() => undefined);
  }

  return (
    <div class="policy-notice" data-testid="policy-notice">
      {locked.length > 0 && (
        <p data-testid="policy-locked">
          Your administrator sets {locked.map((key) => LABELS[key] ?? key).join(', ')} through browser policy;
          they are shown here and cannot be changed.
        </p>
      )}
      {missing.length > 0 && (
        <ul class="site-list">
          {missing.map((origin) => (
            <li key={origin}>
              <code>{origin}</code>
              <button type="button" data-testid="policy-allow" onClick={() => allow(origin)}>
                Allow Tandem on this site
              </button>
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <ul class="error" data-testid="policy-errors">
          {errors.map((error) => (
            <li key={error.path}>
              Policy value <code>{error.path}</code>: {error.rule}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
