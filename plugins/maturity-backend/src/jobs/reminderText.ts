import { parseEntityRef } from '@backstage/catalog-model';
import type {
  NotificationPayload,
  NotificationSeverity,
} from '@backstage/plugin-notifications-common';
import type { Campaign } from '@cnmm/backstage-plugin-maturity-common';
import type { ReminderReason } from '../config';
import type { Digest } from '../database/ReminderStore';

/** The reason of the digests of topics about to expire (not a campaign's). */
export const ATTESTATION_EXPIRY = 'attestation-expiry';

/**
 * The "campaign" of expiry reminder items: none. Campaign ids are never
 * empty, so the items of the two kinds never share a key.
 */
export const ATTESTATION_ITEMS = '';

/** Why a digest is sent: a campaign's reason, or a coming expiry. */
type DigestReason = ReminderReason | typeof ATTESTATION_EXPIRY;

/** Entities a digest names at most; the rest are "and N more". */
export const LISTED_ENTITIES = 20;

// One topic per reason, so that users can mute one kind in their settings.
const PRESENTATION: Record<
  DigestReason,
  { topic: string; severity: NotificationSeverity }
> = {
  [ATTESTATION_EXPIRY]: {
    topic: 'Maturity attestation expiring',
    severity: 'normal',
  },
  'campaign-started': {
    topic: 'Maturity campaign started',
    severity: 'normal',
  },
  'assessment-missing': {
    topic: 'Maturity assessment missing',
    severity: 'normal',
  },
  'assessment-stale': {
    topic: 'Maturity assessment stale',
    severity: 'normal',
  },
  'deadline-14-days': {
    topic: 'Maturity campaign deadline',
    severity: 'normal',
  },
  'deadline-3-days': { topic: 'Maturity campaign deadline', severity: 'high' },
};

/** A ref as people read it: the name alone for a component of `default`. */
function shortName(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  if (namespace !== 'default') return ref;
  return kind === 'component' ? name : `${kind}:${name}`;
}

/** The first {@link LISTED_ENTITIES} names, then how many more. */
export function listNames(refs: string[]): string {
  const names = refs.slice(0, LISTED_ENTITIES).map(shortName);
  const more = refs.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

/** The owner's Maturity tab (groups have one), or the maturity page. */
function ownerLink(ownerRef: string): string {
  const { kind, namespace, name } = parseEntityRef(ownerRef);
  return kind === 'group'
    ? `/catalog/${namespace}/group/${name}/maturity`
    : '/maturity';
}

/**
 * The notification of one digest. Backstage offers a plugin no way to ask
 * the permission policy what another user may see (there is no
 * impersonation), so the plugin cannot check an entity against each member
 * of the team it writes to. By default a digest therefore names no entity
 * and counts none: it says which campaign, what is due and for which owner,
 * and links to the owner's Maturity tab, where each reader sees the entities
 * the policy shows them. With `listEntities` (for policies that let a team
 * read what it owns) it names them, up to {@link LISTED_ENTITIES}.
 */
export function digestPayload(
  digest: Digest,
  options: {
    campaigns: Campaign[];
    listEntities: boolean;
    /** For an expiry digest: how far ahead it reminds. */
    daysBefore?: number;
  },
): NotificationPayload {
  const reason = digest.reason as DigestReason;
  const owner = shortName(digest.ownerRef);
  const titles =
    options.campaigns.map(c => `"${c.title}"`).join(', ') || 'a campaign';
  const deadline = options.campaigns.map(c => c.deadline).sort()[0];
  const by = deadline ? ` (deadline ${deadline})` : '';
  const count = digest.entityRefs.length;
  const listed = options.listEntities;
  const them = listed
    ? `${count} ${count === 1 ? 'entity' : 'entities'} of ${owner}: ${listNames(
        digest.entityRefs,
      )}`
    : `Entities of ${owner}`;
  const where = listed
    ? 'Their Maturity tabs show what each needs.'
    : `${owner}'s Maturity tab shows which, as you may see them.`;
  const texts: Record<DigestReason, { title: string; description: string }> = {
    [ATTESTATION_EXPIRY]: {
      title: `Maturity ratings to confirm for ${owner}`,
      description: `${them} ${
        listed && count === 1 ? 'has' : 'have'
      } topics whose attestation or exemption ends${
        options.daysBefore ? ` within ${options.daysBefore} days` : ' soon'
      }: confirm them unchanged, or rate them again, before they count as unrated. ${where}`,
    },
    'campaign-started': {
      title: `New maturity campaign ${titles} for ${owner}`,
      description: `${them} ${
        listed && count === 1 ? 'is' : 'are'
      } in it${by}. ${where}`,
    },
    'assessment-missing': {
      title: `Maturity assessments missing for ${owner}`,
      description: `${them} in ${titles}${by} ${
        listed && count === 1 ? 'has' : 'have'
      } never been assessed. ${where}`,
    },
    'assessment-stale': {
      title: `Maturity assessments out of date for ${owner}`,
      description: `${them} in ${titles}${by} ${
        listed && count === 1 ? 'has' : 'have'
      } a stale assessment. ${where}`,
    },
    'deadline-14-days': {
      title: `Two weeks left in maturity campaign ${titles}`,
      description: `${them} ${
        listed && count === 1 ? 'does' : 'do'
      } not meet its goals yet${by}. ${where}`,
    },
    'deadline-3-days': {
      title: `Three days left in maturity campaign ${titles}`,
      description: `${them} ${
        listed && count === 1 ? 'does' : 'do'
      } not meet its goals yet${by}. ${where}`,
    },
  };
  const [only] = digest.entityRefs;
  const link =
    listed && count === 1
      ? (() => {
          const { kind, namespace, name } = parseEntityRef(only);
          return `/catalog/${namespace}/${kind}/${name}/maturity`;
        })()
      : ownerLink(digest.ownerRef);
  return {
    ...texts[reason],
    ...PRESENTATION[reason],
    link,
    // One notification per digest: sent again after a crash, it is the same.
    scope: `maturity:digest:${digest.id}`,
  };
}
