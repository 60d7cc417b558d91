/** What the panel needs from its shell: preferences and the actions that go through the background. */
import type { NeedHit, PersonHit } from '@/utils/content-messages';
import type { ResponseOf } from '@/utils/messages';

export interface PanelPrefs {
  layout: 'docked' | 'floating';
  collapsed: boolean;
}

/** A refusal from the background, naming the field by its path (`needs.title`). */
export interface FieldError {
  path: string;
  rule: string;
}

export type SaveAnswer = ResponseOf<'entity.save'>;
export type CaptureKind = 'needs' | 'links';

export interface PanelActions {
  openOptions(): void;
  /** Asks the background again after an error. */
  retry(): void;
  /** Applies a layout change at once and remembers it for this host. */
  setPrefs(change: Partial<PanelPrefs>): void;
  searchNeeds(query: string): Promise<NeedHit[]>;
  searchPeople(query: string, prefer?: 'business' | 'it'): Promise<PersonHit[]>;
  save(kind: CaptureKind, value: Record<string, unknown>): Promise<SaveAnswer>;
  /** Deletes a local entity; rejects with the background's words when it cannot. */
  remove(kind: CaptureKind, id: string): Promise<void>;
}
