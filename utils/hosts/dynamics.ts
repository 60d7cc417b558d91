/**
 * Microsoft Dynamics 365 / Dataverse model-driven apps (`*.crm.dynamics.com`, `*.crmN.dynamics.com`).
 * docs/hosts.md, "Dynamics 365".
 *
 * The URL names the record: `main.aspx?…pagetype=entityrecord&etn={logical name}&id={guid}`, the
 * parameters in any order, the GUID braced or not, in any case. Lists and create forms (no id yet)
 * show no panel. UCI tears the form down and rebuilds it on navigation, and the new form's title can
 * briefly show the previous record: a form is taken as this record's only once its title is
 * not the title the previous record had.
 */

import { firstShown, isShown } from '@/utils/hosts/dom';
import { addNames, cleanName, createNameMemory, type NameMemory } from '@/utils/hosts/freshness';
import { dynamicsGuid } from '@/utils/hosts/ids';
import { shownIn } from '@/utils/hosts/ready';
import type { Detection, HostAdapter, Placement } from '@/utils/hosts/types';

/** The regional hosts (crm2 South America … crm21); Chrome match patterns cannot say `crm*`. */
export const DYNAMICS_MATCHES = ['crm', ...Array.from({ length: 20 }, (_, i) => `crm${i + 2}`)].map(
  (region) => `https://*.${region}.dynamics.com/*`,
);

const HOST = /^[a-z0-9][a-z0-9-]*\.crm\d*\.dynamics\.com$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOGICAL_NAME = /^[a-z][a-z0-9_]{0,99}$/;

/** Query parameters by lower-cased name: Dynamics itself is case-insensitive about them. */
function param(url: URL, name: string): string | null {
  for (const [key, value] of url.searchParams) {
    if (key.toLowerCase() === name) return value;
  }
  return null;
}

export interface DynamicsRecord {
  entity: string;
  id: string;
}

/** The record a Dynamics URL names, or null (lists, dashboards, a create form without an id). */
export function dynamicsRecord(url: URL): DynamicsRecord | null {
  if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return null;
  if (!/\/main\.aspx$/i.test(url.pathname)) return null;
  if ((param(url, 'pagetype') ?? '').toLowerCase() !== 'entityrecord') return null;
  const entity = (param(url, 'etn') ?? '').toLowerCase();
  const id = dynamicsGuid(param(url, 'id') ?? '');
  if (!LOGICAL_NAME.test(entity) || !GUID.test(id)) return null;
  return { entity, id };
}

export function dynamicsDetection(url: URL): Detection | null {
  const record = dynamicsRecord(url);
  if (!record) return null;
  return {
    host: 'dynamics',
    recordLabel: `${record.entity}/${record.id}`,
    record: { kind: 'crm', host: 'dynamics', object: record.entity, id: record.id },
  };
}

// ---------------------------------------------------------------------------------------------
// DOM (docs/hosts.md): `data-id` values generated from schema names, as Microsoft's EasyRepro uses.

const FORM = '[data-id="editFormRoot"]';
const TITLE = 'h1[data-id="header_title"]';
const HEADER = '[data-id="form-header"], #headerContainer, [data-id*="form-header"]';

/** The main form on screen (not a quick-view dialog), and its title element. */
function currentForm(doc: Document): { scope: ParentNode; title: Element | null } | null {
  const form = firstShown(doc, FORM);
  const scope: ParentNode = form ?? doc;
  for (const title of scope.querySelectorAll(TITLE)) {
    if (!title.closest('[aria-modal="true"]') && isShown(title)) return { scope, title };
  }
  return form ? { scope, title: null } : null;
}

/** The record's title without the save state ("Contoso - Saved" → "Contoso"). */
export function readDynamicsTitle(title: Element): string | null {
  return withoutSaveState(title.getAttribute('title') || title.textContent);
}

const withoutSaveState = (text: string | null | undefined) =>
  cleanName(text?.replace(/\s*-\s*(?:Saved|Unsaved)\s*$/i, ''));

function headerPlacement(title: Element): Placement {
  const header = title.closest(HEADER);
  if (header) return { anchor: header, position: 'after', layout: 'block' };
  return { anchor: title.parentElement ?? title, position: 'after', layout: 'block' };
}

/**
 * An adapter with its own memory of the last title it accepted (tests make fresh ones): the stale
 * form check needs to know what the previous record was called.
 */
export function createDynamicsAdapter(names: NameMemory = createNameMemory()): HostAdapter {
  /** This record's form and its name, or null while the form on screen is not (yet) its own. */
  function freshForm(doc: Document, record: string): { title: Element; name: string } | null {
    const form = currentForm(doc);
    const name = form?.title ? readDynamicsTitle(form.title) : null;
    if (!form?.title || !name || names.isStale(record, name)) return null;
    return { title: form.title, name };
  }

  return {
    id: 'dynamics',
    detect: dynamicsDetection,
    findPlacement(doc, detection) {
      const form = freshForm(doc, detection.recordLabel);
      if (!form) return null;
      names.remember(detection.recordLabel, form.name);
      return headerPlacement(form.title);
    },
    viewReady(doc, detection) {
      // `{Entity}: {record name} - Dynamics 365`, and that name shown on the page (with its save state).
      const name = cleanName(/^[^:]+: (.+) - Dynamics 365$/.exec(doc.title)?.[1]);
      const shown = (text: string) => withoutSaveState(text) ?? '';
      if (!name || names.isStale(detection.recordLabel, name) || !shownIn(doc, 'body', name, shown))
        return false;
      // Remembered, so that the next record's form, still titled with this name, is not taken for it.
      names.remember(detection.recordLabel, name);
      return true;
    },
    anchorNames: ['form header title', 'form header'],
    enrich(doc, detection) {
      const form = freshForm(doc, detection.recordLabel);
      return form ? addNames(detection, [form.name]) : detection;
    },
  };
}

export const dynamicsAdapter = createDynamicsAdapter();
