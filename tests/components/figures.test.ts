import { describe, expect, it } from 'vitest';
import { formatFigure } from '@/components/Panel/figures';

const NNBSP = '\u202f';

describe('formatFigure', () => {
  it('shows small whole numbers as they are, and groups thousands from five digits on', () => {
    expect(formatFigure(0)).toBe('0');
    expect(formatFigure(400)).toBe('400');
    expect(formatFigure(1234)).toBe('1234');
    expect(formatFigure(12345)).toBe(`12${NNBSP}345`);
    expect(formatFigure(1234567)).toBe(`1${NNBSP}234${NNBSP}567`);
  });

  it('keeps at most three decimals, never grouped, and the sign', () => {
    expect(formatFigure(2.5)).toBe('2.5');
    expect(formatFigure(1.23456)).toBe('1.235');
    expect(formatFigure(12345.678)).toBe(`12${NNBSP}345.678`);
    expect(formatFigure(-98765.4)).toBe(`-98${NNBSP}765.4`);
    expect(formatFigure(0.0004)).toBe('0');
  });

  it('leaves numbers only exponent form can show as JavaScript prints them', () => {
    expect(formatFigure(1e21)).toBe('1e+21');
    expect(formatFigure(Number.NaN)).toBe('NaN');
  });
});
