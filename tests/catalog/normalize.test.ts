import { describe, expect, it } from 'vitest';
import {
  dynamicsGuid,
  normalizeCrmId,
  normalizeCustomerName,
  projectOfKey,
  salesforceId18,
} from '@/utils/catalog/normalize';

describe('salesforceId18', () => {
  it('appends the case checksum to a 15-character id', () => {
    expect(salesforceId18('001Dn00000AbCdE')).toBe('001Dn00000AbCdEIAV');
  });
  it('gives 15- and 18-character forms of one record the same value', () => {
    expect(salesforceId18('001Dn00000AbCdEIAV')).toBe(salesforceId18('001Dn00000AbCdE'));
  });
  it('keeps ids that differ only in case apart', () => {
    expect(salesforceId18('001dn00000abcde')).not.toBe(salesforceId18('001Dn00000AbCdE'));
  });
  it('leaves values that are not Salesforce ids alone', () => {
    expect(salesforceId18('not-an-id')).toBe('not-an-id');
  });
});

describe('other normalisations', () => {
  it('strips braces and case from Dynamics GUIDs', () => {
    expect(dynamicsGuid('{6B2A3C4D-1E2F-4A5B-8C9D-0E1F2A3B4C5D}')).toBe(
      '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d',
    );
    expect(normalizeCrmId('dynamics', ' 6B2A3C4D-1E2F-4A5B-8C9D-0E1F2A3B4C5D ')).toBe(
      '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d',
    );
  });
  it('trims HubSpot and Zendesk ids', () => {
    expect(normalizeCrmId('hubspot', ' 18273645012 ')).toBe('18273645012');
  });
  it('reads the project from an issue key', () => {
    expect(projectOfKey('MY_PROJ2-7')).toBe('MY_PROJ2');
  });
});

describe('normalizeCustomerName', () => {
  it.each([
    ['Globex Corporation', 'globex'],
    ['  GLOBEX, Inc. ', 'globex'],
    ['Initech Ltd', 'initech'],
    ['Müller GmbH & Co. KG', 'muller'],
    ['Acme S.A.', 'acme'],
    ['Société Générale', 'societe generale'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeCustomerName(input)).toBe(expected);
  });
  it('keeps letters of every script', () => {
    expect(normalizeCustomerName('株式会社 山田')).toBe('株式会社 山田');
    expect(normalizeCustomerName('شركة أكمي')).toBe('شركة اكمي');
  });
  it('never reduces a name to nothing', () => {
    expect(normalizeCustomerName('Company')).toBe('company');
  });
});
