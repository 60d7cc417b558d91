/**
 * The router's gate: who asks (senders.ts, from the browser's `sender`), whether that class may
 * send this request type at all (allow-table.ts), and, for content scripts, what exactly they may
 * ask (panel-rules.ts). A refusal is answered `{ ok: false, error }` and logged once; no handler runs.
 */

import { isAllowed } from '@/utils/background/allow-table';
import type { Sender, SenderFacts } from '@/utils/background/senders';
import type { AnyRequest } from '@/utils/messages';

/** A content script's request, narrowed: answered through `answer`, or refused with a reason. */
export type PanelRules = (
  request: AnyRequest,
  sender: Extract<Sender, { class: 'content-script' }>,
  answer: (request: AnyRequest) => Promise<unknown>,
) => Promise<unknown>;

/** Thrown by panel rules to refuse a request: the router answers with its message. */
export class Refused extends Error {
  override name = 'Refused';
}

export interface GateOptions {
  classify: (sender: SenderFacts) => Promise<Sender | null>;
  panelRules: PanelRules;
  /**
   * One line per refusal. `known` is false for a sender that is no Tandem page or panel at all
   * (a content script left on a Data Center site the user just removed).
   */
  onRefused: (line: string, known: boolean) => void;
}

export type Gate = (
  request: AnyRequest,
  sender: SenderFacts,
  answer: (request: AnyRequest) => Promise<unknown>,
) => Promise<unknown>;

export function createGate({ classify, panelRules, onRefused }: GateOptions): Gate {
  const refuse = (type: string, from: string, reason: string, known = true) => {
    onRefused(`refused ${type} from ${from}: ${reason}`, known);
    return { ok: false, error: `Tandem refused ${type}: ${reason}` };
  };
  return async (request, facts, answer) => {
    const sender = await classify(facts);
    if (!sender)
      return refuse(request.type, facts.url ?? 'an unknown sender', 'not a Tandem page or panel', false);
    const from =
      sender.class === 'content-script' ? `a content script on ${sender.origin}` : 'an extension page';
    if (!isAllowed(request.type, sender.class))
      return refuse(
        request.type,
        from,
        sender.class === 'content-script'
          ? `only Tandem's own pages may send it`
          : 'only a panel on a host page may send it',
      );
    if (sender.class === 'extension-page') return answer(request);
    try {
      return await panelRules(request, sender, answer);
    } catch (error) {
      if (error instanceof Refused) return refuse(request.type, from, error.message);
      throw error;
    }
  };
}
