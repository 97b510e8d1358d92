import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Campaign,
  campaignPhase,
  daysLeft,
  isStale,
} from '@cnmm/backstage-plugin-maturity-common';
import { CampaignStore, ReminderKey } from '../database/CampaignStore';
import type { ReminderReason, ReminderSettings } from '../config';
import { CampaignService } from '../services/CampaignService';

// One topic per reason, so that users can mute one kind in their settings.
const PRESENTATION: Record<
  ReminderReason,
  { topic: string; severity: NotificationSeverity }
> = {
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

const DAY_MS = 24 * 60 * 60 * 1000;

/** The ISO 8601 week of a UTC day, as "2026-W47". */
export function isoWeek(date: Date | string): string {
  const day = new Date(
    typeof date === 'string' ? `${date.slice(0, 10)}T00:00:00Z` : date,
  );
  const utc = Date.UTC(
    day.getUTCFullYear(),
    day.getUTCMonth(),
    day.getUTCDate(),
  );
  // The Thursday of the same week decides the year.
  const weekday = (new Date(utc).getUTCDay() + 6) % 7;
  const thursday = new Date(utc + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week =
    Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

type Due = ReminderKey & {
  reason: ReminderReason;
  ownerRef: string;
  campaigns: Campaign[];
};

/**
 * The reminder run: which owners to remind of what, sent through the
 * notifications backend. A reminder is claimed in the database before it is
 * sent; the claim's key (entity, reason, week) lets only one run, on any
 * replica, send it. Events that happen once (a start, a deadline mark) are
 * keyed by the week they fall in, so they are sent once; a missing or stale
 * assessment is keyed by the current week, so it is repeated weekly.
 */
export class CampaignReminders {
  constructor(
    private readonly deps: {
      service: CampaignService;
      campaigns: CampaignStore;
      notifications: NotificationService;
      auth: AuthService;
      logger: LoggerService;
      settings: ReminderSettings;
    },
  ) {}

  async run(now: Date = new Date()): Promise<Due[]> {
    const due = await this.dueReminders(now);
    const sent: Due[] = [];
    for (const reminder of due) {
      const campaignIds = reminder.campaigns.map(c => c.id);
      if (
        !(await this.deps.campaigns.claimReminder(reminder, campaignIds, now))
      ) {
        continue;
      }
      try {
        await this.deps.notifications.send({
          recipients: { type: 'entity', entityRef: reminder.ownerRef },
          payload: this.payload(reminder),
        });
        sent.push(reminder);
      } catch (error) {
        // Released so that the next run tries again rather than never.
        await this.deps.campaigns.releaseReminder(reminder);
        this.deps.logger.warn(
          `Could not send the ${reminder.reason} reminder for ${reminder.entityRef}: ${error}`,
        );
      }
    }
    if (sent.length) {
      this.deps.logger.info(`Sent ${sent.length} maturity campaign reminders`);
    }
    return sent;
  }

  /** Every reminder due now, one per entity, reason and week. */
  async dueReminders(now: Date): Promise<Due[]> {
    const { enabled, staleAfterDays } = this.deps.settings;
    // The plugin itself reads every in-scope entity: reminders go to each
    // entity's own owners.
    const options = {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
      visibility: { type: 'all' as const },
    };
    const due = new Map<string, Due>();
    const add = (
      entityRef: string,
      ownerRef: string | null,
      reason: ReminderReason,
      week: string,
      campaign: Campaign,
    ) => {
      if (!enabled[reason] || !ownerRef) return;
      const key = `${entityRef}|${reason}|${week}`;
      const entry = due.get(key) ?? {
        entityRef,
        ownerRef,
        reason,
        week,
        campaigns: [],
      };
      entry.campaigns.push(campaign);
      due.set(key, entry);
    };
    const thisWeek = isoWeek(now);
    for (const campaign of await this.deps.service.all()) {
      if (campaignPhase(campaign, now) !== 'running') continue;
      const entities = await this.deps.service.evaluate(campaign, options);
      const left = daysLeft(campaign.deadline, now);
      const sinceStart = -daysLeft(campaign.startsOn, now);
      for (const { entityRef, ownerRef, evaluation } of entities) {
        if (sinceStart < 7) {
          add(
            entityRef,
            ownerRef,
            'campaign-started',
            isoWeek(campaign.startsOn),
            campaign,
          );
        }
        if (evaluation.assessedAt === null) {
          add(entityRef, ownerRef, 'assessment-missing', thisWeek, campaign);
        } else if (isStale(evaluation.assessedAt, now, staleAfterDays)) {
          add(entityRef, ownerRef, 'assessment-stale', thisWeek, campaign);
        }
        if (evaluation.meets) continue;
        if (left <= 3) {
          add(
            entityRef,
            ownerRef,
            'deadline-3-days',
            isoWeek(shiftDay(campaign.deadline, -3)),
            campaign,
          );
        } else if (left <= 14) {
          add(
            entityRef,
            ownerRef,
            'deadline-14-days',
            isoWeek(shiftDay(campaign.deadline, -14)),
            campaign,
          );
        }
      }
    }
    return [...due.values()];
  }

  private payload(reminder: Due) {
    const { kind, namespace, name } = parseEntityRef(reminder.entityRef);
    const titles = reminder.campaigns.map(c => `"${c.title}"`).join(', ');
    const deadline = reminder.campaigns.map(c => c.deadline).sort()[0];
    const texts: Record<
      ReminderReason,
      { title: string; description: string }
    > = {
      'campaign-started': {
        title: `${name} is part of a new maturity campaign`,
        description: `Campaign ${titles} has started; its deadline is ${deadline}. See what ${name} still needs on its Maturity tab.`,
      },
      'assessment-missing': {
        title: `${name} has no maturity assessment`,
        description: `${name} is in campaign ${titles} but has never been assessed. Record an assessment on its Maturity tab.`,
      },
      'assessment-stale': {
        title: `The maturity assessment of ${name} is out of date`,
        description: `${name} is in campaign ${titles} and its assessment is stale. Review it on its Maturity tab.`,
      },
      'deadline-14-days': {
        title: `${name}: two weeks left in a maturity campaign`,
        description: `Campaign ${titles} ends on ${deadline} and ${name} does not meet its goals yet.`,
      },
      'deadline-3-days': {
        title: `${name}: three days left in a maturity campaign`,
        description: `Campaign ${titles} ends on ${deadline} and ${name} does not meet its goals yet.`,
      },
    };
    return {
      ...texts[reminder.reason],
      ...PRESENTATION[reminder.reason],
      link: `/catalog/${namespace}/${kind}/${name}/maturity`,
      scope: `maturity:${reminder.entityRef}:${reminder.reason}:${reminder.week}`,
    };
  }
}
