/**
 * A large, realistic catalog for the benchmark, generated deterministically from a seed: the same
 * seed and size give the same bytes on every machine (no Math.random, no clock, no locale).
 *
 * The full size is the catalog format's ("Size" in docs/catalog-format.md): 20,000 needs, 5,000 people, 1,000 teams
 * and 100,000 links, about 30 MB of JSON. The links spread over every target kind: Jira issue,
 * epic, project + label, project + component and project; CRM record ids and customer names of
 * Salesforce, HubSpot, Dynamics and Zendesk. The identifiers the fixture sites show (SHOP-142,
 * Globex's Salesforce account, …) are always linked, so fixture pages resolve to needs.
 *
 * Run directly to write the file and validate it: `tsx bench/generate-catalog.ts [--small] [--seed N]`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the generator's output changes, so cached files are not reused. */
export const GENERATOR_VERSION = 3;
export const DEFAULT_SEED = 20_260_801;

export interface CatalogSize {
  needs: number;
  people: number;
  teams: number;
  links: number;
}

export const FULL_SIZE: CatalogSize = { needs: 20_000, people: 5_000, teams: 1_000, links: 100_000 };
/** The CI short form: the same shapes, a twentieth of the size. */
export const SMALL_SIZE: CatalogSize = { needs: 1_000, people: 250, teams: 50, links: 5_000 };

// ------------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a 32-bit seeded PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  /** `count` distinct items (or all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const wanted = Math.min(count, items.length);
    while (chosen.size < wanted) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].map((index) => items[index] as T);
  }
  alnum(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}

// ------------------------------------------------------------------------------------------------
// Vocabulary

const FIRST_NAMES = [
  'Maria',
  'Raj',
  'Diego',
  'Priya',
  'Amara',
  'Jonas',
  'Chen',
  'Fatima',
  'Lukas',
  'Aiko',
  'Olu',
  'Sofia',
  'Mateo',
  'Ingrid',
  'Kwame',
  'Hana',
  'Tomás',
  'Zoë',
  'Søren',
  'Noor',
  'Ravi',
  'Elena',
  'Marta',
  'Dana',
  'Yusuf',
  'Camille',
  'Björn',
  'Leila',
  'Arjun',
  'Greta',
  'Mei',
  'Paulo',
  'Ines',
  'Kofi',
  'Anya',
  'Hiroshi',
  'Lucía',
  'Emeka',
  'Freya',
  'Omar',
  'Nadia',
  'Stefan',
  'Thandiwe',
  'Jakub',
  'Ayşe',
  'Malik',
  'Clara',
  'Tariq',
  'Rosa',
  'Vikram',
] as const;
const LAST_NAMES = [
  'González',
  'Patel',
  'Fernández',
  'Nair',
  'Okafor',
  'Berg',
  'Wei',
  'Haddad',
  'Schmidt',
  'Tanaka',
  'Adeyemi',
  'Rossi',
  'Silva',
  'Larsen',
  'Mensah',
  'Kim',
  'Novák',
  'Dubois',
  'Andersen',
  'Rahman',
  'Iyer',
  'Popescu',
  'Oliveira',
  'Whitfield',
  'Yilmaz',
  'Moreau',
  'Lindqvist',
  'Karimi',
  'Sharma',
  'Hoffmann',
  'Zhang',
  'Costa',
  'Ferreira',
  'Boateng',
  'Ivanova',
  'Sato',
  'Martínez',
  'Eze',
  'Johansson',
  'Farouk',
  'Kowalski',
  'Meyer',
  'Dlamini',
  'Dvořák',
  'Demir',
  'Baker',
  'Laurent',
  'Aziz',
  'Romero',
  'Reddy',
] as const;
const BUSINESS_TITLES = [
  'Head of B2B E-commerce',
  'Product Owner',
  'Key Account Manager',
  'Head of Customer Success',
  'Finance Business Partner',
  'Operations Lead',
  'Sales Director',
  'Customer Experience Manager',
  'Category Manager',
  'Head of Procurement',
  'Business Analyst',
  'Regional Sales Manager',
] as const;
const IT_TITLES = [
  'Engineering Manager',
  'Tech Lead',
  'Staff Engineer',
  'Solution Architect',
  'Platform Lead',
  'Principal Engineer',
  'Data Engineer',
  'Site Reliability Engineer',
  'QA Lead',
  'Security Engineer',
] as const;

