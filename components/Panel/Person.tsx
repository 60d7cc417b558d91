import type { OwnerView, PersonView } from '@/utils/catalog/view';
import { mailtoUrl, safeHttpsUrl } from '@/utils/safe-url';

interface PersonLineProps {
  label: string;
  person: PersonView;
  fromTeam?: boolean;
  testId?: string;
}

/** One person with their role, title and ways to reach them. */
export function PersonLine({ label, person, fromTeam = false, testId }: PersonLineProps) {
  const mail = mailtoUrl(person.email);
  const chat = safeHttpsUrl(person.chat);
  return (
    <div class="person" data-testid={testId} data-inherited={fromTeam ? 'true' : undefined}>
      <div class="person__role">
        {label}
        {fromTeam && (
          <span class="person__inherited" title="The need names no owner; the team's lead stands in">
            from team
          </span>
        )}
      </div>
      <div class="person__name">{person.name}</div>
      {person.title && <div class="person__title">{person.title}</div>}
      {(mail || chat) && (
        <div class="person__contact">
          {mail && (
            <a href={mail} aria-label={`E-mail ${person.name}`}>
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
    </div>
  );
}

interface OwnerPairProps {
  businessOwner: OwnerView | null;
  itOwner: OwnerView | null;
}

/** The pair is the point: business owner and IT owner side by side. */
export function OwnerPair({ businessOwner, itOwner }: OwnerPairProps) {
  return (
    <div class="owners">
      {businessOwner ? (
        <PersonLine
          label="Business owner"
          person={businessOwner.person}
          fromTeam={businessOwner.fromTeam}
          testId="tandem-business-owner"
        />
      ) : (
        <div class="person person--missing" data-testid="tandem-business-owner">
          <div class="person__role">Business owner</div>
          <div class="person__name">Not named</div>
        </div>
      )}
      {itOwner ? (
        <PersonLine
          label="IT owner"
          person={itOwner.person}
          fromTeam={itOwner.fromTeam}
          testId="tandem-it-owner"
        />
      ) : (
        <div class="person person--missing" data-testid="tandem-it-owner">
          <div class="person__role">IT owner</div>
          <div class="person__name">Not named</div>
        </div>
      )}
    </div>
  );
}
