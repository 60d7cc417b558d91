/**
 * No answer waits for browser policy. After a browser start Chromium answers
 * `storage.managed.get()` seconds late; settings are answered from the last policy seen (kept in
 * IndexedDB), and a policy that arrives later is applied and announced.
 */
import { describe, expect, it } from 'vitest';
import { createSettingsService } from '@/utils/background/settings-service';
import { openTandemDb } from '@/utils/catalog/db';
import { readPolicySnapshot } from '@/utils/sync/policy-snapshot';
import { fakeBrowserApi } from '../fake-background';

const api = fakeBrowserApi;

/** A `storage.managed.get()` that answers only when the test says so, as Chromium's after a start. */
function latePolicy() {
  let answer: (value: unknown) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  let calls = 0;
  return {
    get: () => {
      calls += 1;
      return new Promise<unknown>((resolve, reject) => {
        answer = resolve;
        fail = reject;
      });
    },
    answer: (value: unknown) => answer(value),
    fail: (error: unknown) => fail(error),
    calls: () => calls,
  };
}

let n = 0;
function worker(name: string, managed: () => Promise<unknown>) {
  let notified = 0;
  const service = createSettingsService({
    db: () => openTandemDb({ name }),
    api,
    managed,
    notifyChanged: () => {
      notified += 1;
    },
  });
  return { ...service, notified: () => notified };
}

const get = async (service: ReturnType<typeof worker>) => {
  const answer = await service.handlers['settings.get']({ type: 'settings.get' });
  if (!answer.ok) throw new Error(answer.error);
  return answer.settings;
};

/** Resolves once `check` holds, polling on timers (the service's own work is promise chains). */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition never held');
}

describe('browser policy at start-up', () => {
  it('answers at once with no policy on a first-ever start, then applies the late policy and says so', async () => {
    const name = `policy-${++n}`;
    const policy = latePolicy();
    const service = worker(name, policy.get);
    // The browser's policy service has not answered: settings come anyway, without policy.
    expect(await get(service)).toMatchObject({ disabledHosts: [] });
    expect((await get(service)).locked).toBeUndefined();
    policy.answer({ disabledHosts: ['zendesk'] });
    await until(() => service.notified() === 1);
    expect(await get(service)).toMatchObject({ disabledHosts: ['zendesk'], locked: ['disabledHosts'] });
  });

  it('answers the next start from the stored policy while the browser has not answered', async () => {
    const name = `policy-${++n}`;
    const first = latePolicy();
    worker(name, first.get);
    first.answer({ disabledHosts: ['hubspot'], jiraDcOrigins: ['https://jira.acme-dc.example'] });
    await until(async () => (await readPolicySnapshot(await openTandemDb({ name }))) !== null);

    // The browser restarts: policy is late again, and answers do not wait for it.
    const late = latePolicy();
    const after = worker(name, late.get);
    expect(await get(after)).toMatchObject({
      disabledHosts: ['hubspot'],
      jiraDcOrigins: ['https://jira.acme-dc.example'],
      locked: ['disabledHosts', 'jiraDcOrigins'],
    });
    // Locked keys stay locked from the snapshot: a change is refused before the browser answers.
    expect(
      await after.handlers['settings.update']({ type: 'settings.update', patch: { disabledHosts: [] } }),
    ).toMatchObject({ ok: false, errors: [{ path: 'disabledHosts' }] });
    // The same policy arriving changes nothing and tells nobody.
    late.answer({ disabledHosts: ['hubspot'], jiraDcOrigins: ['https://jira.acme-dc.example'] });
    await until(() => late.calls() === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(after.notified()).toBe(0);
  });

  it('lifts a stored policy the browser no longer has, once it says so', async () => {
    const name = `policy-${++n}`;
    const first = latePolicy();
    worker(name, first.get);
    first.answer({ disabledHosts: ['hubspot'] });
    await until(async () => (await readPolicySnapshot(await openTandemDb({ name }))) !== null);

    const late = latePolicy();
    const after = worker(name, late.get);
    expect(await get(after)).toMatchObject({ disabledHosts: ['hubspot'] });
    // Firefox rejects when no policies.json names the extension: that is "no policy".
    late.fail(new Error('Managed storage manifest not found'));
    await until(() => after.notified() === 1);
    expect(await get(after)).toMatchObject({ disabledHosts: [] });
    expect((await get(after)).locked).toBeUndefined();
    expect(await readPolicySnapshot(await openTandemDb({ name }))).toEqual({
      values: {},
      locked: [],
      errors: [],
    });
  });

  it('applies a policy change (storage.onChanged) and keeps only the latest read', async () => {
    const name = `policy-${++n}`;
    let value: unknown = {};
    const service = worker(name, async () => value);
    await until(async () => (await readPolicySnapshot(await openTandemDb({ name }))) !== null);
    value = { disabledHosts: ['salesforce'] };
    await service.refreshPolicy();
    expect(service.notified()).toBe(1);
    expect(await get(service)).toMatchObject({ disabledHosts: ['salesforce'], locked: ['disabledHosts'] });
  });

  it('reads a damaged snapshot as no policy, validated like a live one', async () => {
    const name = `policy-${++n}`;
    const db = await openTandemDb({ name });
    await db.put('settings', { key: 'policy', seenAt: 'x', value: { disabledHosts: ['myspace'] } });
    const late = latePolicy();
    const service = worker(name, late.get);
    const settings = await get(service);
    expect(settings.disabledHosts).toEqual([]);
    expect(settings.policyErrors).toEqual([
      { path: 'disabledHosts[0]', rule: expect.stringContaining('(this policy value is ignored)') },
    ]);
  });
});