const CAPABILITIES = [
  'Online ordering for B2B buyers',
  'Invoicing and payment terms',
  'Order tracking',
  'Product catalog',
  'Pricing and discounts',
  'Customer onboarding',
  'Returns and refunds',
  'Warehouse integration',
  'Customer support tooling',
  'Identity and single sign-on',
  'Reporting and analytics',
  'Subscription billing',
  'Partner portal',
  'Mobile storefront',
  'Search and recommendations',
  'Inventory visibility',
  'Contract management',
  'Loyalty programme',
  'Shipping and delivery slots',
  'Data platform',
] as const;
const TEAM_WORDS = [
  'Checkout',
  'Reorder',
  'Billing',
  'Platform',
  'Portal',
  'Insights',
  'Catalog',
  'Pricing',
  'Returns',
  'Onboarding',
  'Fulfilment',
  'Identity',
  'Search',
  'Mobile',
  'Loyalty',
  'Contracts',
  'Delivery',
  'Inventory',
  'Support',
  'Payments',
] as const;
const AGREEMENTS = [
  'The business and IT leads decide scope together; neither signs off alone.',
  'Every release is demoed to at least two key accounts before it goes to all customers.',
  'Changes to pricing rules go through the pricing team.',
  'The team owns its service in production, on-call included.',
  'Work outside the capability is declined or handed to the owning team within a week.',
  'Adoption is reviewed with the customers every month.',
  'Architecture decisions are written down and shared in the team wiki.',
  'The time box ends with a go/no-go review with the steering group.',
] as const;

const NEED_VERBS = [
  'Reorder',
  'Track',
  'Approve',
  'Export',
  'Split',
  'Schedule',
  'Compare',
  'Download',
  'Share',
  'Cancel',
  'Merge',
  'Pre-fill',
  'Bulk-edit',
  'Audit',
  'Forecast',
  'Subscribe to',
] as const;
const NEED_OBJECTS = [
  'saved baskets',
  'invoices',
  'delivery slots',
  'purchase orders',
  'price lists',
  'stock alerts',
  'return labels',
  'contracts',
  'payment terms',
  'order history',
  'user roles',
  'shipping quotes',
  'product bundles',
  'credit notes',
  'quotes',
  'service tickets',
  'usage reports',
  'spare parts',
] as const;
const NEED_QUALIFIERS = [
  'for repeat buyers',
  'across subsidiaries',
  'from the mobile app',
  'in one click',
  'by cost centre',
  'without calling sales',
  'for regional warehouses',
  'with approval limits',
  'in the customer portal',
  'for field technicians',
  'in the buyer’s currency',
  'ahead of month end',
] as const;
const PAINS = [
  'Today our buyers rebuild this by hand every week and still miss items.',
  'We lose a day each month reconciling it against our ERP.',
  'Our finance team keeps asking sales reps for copies by mail.',
  'Without it we cannot roll the shop out to our other sites.',
  'It is the first thing new staff ask about, and nobody knows where to look.',
  'We pay our logistics partner for slots we never use because we cannot see them in time.',
  'Our auditors flagged it twice last year.',
  'It takes three people and two spreadsheets to get it right.',
] as const;
const CONTEXTS = [
  'We run about forty sites and each one orders on its own schedule.',
  'Our buyers work from tablets on the shop floor, not from desks.',
  'Most of our orders repeat with small changes in quantity.',
  'Our finance department closes the books on the third working day of each month.',
  'We are rolling out a new ERP next year and want this settled before then.',
  'Our contract with you renews in the spring and this will come up.',
  'Two of our competitors already offer this to their customers.',
  'Our regional managers approve every order above a set amount.',
] as const;
const OUTCOMES = [
  'More repeat revenue through the shop instead of through sales reps’ inboxes.',
  'Fewer support calls per order.',
  'Faster month-end close for key accounts.',
  'Higher share of orders placed online.',
  'Lower cost to serve small customers.',
  'Fewer disputed invoices.',
  'Shorter onboarding for new subsidiaries.',
] as const;
const ADOPTION_METRICS = [
  ['Repeat orders placed with one-click reorder', '% of repeat orders'],
  ['Invoices downloaded from the portal', '% of invoices'],
  ['Active buyer accounts using the feature', 'accounts'],
  ['Orders tracked without a support call', '% of orders'],
  ['Weekly active users', 'users'],
  ['Tickets deflected by self-service', 'tickets per month'],
] as const;
const EVIDENCE_LABELS = [
  'Buyer interview',
  'Support ticket cluster',
  'Sales call notes',
  'Survey results',
  'Usability test',
  'Churn review',
  'Account plan',
  'Analytics dashboard',
] as const;

