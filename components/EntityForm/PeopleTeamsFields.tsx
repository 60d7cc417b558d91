/** The fields of a person and of a team (docs/catalog-format.md). */
import { RefField, SelectField, TextField, useForm } from '@/components/EntityForm/fields';
import { IdListField, LinkRowsField } from '@/components/EntityForm/lists';
import { getAt } from '@/components/EntityForm/model';

export function PersonFields({ onName }: { onName?: (name: string) => void }) {
  return (
    <>
      <TextField path="name" label="Name" required onValue={onName} />
      <TextField path="title" label="Title" />
      <TextField path="email" label="E-mail" type="email" />
      <SelectField
        path="side"
        label="Side"
        empty="Not said"
        options={[
          { value: 'business', label: 'Business' },
          { value: 'it', label: 'IT' },
        ]}
      />
      <TextField path="chat" label="Chat profile or channel" type="url" placeholder="https://…" />
      <TextField path="verifiedAt" label="Last confirmed" type="date" />
    </>
  );
}

export const APPROACHES = [
  { value: 'standard', label: 'Standard' },
  { value: 'clean-slate', label: 'Clean slate (a new business leader paired with an IT leader)' },
  { value: 'firewall', label: 'Firewall (taken out of the usual governance for a fixed time)' },
] as const;

function Agreements() {
  const form = useForm();
  const value = getAt(form.draft, 'charter.agreements');
  const lines = Array.isArray(value) ? value.join('\n') : '';
  return (
    <div class="field">
      <label for="f-charter-agreements">Agreements (one per line)</label>
      <textarea
        id="f-charter-agreements"
        rows={3}
        disabled={form.readOnly}
        value={lines}
        onInput={(event) => form.set('charter.agreements', event.currentTarget.value.split('\n'))}
      />
    </div>
  );
}

export function TeamFields({ onName }: { onName?: (name: string) => void }) {
  return (
    <>
      <TextField path="name" label="Name" required onValue={onName} />
      <SelectField path="approach" label="Approach" options={APPROACHES} />
      <RefField path="businessLead" label="Business lead" kind="people" required />
      <RefField path="itLead" label="IT lead" kind="people" required />
      <IdListField path="members" legend="Members" kind="people" />
      <fieldset class="group">
        <legend>Charter</legend>
        <TextField path="charter.url" label="Charter document" type="url" placeholder="https://…" />
        <TextField path="charter.mission" label="Mission" multiline />
        <TextField path="charter.businessGoal" label="Business goal" multiline />
        <TextField path="charter.capability" label="Capability it owns" />
        <Agreements />
        <TextField path="charter.startsOn" label="Starts on" type="date" />
        <TextField path="charter.endsOn" label="Ends on" type="date" />
      </fieldset>
      <LinkRowsField path="channels" legend="Channels" noun="channel" />
      <TextField path="verifiedAt" label="Last confirmed" type="date" />
    </>
  );
}
