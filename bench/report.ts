/**
 * Figures, the table the benchmark prints, the JSON lines it writes and the machine it ran on.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Unit = 'ms' | 'bytes' | 'ratio';

export interface Figure {
  name: string;
  /** null: not measured (see `note`). */
  value: number | null;
  unit: Unit;
  /** Upper bound (value ≤ budget); null for figures reported without one. */
  budget: number | null;
  /** null when there is no budget or no value. */
  ok: boolean | null;
  /** Shown in the table only: how it was measured, spread, why it is missing. */
  note?: string;
}

export function figure(
  name: string,
  value: number | null,
  unit: Unit,
  budget: number | null = null,
  note?: string,
): Figure {
  const ok = value === null || budget === null ? null : value <= budget;
  return { name, value, unit, budget, ok, ...(note ? { note } : {}) };
}

/** The JSON line: exactly `{"name","value","unit","budget","ok"}`. */
export function jsonLine({ name, value, unit, budget, ok }: Figure): string {
  return JSON.stringify({ name, value: value === null ? null : round(value, unit), unit, budget, ok });
}

export function writeJsonLines(file: string, figures: readonly Figure[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${figures.map(jsonLine).join('\n')}\n`);
}

function round(value: number, unit: Unit): number {
  if (unit === 'bytes') return Math.round(value);
  if (unit === 'ratio') return Math.round(value * 1000) / 1000;
  return Math.round(value * 100) / 100;
}

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '—';
  if (unit === 'bytes') {
    if (value >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(1)} MB`;
    if (value >= 1024) return `${(value / 1024).toFixed(1)} KB`;
    return `${Math.round(value)} B`;
  }
  if (unit === 'ratio') return value.toFixed(3);
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value)} ms`;
}

function verdict(item: Figure): string {
  if (item.value === null) return 'not measured';
  if (item.ok === null) return '';
  return item.ok ? 'pass' : 'FAIL';
}

function rows(figures: readonly Figure[]): string[][] {
  return figures.map((item) => [
    item.name,
    formatValue(item.value, item.unit),
    item.budget === null ? '' : `≤ ${formatValue(item.budget, item.unit)}`,
    verdict(item),
    item.note ?? '',
  ]);
}

const HEADER = ['figure', 'value', 'budget', 'result', 'note'];

export function textTable(figures: readonly Figure[]): string {
  const all = [HEADER, ...rows(figures)];
  const widths = HEADER.map((_, column) =>
    Math.min(column === 4 ? 90 : 60, Math.max(...all.map((row) => (row[column] ?? '').length))),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(all[0] ?? []),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...all.slice(1).map(line),
  ].join('\n');
}

export function markdownTable(figures: readonly Figure[]): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...rows(figures).map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  chromium: string;
  /** `uptime` at the start and the end of the run: other work on the machine shows here. */
  loadAtStart: string;
  loadAtEnd?: string;
}

export function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`;
  }
}

export function describeMachine(chromium: string): Machine {
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    loadAtStart: uptime(),
  };
}

export function machineLines(machine: Machine): string[] {
  return [
    `date: ${machine.date}`,
    `cpus: ${machine.cpus} × ${machine.cpuModel}`,
    `memory: ${machine.memoryGiB} GiB`,
    `os: ${machine.platform}`,
    `node: ${machine.node}`,
    `chromium: ${machine.chromium}`,
    `load at start: ${machine.loadAtStart}`,
    ...(machine.loadAtEnd ? [`load at end: ${machine.loadAtEnd}`] : []),
  ];
}
