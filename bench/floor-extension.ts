/**
 * The benchmark's floor: a minimal extension loaded beside Tandem in the same browser, doing
 * nothing but answer. What it takes is what the browser and this machine cost in this run, so a
 * budget is judged on what Tandem adds above it (bench/run.ts prints both):
 * - a `runtime.sendMessage` round trip from an extension page, answered with as many bytes as
 *   Tandem's answer had (the floor of `resolve`), and the same with the answer drawn as a list of
 *   twenty items (the floor of the popup's search);
 * - its service worker's start, stopped and woken by one message (the floor of the background's);
 * - its page's first entry after a browser start: the page loads, asks its worker once and draws one
 *   list item (the floor of the popup's charter links);
 * - parsing the catalog file and writing each entity raw to IndexedDB in one transaction (the floor
 *   of the catalog import).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unpackedExtensionId } from '../tests/e2e/harness/browser';

const MANIFEST = {
  manifest_version: 3,
  name: 'Tandem benchmark floor',
  version: '1.0',
  background: { service_worker: 'sw.js' },
};

const WORKER = `chrome.runtime.onMessage.addListener((message, _sender, reply) => {
  if (message && message.type === 'floor.echo') reply({ ok: true, pad: 'x'.repeat(message.bytes | 0) });
});`;

const PAGE = `<!doctype html><meta charset="utf-8"><title>floor</title><body><script src="floor.js"></script></body>`;

const PAGE_SCRIPT = `(() => {
  const box = document.createElement('input');
  box.setAttribute('data-testid', 'floor-box');
  document.body.append(box);
  window.__floorShell = performance.now();
  chrome.runtime.sendMessage({ type: 'floor.echo', bytes: 2048 }).then(() => {
    const entry = document.createElement('li');
    entry.setAttribute('data-testid', 'floor-entry');
    entry.textContent = 'entry';
    document.body.append(entry);
    window.__floorEntry = performance.now();
  });
  window.floorEcho = async (sizes) => {
    const times = [];
    for (const bytes of sizes) {
      const start = performance.now();
      const answer = await chrome.runtime.sendMessage({ type: 'floor.echo', bytes });
      times.push(performance.now() - start);
      if (!answer || answer.pad.length !== bytes) throw new Error('the floor echo did not answer in full');
    }
    return times;
  };
  window.floorSearch = async (bytes, count) => {
    const list = document.createElement('ul');
    document.body.append(list);
    const times = [];
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      const answer = await chrome.runtime.sendMessage({ type: 'floor.echo', bytes });
      const items = [];
      for (let k = 0; k < 20; k++) {
        const item = document.createElement('li');
        item.textContent = answer.pad.slice(k * 50, k * 50 + 50);
        items.push(item);
      }
      list.replaceChildren(...items);
      list.getBoundingClientRect();
      times.push(performance.now() - start);
    }
    list.remove();
    return times;
  };
  window.floorEchoEpoch = async () => {
    const sentAt = performance.timeOrigin + performance.now();
    await chrome.runtime.sendMessage({ type: 'floor.echo', bytes: 1024 });
    return { sentAt, answeredAt: performance.timeOrigin + performance.now() };
  };
  window.floorImport = async (text) => {
    const start = performance.now();
    const catalog = JSON.parse(text);
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('floor-' + Math.random().toString(36).slice(2), 1);
      open.onupgradeneeded = () => open.result.createObjectStore('entities');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('entities', 'readwrite');
      const store = tx.objectStore('entities');
      for (const kind of ['people', 'teams', 'needs', 'links'])
        for (const entity of catalog[kind] || []) store.put(entity, kind + '/' + entity.id);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    const ms = performance.now() - start;
    db.close();
    return ms;
  };
})();`;

export interface FloorExtension {
  dir: string;
  id: string;
  url(pathname: string): string;
}

/** Writes the floor extension into `dir` (created if needed). */
export function writeFloorExtension(dir: string): FloorExtension {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(MANIFEST, null, 2));
  writeFileSync(path.join(dir, 'sw.js'), WORKER);
  writeFileSync(path.join(dir, 'floor.html'), PAGE);
  writeFileSync(path.join(dir, 'floor.js'), PAGE_SCRIPT);
  const id = unpackedExtensionId(dir);
  return { dir, id, url: (pathname) => `chrome-extension://${id}/${pathname.replace(/^\//, '')}` };
}
