/**
 * Launches Debian's Chromium with an unpacked extension through playwright-core, in a throwaway
 * profile, with every DNS lookup except loopback failing so nothing can leave the machine.
 * Chromium loads it only with both --disable-extensions-except and --load-extension (Playwright adds --disable-extensions).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

/** The project root (this file is tests/e2e/harness/browser.ts). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `npm run build` output; TANDEM_EXTENSION_DIR overrides it. */
export const DEFAULT_EXTENSION_DIR = path.resolve(
  projectRoot,
  process.env.TANDEM_EXTENSION_DIR ?? '.output/chrome-mv3',
);

/**
 * The build end-to-end tests load: TANDEM_EXTENSION_DIR if set, else the test build that
 * `npm run test:e2e` makes (scripts/build-for-tests.mjs → .output/e2e), else `npm run build`'s.
 */
export function e2eExtensionDir(): string {
  if (process.env.TANDEM_EXTENSION_DIR) return path.resolve(projectRoot, process.env.TANDEM_EXTENSION_DIR);
  const testBuild = path.join(projectRoot, '.output/e2e/chrome-mv3');
  return existsSync(path.join(testBuild, 'manifest.json')) ? testBuild : DEFAULT_EXTENSION_DIR;
}

/** Never a downloaded browser: Debian's Chromium, or one named by TANDEM_CHROMIUM. */
export const CHROMIUM_PATH = process.env.TANDEM_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Every host name resolves to "not found" except loopback. Routed pages (hosts.ts) never reach
 * DNS, so this only stops what Playwright does not see: Chromium's own update, sync and
 * account traffic, and anything a route forgot.
 */
export const HOST_RESOLVER_RULES = 'MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

export interface LaunchOptions {
  /** The unpacked extension; default DEFAULT_EXTENSION_DIR (`.output/chrome-mv3`). */
  extensionDir?: string;
  /** Default true (Chromium's new headless, which runs extensions). */
  headless?: boolean;
  /** A profile to use and keep; by default a fresh one under os.tmpdir(), removed on close. */
  userDataDir?: string;
  /** Extra Chromium switches. */
  args?: string[];
  /** Viewport; `null` lets a headed window size itself. Default 1280×900. */
  viewport?: { width: number; height: number } | null;
  /** How long to wait for the extension's service worker. Default 20 s. */
  serviceWorkerTimeoutMs?: number;
  /** Other unpacked extensions loaded beside ours (the benchmark's floor extension). */
  alsoLoad?: string[];
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  extensionDir: string;
  userDataDir: string;
  /** `chrome-extension://<id>/<path>` */
  extensionUrl(pathname: string): string;
  /** The extension's service worker, started again if Chromium stopped it while idle. */
  serviceWorker(): Promise<Worker>;
  /** Closes the browser and removes a temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

export function chromiumArgs(extensionDir: string, alsoLoad: readonly string[] = []): string[] {
  const dirs = [extensionDir, ...alsoLoad].join(',');
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,OptimizationHints,MediaRouter',
    `--host-resolver-rules=${HOST_RESOLVER_RULES}`,
    // Playwright adds --disable-extensions; this exception plus --load-extension is what loads ours.
    `--disable-extensions-except=${dirs}`,
    `--load-extension=${dirs}`,
  ];
}

/**
 * Temporary profiles still on disk. Playwright ends the process itself on SIGINT/SIGTERM (its
 * handleSIGINT/handleSIGTERM), before an async close() could remove them, so an exit hook does it.
 */
const liveProfiles = new Set<string>();
process.on('exit', () => {
  for (const dir of liveProfiles) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

async function removeProfile(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  liveProfiles.delete(dir);
}

/**
 * The id Chromium gives an unpacked extension: the SHA-256 of the manifest `key` when there is one,
 * else of the folder's absolute path; its first 32 hex digits written with the letters a to p.
 */
export function unpackedExtensionId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    key?: string;
  };
  const source = manifest.key ? Buffer.from(manifest.key, 'base64') : realpathSync(extensionDir);
  return [...createHash('sha256').update(source).digest('hex').slice(0, 32)]
    .map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16)))
    .join('');
}

function isExtensionWorker(worker: Worker): boolean {
  return worker.url().startsWith('chrome-extension://');
}

/** Only the extension under test runs (Playwright disables the others), so the first one is ours. */
async function waitForExtensionWorker(
  context: BrowserContext,
  timeoutMs: number,
  id?: string,
): Promise<Worker> {
  const wanted = (worker: Worker) =>
    id ? worker.url().startsWith(`chrome-extension://${id}/`) : isExtensionWorker(worker);
  const existing = context.serviceWorkers().find(wanted);
  if (existing) return existing;
  return context.waitForEvent('serviceworker', { predicate: wanted, timeout: timeoutMs });
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = path.resolve(projectRoot, options.extensionDir ?? DEFAULT_EXTENSION_DIR);
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No extension at ${extensionDir} (no manifest.json). Run \`npm run build\` first.`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (never a downloaded browser).`,
    );
  }

  const ownsProfile = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'tandem-profile-')));
  if (ownsProfile) liveProfiles.add(userDataDir);
  const timeoutMs = options.serviceWorkerTimeoutMs ?? 20_000;

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? true,
      args: [...chromiumArgs(extensionDir, options.alsoLoad), ...(options.args ?? [])],
      viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
    });
  } catch (error) {
    if (ownsProfile) await removeProfile(userDataDir);
    throw error;
  }

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      await context.close().catch(() => undefined);
      if (ownsProfile) await removeProfile(userDataDir);
    })();
    return closed;
  };
  // A headed browser the user closes by hand still leaves no profile behind.
  context.on('close', () => void close());

  // The id from the service worker's URL (it derives from the folder path); unpackedExtensionId() predicts it.
  let extensionId: string;
  try {
    // With other extensions beside ours, the first worker may be theirs: ask for ours by its id.
    const worker = await waitForExtensionWorker(
      context,
      timeoutMs,
      options.alsoLoad?.length ? unpackedExtensionId(extensionDir) : undefined,
    );
    extensionId = new URL(worker.url()).host;
  } catch (error) {
    await close();
    throw new Error(
      `The extension in ${extensionDir} did not start a service worker within ${timeoutMs} ms: ${String(error)}`,
    );
  }

  return {
    context,
    extensionId,
    extensionDir,
    userDataDir,
    extensionUrl: (pathname) => `chrome-extension://${extensionId}/${pathname.replace(/^\//, '')}`,
    serviceWorker: async () => {
      const live = context
        .serviceWorkers()
        .find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      if (live) return live;
      // Opening an extension page wakes a stopped service worker.
      const page = await context.newPage();
      try {
        await page.goto(`chrome-extension://${extensionId}/manifest.json`);
        return await waitForExtensionWorker(context, timeoutMs, extensionId);
      } finally {
        await page.close();
      }
    },
    close,
  };
}
