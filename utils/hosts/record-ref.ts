/**
 * What a page is: a Jira issue or a CRM record, as the content script reads it from the URL, the
 * page and the site's REST API. Content scripts only build these values; the background parses
 * them (utils/messages.ts), so the schemas stay out of the content-script bundles.
 */
import * as z from 'zod/mini';
import { CRM_HOST_IDS } from '@/utils/hosts/host-ids';

/** The bounds the panel's answers give short texts (utils/catalog/view.ts), which builds on this module. */
const ShortText = z.string().check(z.minLength(1), z.maxLength(500));
const TextList = z.array(ShortText).check(z.maxLength(500));

/** A Jira issue as the page (and later the site's REST API) describes it. */
export const JiraRecord = z.object({
  kind: z.literal('jira'),
  host: z.enum(['jira-cloud', 'jira-dc']),
  key: z.string().check(z.regex(/^[A-Z][A-Z0-9_]+-[0-9]+$/)),
  epic: z.optional(z.string().check(z.regex(/^[A-Z][A-Z0-9_]+-[0-9]+$/))),
  parent: z.optional(z.string().check(z.regex(/^[A-Z][A-Z0-9_]+-[0-9]+$/))),
  labels: z.optional(TextList),
  components: z.optional(TextList),
});
export type JiraRecord = z.infer<typeof JiraRecord>;

export const CrmRecord = z.object({
  kind: z.literal('crm'),
  host: z.enum(CRM_HOST_IDS),
  object: ShortText,
  id: ShortText,
  /** Customer names read from the page: the record's own, and e.g. a ticket requester's organization. */
  names: z.optional(TextList),
  /** Other records that stand for the same customer, e.g. a Zendesk ticket's organization. */
  related: z.optional(z.array(z.object({ object: ShortText, id: ShortText })).check(z.maxLength(20))),
});
export type CrmRecord = z.infer<typeof CrmRecord>;

export const RecordRef = z.discriminatedUnion('kind', [JiraRecord, CrmRecord]);
export type RecordRef = z.infer<typeof RecordRef>;