const COMPANY_FIRST = [
  'Globex',
  'Initech',
  'Umbrella',
  'Vandelay',
  'Soylent',
  'Hooli',
  'Stark',
  'Wayne',
  'Acme',
  'Cyberdyne',
  'Tyrell',
  'Wonka',
  'Oscorp',
  'Gringotts',
  'Monarch',
  'Nakatomi',
  'Aperture',
  'Massive',
  'Virtucon',
  'Sirius',
  'Blue Sun',
  'Rekall',
  'Pied Piper',
  'Dunder',
  'Prestige',
  'Kwik-E',
  'Paper Street',
  'Sterling',
  'Bluth',
  'Krusty',
  'Nordhavn',
  'Solvik',
  'Marlow',
  'Ostara',
  'Quill',
  'Brightwater',
  'Halcyon',
  'Ironbark',
  'Lumen',
  'Meridian',
  'Northwind',
  'Oakridge',
  'Pinecrest',
  'Redwood',
  'Silverline',
  'Tidewater',
  'Upland',
  'Westfield',
  'Yellowstone',
  'Zephyr',
  'Ärzteverbund',
  'Société Lumière',
  'Ōkami',
  'Côte Verte',
  'São Bento',
  'Łódź Logistics',
  'Nørre',
  'Çelik',
] as const;
const COMPANY_SECOND = [
  'Corporation',
  'Industries',
  'Retail Group',
  'Foods',
  'Logistics',
  'Health',
  'Systems',
  'Holdings',
  'Trading',
  'Manufacturing',
  'Wholesale',
  'Partners',
  'Supplies',
  'Energy',
  'Labs',
  'Hospitality',
] as const;
const LEGAL_SUFFIXES = [
  '',
  '',
  '',
  ' Inc.',
  ' Ltd',
  ' GmbH',
  ' LLC',
  ' S.A.',
  ' AB',
  ' plc',
  ', Inc.',
] as const;
const REVENUE_BANDS = ['under-100k', '100k-500k', '500k-1M', '1M-5M', '5M+'] as const;

const LABEL_WORDS = [
  'reorder',
  'invoicing',
  'checkout',
  'mobile',
  'self-service',
  'performance',
  'accessibility',
  'security',
  'billing',
  'tech-debt',
  'ui',
  'api',
  'compliance',
  'search',
  'baskets',
  'onboarding',
  'reporting',
  'pricing',
  'returns',
  'notifications',
  'sso',
  'exports',
  'gdpr',
  'order-status',
] as const;
const COMPONENT_WORDS = [
  'Cart',
  'Order history',
  'Billing',
  'Pricing',
  'Storefront',
  'Portal',
  'Edge',
  'Databases',
  'Search',
  'Notifications',
  'Identity',
  'Payments',
  'Reporting',
  'Warehouse sync',
  'Mobile app',
  'Admin',
] as const;

