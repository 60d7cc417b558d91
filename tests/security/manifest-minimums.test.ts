/**
 * The Firefox manifest declares `data_collection_permissions` (no data collected), which Firefox
 * reads from version 140 on desktop and 142 on Android; a lower `strict_min_version` makes
 * `web-ext lint` warn on Tandem's own manifest (tests/e2e/security-store.e2e.ts lints the build).
 */
import { describe, expect, it } from 'vitest';
import { buildManifest } from '@/utils/manifest';

const major = (version: unknown) => Number(String(version).split('.')[0]);

describe('Firefox minimum versions', () => {
  it('asks for the versions that read data_collection_permissions, on desktop and Android', () => {
    const settings = buildManifest('firefox', {}).browser_specific_settings as {
      gecko: { strict_min_version: string; data_collection_permissions: unknown };
      gecko_android?: { strict_min_version: string };
    };
    expect(settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(major(settings.gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
    expect(
      major(settings.gecko_android?.strict_min_version ?? settings.gecko.strict_min_version),
    ).toBeGreaterThanOrEqual(142);
  });
});
