/** What the panel needs from its shell: preferences and the actions that go through the background. */
import type { CaptureUi } from '@/components/Capture/contract';
import type { ContentAnswer, NeedHit, PersonHit, WorkItemStatus } from '@/utils/content-messages';

/** Work items' delivery status as the background answers it. */
export interface WorkView {
  items: WorkItemStatus[];
  /** One line saying what to do when Jira could not be read. */
  problem?: string;
  /** Needs whose work items are all done while they still say in-delivery. */
  shipped: string[];
}

export interface PanelPrefs {
  layout: 'docked' | 'floating';
  collapsed: boolean;
}

export type { FieldError } from '@/utils/catalog/capture';

export type SaveAnswer = ContentAnswer<'entity.save'>;
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
  /** The capture forms, loaded into this frame on first use (components/Capture/contract.ts). */
  loadCapture(): Promise<CaptureUi>;
}