const CRM_OBJECTS = {
  salesforce: ['Account', 'Opportunity', 'Contact', 'Case', 'Lead'],
  hubspot: ['company', 'contact', 'deal', 'ticket'],
  dynamics: ['account', 'contact', 'opportunity', 'incident'],
  zendesk: ['ticket', 'organization', 'user'],
} as const;
type CrmSystem = keyof typeof CRM_OBJECTS;
const CRM_SYSTEMS = Object.keys(CRM_OBJECTS) as CrmSystem[];
const SALESFORCE_PREFIX: Record<string, string> = {
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  Lead: '00Q',
  Case: '500',
};

const STATUSES = [
  ['in-delivery', 25],
  ['committed', 20],
  ['discovery', 25],
  ['released', 12],
  ['adopted', 10],
  ['parked', 8],
] as const;
const IMPORTANCES = [
  ['critical', 15],
  ['important', 45],
  ['nice', 40],
] as const;
const APPROACHES = [
  ['standard', 70],
  ['clean-slate', 20],
  ['firewall', 10],
] as const;

// ------------------------------------------------------------------------------------------------
// What the fixture sites show (tests/fixtures/*, demo/catalog.json): always linked.

type JiraTarget =
  | { issue: string }
  | { epic: string }
  | { project: string; label?: string; component?: string };
type CrmTarget = { system: CrmSystem; object?: string; id?: string; name?: string };

interface FixtureAnchor {
  jira?: JiraTarget;
  crm?: CrmTarget;
  /** Linked to a team rather than a need. */
  team?: boolean;
}

