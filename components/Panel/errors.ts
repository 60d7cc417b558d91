/** An error as the user needs it: what happened, in words, and what to do about it. */
export interface Explained {
  what: string;
  fix: string;
}

const RELOAD = 'Reload this page.';

export function explainError(message: string): Explained {
  if (/context invalidated/i.test(message))
    return {
      what: 'Tandem was updated or reloaded after this page opened.',
      fix: `${RELOAD} Tandem reconnects.`,
    };
  if (/receiving end|establish connection|port closed/i.test(message))
    return {
      what: 'Tandem’s background did not answer.',
      fix: `${RELOAD} If it keeps happening, turn Tandem off and on in the browser’s extensions page.`,
    };
  if (/damaged/i.test(message))
    return {
      what: 'The catalog stored in this browser is damaged. Nothing stored was changed.',
      fix: 'Open Tandem’s options to save what can still be read, then import the catalog again.',
    };
  if (/not one of the sites/i.test(message))
    return {
      what: 'This site is not one your catalog covers: the same key on another organisation’s site is another record.',
      fix: 'If this site is your organisation’s, add it under “Your organisation’s sites” in Tandem’s options.',
    };
  if (/bad answer/i.test(message))
    return {
      what: 'Tandem got an answer it could not read.',
      fix: `${RELOAD} If it keeps happening, update Tandem.`,
    };
  return {
    what: 'Tandem could not look up this record.',
    fix: 'Try again. If it keeps failing, open Tandem’s options and check the catalog.',
  };
}
