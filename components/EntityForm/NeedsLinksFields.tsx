/** The fields of a need and of a link (docs/catalog-format.md). */

import { FieldErrors, RefField, SelectField, TextField, useForm } from '@/components/EntityForm/fields';
import { LinkRowsField, RowsField } from '@/components/EntityForm/lists';
import { type Draft, getAt } from '@/components/EntityForm/model';
import { STATUS_LABEL } from '@/utils/catalog/labels';
import { CRM_SYSTEMS, IMPORTANCES, NEED_STATUSES } from '@/utils/catalog/schema';

export function NeedFields({ onName }: { onName?: (name: string) => void }) {
  return (
    <>
      <TextField path="title" label="Title" required onValue={onName} />
      <TextField path="statement" label="The need in the customer's words" multiline />
      <SelectField
        path="status"
        label="Status"
        options={NEED_STATUSES.map((status) => ({ value: status, label: STATUS_LABEL[status] }))}
      />
      <RefField path="team" label="Team" kind="teams" />
      <RefField
        path="businessOwner"
        label="Business owner"
        kind="people"
        hint="Empty: the team's business lead stands in."
      />
      <RefField path="itOwner" label="IT owner" kind="people" hint="Empty: the team's IT lead stands in." />
      <TextField path="outcome" label="Business outcome" multiline />
      <RowsField
        path="customers"
        legend="Customers"
        noun="customer"
        blank={{ name: '' }}
        row={(base) => (
          <>
            <TextField path={`${base}.name`} label="Customer" />
            <SelectField
              path={`${base}.importance`}
              label="Importance"
              empty="Not said"
              options={IMPORTANCES.map((value) => ({ value, label: value }))}
            />
            <TextField path={`${base}.revenueBand`} label="Revenue band" />
          </>
        )}
      />
      <fieldset class="group">
        <legend>Adoption (leave empty when not measured)</legend>
        <FieldErrors path="adoption" />
        <TextField path="adoption.metric" label="Metric" />
        <TextField path="adoption.unit" label="Unit" />
        <TextField path="adoption.target" label="Target" type="number" />
        <TextField path="adoption.current" label="Current" type="number" />
        <TextField path="adoption.asOf" label="As of" type="date" />
      </fieldset>
      <LinkRowsField path="evidence" legend="Evidence" noun="piece of evidence" />
      <TextField path="verifiedAt" label="Last confirmed" type="date" />
    </>
  );
}

const JIRA_BY = ['issue', 'epic', 'project'] as const;

function Choice(props: {
  name: string;
  legend: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const form = useForm();
  return (
    <fieldset class="choice">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={props.name}
            value={option.value}
            checked={props.value === option.value}
            disabled={form.readOnly}
            onChange={() => props.onChange(option.value)}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Moves the value typed for one choice to another, so switching does not lose it. */
function rekey(draft: Draft, parent: string, from: string, to: string): Record<string, unknown> {
  const node = { ...((getAt(draft, parent) as Record<string, unknown> | undefined) ?? {}) };
  const value = node[from];
  delete node[from];
  node[to] = value ?? '';
  return node;
}

/** Narrows a project link to a label or a component; not a field of its own in the catalog. */
function NarrowSelect({ jira, narrow }: { jira: Record<string, unknown>; narrow: string }) {
  const form = useForm();
  return (
    <div class="field">
      <label for="f-jira-narrow">Only issues with</label>
      <select
        id="f-jira-narrow"
        value={narrow}
        disabled={form.readOnly}
        onChange={(event) => {
          const choice = event.currentTarget.value;
          const { label, component, ...rest } = jira;
          form.set('jira', choice ? { ...rest, [choice]: label ?? component ?? '' } : rest);
        }}
      >
        <option value="">Any issue of the project</option>
        <option value="label">A label</option>
        <option value="component">A component</option>
      </select>
    </div>
  );
}

export function LinkFields() {
  const form = useForm();
  const { draft } = form;
  const subject = 'team' in draft ? 'team' : 'need';
  const target = 'crm' in draft ? 'crm' : 'jira';
  const jira = (getAt(draft, 'jira') as Record<string, unknown> | undefined) ?? {};
  const by = JIRA_BY.find((key) => key in jira) ?? 'issue';
  const narrow = 'label' in jira ? 'label' : 'component' in jira ? 'component' : '';
  const crm = (getAt(draft, 'crm') as Record<string, unknown> | undefined) ?? {};
  const crmBy = 'name' in crm ? 'name' : 'id';
  const replace = (remove: string, key: string, value: unknown) => {
    form.set(remove, undefined);
    form.set(key, value);
  };
  return (
    <>
      <Choice
        name="subject"
        legend="Links a"
        value={subject}
        options={[
          { value: 'need', label: 'Need' },
          { value: 'team', label: 'Team' },
        ]}
        onChange={(value) => replace(subject, value, getAt(draft, subject) ?? '')}
      />
      <FieldErrors path="subject" />
      {subject === 'need' ? (
        <RefField path="need" label="Need" kind="needs" required />
      ) : (
        <RefField path="team" label="Team" kind="teams" required />
      )}
      <Choice
        name="target"
        legend="To"
        value={target}
        options={[
          { value: 'jira', label: 'Jira' },
          { value: 'crm', label: 'A CRM record or customer' },
        ]}
        onChange={(value) =>
          replace(target, value, value === 'jira' ? { issue: '' } : { system: 'salesforce', id: '' })
        }
      />
      <FieldErrors path="target" />
      {target === 'jira' ? (
        <fieldset class="group">
          <legend>Jira</legend>
          <Choice
            name="jira-by"
            legend="Match"
            value={by}
            options={[
              { value: 'issue', label: 'One issue' },
              { value: 'epic', label: 'An epic and its issues' },
              { value: 'project', label: 'A project' },
            ]}
            onChange={(value) => form.set('jira', rekey(draft, 'jira', by, value))}
          />
          <TextField
            path={`jira.${by}`}
            label={by === 'project' ? 'Project key' : 'Issue key'}
            placeholder={by === 'project' ? 'SHOP' : 'SHOP-142'}
            required
          />
          {by === 'project' && (
            <>
              <NarrowSelect jira={jira} narrow={narrow} />
              {narrow && (
                <TextField path={`jira.${narrow}`} label={narrow === 'label' ? 'Label' : 'Component'} />
              )}
            </>
          )}
        </fieldset>
      ) : (
        <fieldset class="group">
          <legend>CRM</legend>
          <SelectField
            path="crm.system"
            label="System"
            options={CRM_SYSTEMS.map((system) => ({ value: system, label: system }))}
          />
          <Choice
            name="crm-by"
            legend="Match"
            value={crmBy}
            options={[
              { value: 'id', label: 'A record id' },
              { value: 'name', label: 'A customer name' },
            ]}
            onChange={(value) => {
              const next = rekey(draft, 'crm', crmBy, value);
              if (value === 'name') delete next.object;
              form.set('crm', next);
            }}
          />
          {crmBy === 'id' ? (
            <>
              <TextField path="crm.object" label="Object" placeholder="Account, company, account, ticket…" />
              <TextField path="crm.id" label="Record id" required />
            </>
          ) : (
            <TextField path="crm.name" label="Customer name" required />
          )}
        </fieldset>
      )}
    </>
  );
}