export const FIXTURE_ANCHORS: readonly FixtureAnchor[] = [
  // Jira Cloud and Data Center fixtures (tests/fixtures/jira-cloud/data.json, jira-dc/data.json).
  ...[
    'SHOP-141',
    'SHOP-142',
    'SHOP-143',
    'SHOP-144',
    'SHOP-146',
    'SHOP-147',
    'SHOP-148',
    'SHOP-150',
    'SHOP-151',
    'SHOP-200',
    'OPS-5',
    'OPS-6',
    'HELP-31',
    'PORTAL-31',
  ].map((issue) => ({ jira: { issue } })),
  ...['SHOP-100', 'SHOP-120', 'BILL-10', 'BILL-20', 'PORTAL-7'].map((epic) => ({ jira: { epic } })),
  { jira: { project: 'SHOP', label: 'invoicing' } },
  { jira: { project: 'SHOP', label: 'reorder' } },
  { jira: { project: 'SHOP', component: 'Cart' }, team: true },
  { jira: { project: 'SHOP' }, team: true },
  { jira: { project: 'BILL' }, team: true },
  { jira: { project: 'OPS' }, team: true },
  { jira: { project: 'HELP' }, team: true },
  // Salesforce (tests/fixtures/salesforce/app.js).
  { crm: { system: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' } },
  { crm: { system: 'salesforce', object: 'Account', id: '001Dn00000VdLyIIAV' } },
  { crm: { system: 'salesforce', object: 'Account', id: '001Dn00000NoLnKIAV' } },
  { crm: { system: 'salesforce', object: 'Opportunity', id: '006Dn00000XyZaBIAV' } },
  { crm: { system: 'salesforce', object: 'Contact', id: '003Dn00000ArTvAIAV' } },
  { crm: { system: 'salesforce', object: 'Case', id: '500Dn00000CaSe1IAF' } },
  { crm: { system: 'salesforce', name: 'Globex Corporation' } },
  { crm: { system: 'salesforce', name: 'Vandelay Industries' } },
  // HubSpot.
  { crm: { system: 'hubspot', object: 'company', id: '18273645012' } },
  { crm: { system: 'hubspot', object: 'company', id: '18273645099' } },
  { crm: { system: 'hubspot', object: 'company', id: '18273645777' } },
  { crm: { system: 'hubspot', object: 'contact', id: '5101' } },
  { crm: { system: 'hubspot', object: 'deal', id: '9001' } },
  { crm: { system: 'hubspot', object: 'ticket', id: '7001' } },
  { crm: { system: 'hubspot', name: 'Initech' } },
  // Dynamics.
  { crm: { system: 'dynamics', object: 'account', id: '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d' } },
  { crm: { system: 'dynamics', object: 'account', id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' } },
  { crm: { system: 'dynamics', object: 'account', id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' } },
  { crm: { system: 'dynamics', object: 'contact', id: 'c0ffee00-1111-4222-8333-444455556666' } },
  { crm: { system: 'dynamics', name: 'Soylent Foods GmbH' } },
  // Zendesk.
  ...['360001', '360002', '360003'].map((id) => ({
    crm: { system: 'zendesk' as const, object: 'organization', id },
  })),
  ...['35436', '35501', '35600', '35700'].map((id) => ({
    crm: { system: 'zendesk' as const, object: 'ticket', id },
  })),
  { crm: { system: 'zendesk', name: 'Umbrella Retail Group' } },
];

/** Jira projects the fixtures use; generated projects come after them. */
const FIXTURE_PROJECTS = ['SHOP', 'BILL', 'OPS', 'HELP', 'PORTAL'] as const;

// ------------------------------------------------------------------------------------------------
// Helpers

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const ascii = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();

const DAY_MS = 86_400_000;
const BASE_DAY = Date.UTC(2025, 0, 1);
/** A calendar date `offset` days after 2025-01-01. */
const dateAt = (offset: number) => new Date(BASE_DAY + offset * DAY_MS).toISOString().slice(0, 10);

const SALESFORCE_SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
function salesforce18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = id15.charCodeAt(chunk * 5 + i);
      if (code >= 65 && code <= 90) bits |= 1 << i;
    }
    suffix += SALESFORCE_SUFFIX[bits];
  }
  return id15 + suffix;
}

// ------------------------------------------------------------------------------------------------
// The generator

/** Plain JSON shapes as a producer writes them (docs/catalog-format.md). */
export interface GeneratedCatalog {
  format: 'tandem.catalog';
  version: 1;
  name: string;
  generatedAt: string;
  sites: Record<string, string[]>;
  people: Record<string, unknown>[];
  teams: Record<string, unknown>[];
  needs: Record<string, unknown>[];
  links: Record<string, unknown>[];
}

export interface GenerateOptions {
  seed?: number;
  size?: CatalogSize;
}

export function generateCatalog({
  seed = DEFAULT_SEED,
  size = FULL_SIZE,
}: GenerateOptions = {}): GeneratedCatalog {
  if (size.people < 2 || size.teams < 1 || size.needs < 1) {
    throw new Error('a catalog needs at least 2 people, 1 team and 1 need');
  }
  if (size.links < FIXTURE_ANCHORS.length) {
    throw new Error(`a catalog needs at least ${FIXTURE_ANCHORS.length} links (the fixtures' own)`);
  }
  const rng = new Rng(seed);

  // People: a business side and an IT side, so teams can pair one of each.
  const people: Record<string, unknown>[] = [];
  const businessIds: string[] = [];
  const itIds: string[] = [];
  for (let i = 0; i < size.people; i++) {
    const id = `p-${pad(i + 1, 5)}`;
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const side = i % 2 === 0 ? 'business' : 'it';
    (side === 'business' ? businessIds : itIds).push(id);
    const person: Record<string, unknown> = {
      id,
      name: `${first} ${last}`,
      email: `${ascii(first)}.${ascii(last)}.${i + 1}@acme.example`,
      title: rng.pick(side === 'business' ? BUSINESS_TITLES : IT_TITLES),
      side,
    };
    if (rng.chance(0.6)) person.chat = `https://chat.acme.example/u/${ascii(first)}.${ascii(last)}.${i + 1}`;
    if (rng.chance(0.5)) person.verifiedAt = dateAt(rng.int(200, 690));
    people.push(person);
  }

  // Teams: a business lead and an IT lead around one capability.
  const teams: Record<string, unknown>[] = [];
  for (let i = 0; i < size.teams; i++) {
    const id = `t-${pad(i + 1, 4)}`;
    const capability = rng.pick(CAPABILITIES);
    const word = rng.pick(TEAM_WORDS);
    const approach = rng.weighted(APPROACHES);
    const businessLead = rng.pick(businessIds);
    const itLead = rng.pick(itIds);
    const members = [
      ...new Set([businessLead, itLead, ...rng.sample(people, rng.int(3, 10)).map((p) => p.id as string)]),
    ];
    const slug = `${word.toLowerCase()}-${i + 1}`;
    const start = rng.int(0, 500);
    const charter: Record<string, unknown> = {
      url: `https://wiki.acme.example/teams/${slug}/charter`,
      mission: `Make ${capability.toLowerCase()} something customers no longer have to think about.`,
      businessGoal: `Raise adoption of ${capability.toLowerCase()} from ${rng.int(10, 40)}% to ${rng.int(50, 90)}% by the end of ${rng.int(2026, 2028)}.`,
      capability,
      agreements: rng.sample(AGREEMENTS, rng.int(2, 4)),
    };
    if (approach === 'firewall' || rng.chance(0.2)) {
      charter.startsOn = dateAt(start);
      charter.endsOn = dateAt(start + rng.int(90, 365));
    }
    const team: Record<string, unknown> = {
      id,
      name: `${word} ${capability.split(' ')[0]} ${i + 1}`,
      approach,
      businessLead,
      itLead,
      members,
      charter,
      channels: [
        { label: `#${slug}`, url: `https://chat.acme.example/c/${slug}` },
        ...(rng.chance(0.7) ? [{ label: 'Team wiki', url: `https://wiki.acme.example/teams/${slug}` }] : []),
        ...(rng.chance(0.5)
          ? [{ label: 'Board', url: `https://acme.atlassian.net/jira/boards/${i + 1}` }]
          : []),
      ],
    };
    if (rng.chance(0.6)) team.verifiedAt = dateAt(rng.int(300, 690));
    teams.push(team);
  }

  // Customer names: a pool the needs' customers and the CRM name links share.
  const companies: string[] = [];
  for (let i = 0; companies.length < Math.max(50, Math.ceil(size.needs / 8)); i++) {
    const base = `${rng.pick(COMPANY_FIRST)} ${rng.pick(COMPANY_SECOND)}`;
    companies.push(i < COMPANY_FIRST.length * 2 ? base : `${base} ${rng.int(2, 99)}`);
  }
  const companyName = () => `${rng.pick(companies)}${rng.pick(LEGAL_SUFFIXES)}`;

  // Needs.
  const needs: Record<string, unknown>[] = [];
  for (let i = 0; i < size.needs; i++) {
    const id = `n-${pad(i + 1, 5)}`;
    const teamIndex = rng.int(0, size.teams - 1);
    const team = teams[teamIndex] as { id: string };
    const object = rng.pick(NEED_OBJECTS);
    const need: Record<string, unknown> = {
      id,
      title: `${rng.pick(NEED_VERBS)} ${object} ${rng.pick(NEED_QUALIFIERS)}`,
      statement: [
        `We need to ${rng.pick(NEED_VERBS).toLowerCase()} ${object} ${rng.pick(NEED_QUALIFIERS)}.`,
        ...rng.sample(PAINS, rng.int(2, 4)),
        ...rng.sample(CONTEXTS, rng.int(1, 3)),
      ].join(' '),
      status: rng.weighted(STATUSES),
    };
    if (rng.chance(0.92)) need.team = team.id;
    if (rng.chance(0.7)) need.businessOwner = rng.pick(businessIds);
    if (rng.chance(0.7)) need.itOwner = rng.pick(itIds);
    const customerCount = rng.weighted([
      [0, 10],
      [1, 35],
      [2, 30],
      [3, 15],
      [4, 7],
      [5, 5],
    ] as const);
    if (customerCount > 0) {
      need.customers = Array.from({ length: customerCount }, () => {
        const customer: Record<string, unknown> = { name: companyName() };
        if (rng.chance(0.85)) customer.importance = rng.weighted(IMPORTANCES);
        if (rng.chance(0.7)) customer.revenueBand = rng.pick(REVENUE_BANDS);
        return customer;
      });
    }
    if (rng.chance(0.8)) need.outcome = rng.pick(OUTCOMES);
    if (rng.chance(0.6)) {
      const [metric, unit] = rng.pick(ADOPTION_METRICS);
      const target = rng.int(20, 500);
      need.adoption = { metric, unit, target, current: rng.int(0, target), asOf: dateAt(rng.int(400, 690)) };
    }
    const evidenceCount = rng.int(0, 4);
    if (evidenceCount > 0) {
      need.evidence = Array.from({ length: evidenceCount }, (_, e) => {
        const label = rng.pick(EVIDENCE_LABELS);
        const url = rng.weighted([
          [
            `https://wiki.acme.example/research/${dateAt(rng.int(0, 690)).slice(0, 7)}-${ascii(label)}-${id}-${e + 1}`,
            3,
          ],
          [`https://acme.zendesk.com/agent/tickets/${rng.int(10_000, 99_999)}`, 1],
          [`https://acme.lightning.force.com/lightning/r/Account/001Dn${rng.alnum(10)}/view`, 1],
        ] as const);
        return { label: `${label} ${e + 1}`, url };
      });
    }
    if (rng.chance(0.7)) need.verifiedAt = dateAt(rng.int(300, 690));
    needs.push(need);
  }

  // Jira projects: the fixtures' own, then generated keys.
  const projectCount = Math.max(FIXTURE_PROJECTS.length + 5, Math.ceil(size.needs / 250));
  const projects: string[] = [...FIXTURE_PROJECTS];
  const projectSet = new Set<string>(projects);
  while (projects.length < projectCount) {
    const key = rng.alnum(rng.int(2, 5), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    if (!projectSet.has(key)) {
      projectSet.add(key);
      projects.push(key);
    }
  }
  const issueKey = () => `${rng.pick(projects)}-${rng.int(1, 9999)}`;

  // Links: the fixtures' anchors first, then a realistic spread.
  const links: Record<string, unknown>[] = [];
  const needId = (index: number) => (needs[index % size.needs] as { id: string }).id;
  const teamId = (index: number) => (teams[index % size.teams] as { id: string }).id;
  FIXTURE_ANCHORS.forEach((anchor, a) => {
    const owner = anchor.team ? { team: teamId(a) } : { need: needId(a * 7) };
    links.push({
      id: `l-fx-${pad(a + 1, 3)}`,
      ...owner,
      ...(anchor.jira ? { jira: anchor.jira } : { crm: anchor.crm }),
    });
  });
  const kinds = [
    ['issue', 40],
    ['epic', 8],
    ['label', 6],
    ['component', 5],
    ['project', 1],
    ['crm-id', 28],
    ['crm-name', 12],
  ] as const;
  for (let i = links.length; i < size.links; i++) {
    const kind = rng.weighted(kinds);
    const teamLink = kind === 'project' || kind === 'component' ? rng.chance(0.7) : rng.chance(0.05);
    const owner = teamLink
      ? { team: teamId(rng.int(0, size.teams - 1)) }
      : { need: needId(rng.int(0, size.needs - 1)) };
    let target: Record<string, unknown>;
    switch (kind) {
      case 'issue':
        target = { jira: { issue: issueKey() } };
        break;
      case 'epic':
        target = { jira: { epic: issueKey() } };
        break;
      case 'label':
        target = { jira: { project: rng.pick(projects), label: rng.pick(LABEL_WORDS) } };
        break;
      case 'component':
        target = { jira: { project: rng.pick(projects), component: rng.pick(COMPONENT_WORDS) } };
        break;
      case 'project':
        target = { jira: { project: rng.pick(projects) } };
        break;
      case 'crm-id':
        target = { crm: crmIdTarget(rng) };
        break;
      default:
        target = { crm: { system: rng.pick(CRM_SYSTEMS), name: companyName() } };
    }
    const link: Record<string, unknown> = rng.chance(0.9) ? { id: `l-${pad(i + 1, 6)}` } : {};
    links.push({ ...link, ...owner, ...target });
  }

  return {
    format: 'tandem.catalog',
    version: 1,
    name: `Benchmark catalog (seed ${seed})`,
    generatedAt: '2026-11-20T09:00:00Z',
    sites: {
      // The fixtures' own sites and their redesigned twins (the no-anchor figures).
      jira: ['https://acme.atlassian.net', 'https://redesign.atlassian.net'],
      salesforce: ['https://acme.lightning.force.com'],
      hubspot: ['https://app.hubspot.com'],
      dynamics: ['https://acme.crm.dynamics.com'],
      zendesk: ['https://acme.zendesk.com', 'https://redesign.zendesk.com'],
    },
    people,
    teams,
    needs,
    links,
  };
}

function crmIdTarget(rng: Rng): CrmTarget {
  const system = rng.pick(CRM_SYSTEMS);
  const object = rng.pick(CRM_OBJECTS[system]);
  const withObject = rng.chance(0.8);
  let id: string;
  switch (system) {
    case 'salesforce': {
      const id15 = `${SALESFORCE_PREFIX[object] ?? '001'}Dn${rng.alnum(10)}`;
      // Both forms occur in real catalogs; they must match the same record.
      id = rng.chance(0.8) ? salesforce18(id15) : id15;
      break;
    }
    case 'hubspot':
      id = String(rng.int(10_000_000_000, 99_999_999_999));
      break;
    case 'dynamics': {
      const hex = rng.alnum(32, '0123456789abcdef');
      const guid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      // Exported GUIDs come braced and upper case as often as not.
      id = rng.chance(0.25) ? `{${guid.toUpperCase()}}` : guid;
      break;
    }
    default:
      id = String(rng.int(1, 9_999_999));
  }
  return withObject ? { system, object, id } : { system, id };
}

// ------------------------------------------------------------------------------------------------
// Files

export function catalogText(catalog: GeneratedCatalog): string {
  return JSON.stringify(catalog);
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_OUT_DIR = path.join(projectRoot, 'bench/out');

export function catalogFileName(seed: number, size: CatalogSize): string {
  return `catalog-v${GENERATOR_VERSION}-s${seed}-${size.needs}n-${size.people}p-${size.teams}t-${size.links}l.json`;
}

export interface CatalogFile {
  path: string;
  bytes: number;
  sha256: string;
  /** Generated now (false: the cached file was reused). */
  generated: boolean;
  ms: number;
}

/** The catalog file for `seed` and `size` under bench/out, generated once and then reused. */
export function ensureCatalogFile({
  seed = DEFAULT_SEED,
  size = FULL_SIZE,
  dir = BENCH_OUT_DIR,
}: GenerateOptions & { dir?: string } = {}): CatalogFile {
  const started = performance.now();
  const file = path.join(dir, catalogFileName(seed, size));
  if (existsSync(file)) {
    const buffer = readFileSync(file);
    return {
      path: file,
      bytes: buffer.length,
      sha256: sha256(buffer),
      generated: false,
      ms: performance.now() - started,
    };
  }
  mkdirSync(dir, { recursive: true });
  const text = catalogText(generateCatalog({ seed, size }));
  // Written under a temporary name first: an interrupted run never leaves half a catalog cached.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, file);
  return {
    path: file,
    bytes: Buffer.byteLength(text),
    sha256: sha256(text),
    generated: true,
    ms: performance.now() - started,
  };
}

// ------------------------------------------------------------------------------------------------
// CLI

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : DEFAULT_SEED;
  const size = args.includes('--small') ? SMALL_SIZE : FULL_SIZE;
  const file = ensureCatalogFile({ seed, size });
  console.info(
    `${path.relative(projectRoot, file.path)}: ${(file.bytes / 1024 / 1024).toFixed(1)} MB, sha256 ${file.sha256.slice(0, 16)}…, ${file.generated ? 'generated' : 'cached'} in ${file.ms.toFixed(0)} ms`,
  );
  const { parseCatalogText } = await import('../utils/catalog/validate');
  const started = performance.now();
  const result = parseCatalogText(readFileSync(file.path, 'utf8'));
  const ms = (performance.now() - started).toFixed(0);
  if (!result.ok) {
    console.error(`invalid (${ms} ms):`, result.errors.slice(0, 10));
    process.exitCode = 1;
  } else {
    console.info(`valid under parseCatalog in ${ms} ms`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
