/**
 * The outcomes page as files: a CSV of every need shown (formula-safe, as the other exports) and
 * the adoption chart as an SVG document with a title and a text description. Pure.
 */
import Papa from 'papaparse';
import { formatFigure } from '@/components/Panel/figures';
import { neutraliseCell } from '@/utils/csv/neutralise';
import type { OutcomeGroup } from '@/utils/outcomes/view';

type Groups = readonly Pick<OutcomeGroup, 'team' | 'needs'>[];

export const OUTCOME_CSV_COLUMNS = [
  'team',
  'teamId',
  'approach',
  'businessLead',
  'itLead',
  'teamEndsOn',
  'need',
  'needId',
  'status',
  'customers',
  'metric',
  'current',
  'target',
  'unit',
  'adoption',
  'asOf',
  'flags',
] as const;

export function outcomesCsv(groups: Groups): string {
  const rows: string[][] = [];
  for (const { team, needs } of groups) {
    const teamCells = team
      ? [team.name, team.id, team.approach, team.businessLead ?? '', team.itLead ?? '', team.endsOn ?? '']
      : ['', '', '', '', '', ''];
    const teamFlags = team?.flags.map((flag) => flag.kind) ?? [];
    // A team without needs still gets its row: its flags are on it.
    const lines = needs.length > 0 ? needs : [null];
    for (const need of lines) {
      const adoption = need?.adoption;
      const flags = [...teamFlags, ...(need?.flags.map((flag) => flag.kind) ?? [])];
      rows.push(
        [
          ...teamCells,
          need?.title ?? '',
          need?.id ?? '',
          need?.status ?? '',
          need?.customers
            .map((customer) =>
              customer.importance ? `${customer.name} (${customer.importance})` : customer.name,
            )
            .join(' | ') ?? '',
          adoption?.metric ?? '',
          adoption ? String(adoption.current) : '',
          adoption ? String(adoption.target) : '',
          adoption?.unit ?? '',
          adoption?.ratio === null || adoption?.ratio === undefined ? '' : adoption.ratio.toFixed(2),
          adoption?.asOf ?? '',
          [...new Set(flags)].join(' '),
        ].map(neutraliseCell),
      );
    }
  }
  return Papa.unparse(
    { fields: [...OUTCOME_CSV_COLUMNS], data: rows },
    { escapeFormulae: false, newline: '\r\n' },
  );
}

/** The chart stays a readable file: past this many needs, it says how many it left out. */
export const MAX_CHART_NEEDS = 500;

const ROW = 22;
const LABEL_WIDTH = 320;
const BAR_WIDTH = 360;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + 120;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * One horizontal bar per need: adoption as a share of target (100% marked by a line), labelled
 * with team and need; `<title>` and `<desc>` say the same in words for screen readers.
 */
export function outcomesChartSvg(groups: Groups, title = 'Adoption against target'): string {
  const needs = groups.flatMap(({ team, needs }) => needs.map((need) => ({ team, need })));
  const shown = needs.slice(0, MAX_CHART_NEEDS);
  const height = 40 + shown.length * ROW + 30;
  const lines: string[] = [];
  const described: string[] = [];
  shown.forEach(({ team, need }, i) => {
    const y = 40 + i * ROW;
    const label = `${team ? `${team.name}: ` : ''}${need.title}`;
    const adoption = need.adoption;
    const ratio = adoption?.ratio ?? null;
    const words = adoption
      ? `${formatFigure(adoption.current)} of ${formatFigure(adoption.target)}${adoption.unit ? ` ${adoption.unit}` : ''}${ratio === null ? '' : ` (${Math.round(ratio * 100)}%)`}`
      : 'no adoption figure';
    described.push(`${label}: ${words}`);
    const width = Math.round(Math.min(1.5, ratio ?? 0) * (BAR_WIDTH / 1.5));
    lines.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escapeXml(label.slice(0, 60))}</text>`,
      adoption
        ? `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${width}" height="${ROW - 8}" fill="${ratio !== null && ratio >= 1 ? '#1f845a' : '#0b66e4'}"><title>${escapeXml(`${label}: ${words}`)}</title></rect>`
        : '',
      `<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 15}">${escapeXml(words.replace(/^.* \((\d+%)\)$/, '$1'))}</text>`,
    );
  });
  const full = LABEL_WIDTH + Math.round(BAR_WIDTH / 1.5);
  const more =
    needs.length > shown.length
      ? `<text x="8" y="${height - 10}">${needs.length - shown.length} more needs not drawn; the CSV export lists them all.</text>`
      : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="title desc" font-family="sans-serif" font-size="12">`,
    `<title id="title">${escapeXml(title)}</title>`,
    `<desc id="desc">${escapeXml(described.join('; ') || 'No needs.')}</desc>`,
    '<rect width="100%" height="100%" fill="#ffffff"/>',
    `<text x="8" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<line x1="${full}" y1="32" x2="${full}" y2="${40 + shown.length * ROW}" stroke="#5e6c84" stroke-dasharray="4 3"/>`,
    `<text x="${full}" y="30" text-anchor="middle" fill="#5e6c84">target</text>`,
    '<g fill="#172b4d">',
    ...lines.filter(Boolean),
    '</g>',
    more,
    '</svg>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
