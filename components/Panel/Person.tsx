import { Warnings } from '@/components/Panel/Warnings';
import type { OwnerView, PersonView } from '@/utils/catalog/view';
import { personWarnings } from '@/utils/catalog/warnings';
import { mailtoUrl, safeHttpsUrl } from '@/utils/safe-url';

interface PersonLineProps {
  label: string;
  person: PersonView;
  fromTeam?: boolean;
  testId?: string;
  now: Date;
}

/** One person with their role, title and ways to reach them. */
export function PersonLine({ label, person, fromTeam = false, testId, now }: PersonLineProps) {
  const mail = mailtoUrl(person.email);
  const chat = safeHttpsUrl(person.chat);
  return (
    <div class="person" data-testid={testId} data-inherited={fromTeam ? 'true' : undefined}>
      <div class="person__role">
        {label}
        {fromTeam && (
          <span class="person__inherited" title="The need names no owner; the team’s lead stands in">
            from team
          </span>
        )}
      </div>
      <div class="person__name" dir="auto">
        {person.name}
      </div>
      {person.title && (
        <div class="person__title" dir="auto">
          {person.title}
        </div>
      )}
      {(mail || chat) && (
        <div class="person__contact">
          {mail && (
            <a href={mail} aria-label={`Mail ${person.name}`}>
              Mail
            </a>
          )}
          {chat && (
            <a href={chat} target="_blank" rel="noopener noreferrer" aria-label={`Chat with ${person.name}`}>
              Chat
            </a>
          )}
        </div>
      )}
      <Warnings items={personWarnings(person, now)} />
    </div>
  );
}

function Missing({ label, testId }: { label: string; testId: string }) {
  return (
    <div class="person person--missing" data-testid={testId}>
      <div class="person__role">{label}</div>
      <div class="person__name">Not named</div>
    </div>
  );
}

interface OwnerPairProps {
  businessOwner: OwnerView | null;
  itOwner: OwnerView | null;
  now: Date;
}

/** The pair is the point: business owner and IT owner side by side. */
export function OwnerPair({ businessOwner, itOwner, now }: OwnerPairProps) {
  const business = 'Business owner';
  const it = 'IT owner';
  return (
    <div class="owners">
      {businessOwner ? (
        <PersonLine
          label={business}
          person={businessOwner.person}
          fromTeam={businessOwner.fromTeam}
          testId="tandem-business-owner"
          now={now}
        />
      ) : (
        <Missing label={business} testId="tandem-business-owner" />
      )}
      {itOwner ? (
        <PersonLine
          label={it}
          person={itOwner.person}
          fromTeam={itOwner.fromTeam}
          testId="tandem-it-owner"
          now={now}
        />
      ) : (
        <Missing label={it} testId="tandem-it-owner" />
      )}
    </div>
  );
}
