import { launchWithExtension } from '../tests/e2e/harness/browser';
const ext = await launchWithExtension({ extensionDir: '/work/main/.output/bench/chrome-mv3' });
const page = await ext.context.newPage();
await page.goto(ext.extensionUrl('options.html'));
await page.locator('[data-testid="catalog-import"]').waitFor({ state: 'attached' });
await new Promise((r) => setTimeout(r, 500));
const times: number[] = [];
for (let i = 0; i < Number(process.argv[2] ?? 5); i++) {
  await page.evaluate(`(() => { window.__done = null; const input = document.querySelector('[data-testid="catalog-import"]'); window.__t0 = null; input.addEventListener('change', () => { window.__t0 = performance.now(); }, { once: true }); })()`);
  await page.locator('[data-testid="catalog-import"]').setInputFiles('/work/main/bench/out/catalog-v1-s20260801-20000n-5000p-1000t-100000l.json');
  const t = await page.evaluate(`new Promise((resolve) => { const check = () => { const el = document.querySelector('[data-testid="import-result"]'); if (el && el.dataset.seen !== '${i}') { el.dataset.seen = '${i}'; resolve(performance.now() - window.__t0); } else setTimeout(check, 5); }; check(); })`) as number;
  times.push(Math.round(t));
  await new Promise((r) => setTimeout(r, 2500));
}
console.log('import ms', times.join(' '), 'min', Math.min(...times));
await ext.close();
