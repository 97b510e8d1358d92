import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the maturity plugins. */
  maturity?: {
    /** Days after which an assessment is stale; an integer of at least 1. Default 180. */
    staleAfterDays?: number;
    scoring?: {
      /** Require `fully` for every level below the reached one. */
      strict?: boolean;
    };
    /**
     * Default targets: a level (an integer from 0 to 5) for every topic, or
     * per topic or dimension id. An assessment's own targets win.
     */
    targets?: {
      default?: number | { [topicOrDimensionId: string]: number };
      byLifecycle?: {
        [lifecycle: string]: number | { [topicOrDimensionId: string]: number };
      };
    };
    /** An organisation's own model file (YAML). */
    model?: {
      file?: string;
      /** replace (default): the file is the whole model; extend: it adds topics. */
      mode?: 'replace' | 'extend';
    };
    index?: {
      /**
       * Minutes between syncs of the plugin's index of the catalog (owners,
       * systems, lifecycles, group tree); an integer of at least 1. Also
       * the delay before the first sync. Default 10. Not together with
       * `schedule`.
       */
      refreshMinutes?: number;
      /**
       * Lists (overview, export, scorecards, the catalog column) rely on the
       * index only while its last successful sync is younger than this many
       * sync periods (for a cron schedule, the longest gap between its runs);
       * beyond it they ask the catalog what each caller may see, and a
       * warning is logged. A number of at least 1; default 3. A manually
       * triggered schedule sets no limit.
       */
      maxAgePeriods?: number;
      /**
       * The index sync task's schedule, instead of `refreshMinutes`. Default:
       * every `refreshMinutes`, first after one period, timeout 15 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    orphans?: {
      /**
       * Hide (soft-delete) the assessments of entities gone from the catalog
       * this long; at least 1. Unset: they are only recorded, never deleted.
       */
      deleteAfterDays?: number;
      /** Purge hidden assessments this many days later; at least 1, default 30. */
      purgeAfterDays?: number;
      /**
       * The most assessed entities, in percent, one cleanup run may hide;
       * beyond it nothing is deleted (a provider may have published a
       * partial set). 0 hides none; any other share at least one entity a
       * run. Default 10.
       */
      maxDeletePercent?: number;
      /**
       * When the orphan cleanup task runs. Default: every 6 hours, first after
       * 2 minutes, timeout 15 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    cache?: {
      /**
       * Byte budget of each in-memory cache (snapshots, results); an integer
       * of at least 1 MiB (1048576). Default 32 MiB.
       */
      maxBytes?: number;
    };
    rateLimit?: {
      /**
       * Assessments one user may submit per minute, counted across every
       * replica (in the database); an integer of at least 1. Default 60.
       */
      writesPerMinute?: number;
      /**
       * Snapshots one entity may receive in any 24 hours, from anyone; past
       * it a write is answered 429 with Retry-After. An integer of at least
       * 1. Default 50.
       */
      snapshotsPerEntityPerDay?: number;
    };
    /**
     * Thinning of old intermediate revisions. Off unless `thinAfterDays` is
     * set: every snapshot is kept.
     */
    retention?: {
      /**
       * Revisions older than this many days are thinned to one a day (the
       * last of each day); the latest revision and reviewed ones are always
       * kept. An integer of at least 1.
       */
      thinAfterDays?: number;
      /** The most revisions one run deletes; the rest wait. Default 10000. */
      maxDeletesPerRun?: number;
      /**
       * When the retention task runs. Default: daily, first after 10
       * minutes, timeout 30 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    permissions?: {
      /**
       * Groups whose members may assess any entity and manage campaigns (read
       * by the demo policy).
       */
      adminGroups?: string[];
    };
    campaignLimits?: {
      /**
       * The most days a campaign may run, its start and deadline days
       * included; an integer from 1 to 3660. Default 366. A longer campaign
       * is refused (a 400 from the API; in `campaigns` below, the backend
       * does not start), and so is a campaign created or moved to start more
       * than this many days before today.
       */
      maxDays?: number;
    };
    /** Read-only campaigns, shown as "from configuration". */
    campaigns?: Array<{
      /** Lower-case letters, digits and "-". */
      id: string;
      title: string;
      description?: string;
      /** The overview's filters; owner includes the teams below it. */
      scope?: {
        kind?: string;
        owner?: string;
        system?: string;
        lifecycle?: string;
      };
      goals: {
        /** Minimum level per topic id. */
        topics?: { [topicId: string]: number };
        /** Minimum median level per dimension id. */
        dimensions?: { [dimensionId: string]: number };
        /** The latest assessment must be at most this many days old. */
        assessedWithinDays?: number;
      };
      /** YYYY-MM-DD */
      startsOn: string;
      /** YYYY-MM-DD, inclusive */
      deadline: string;
      status?: 'open' | 'closed';
    }>;
    /** Campaign reminders sent through the notifications backend. */
    reminders?: {
      /**
       * When the reminder task runs. Default: hourly, first after 1 minute,
       * timeout 15 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Each reason can be switched off; all are on by default. */
      campaignStarted?: boolean;
      assessmentMissing?: boolean;
      assessmentStale?: boolean;
      deadline14Days?: boolean;
      deadline3Days?: boolean;
      /**
       * Remind owners of a missing or stale assessment again every week the
       * campaign runs. Default false: once per campaign.
       */
      repeatWeekly?: boolean;
      /**
       * Name the entities in each reminder (up to 20, then "and N more").
       * Default false: a reminder names the campaign, the reason and the
       * owner, and its link opens the owner's page, where each reader sees
       * the entities the permission policy shows them. The plugin cannot ask
       * the policy what another user may see, so set this only where the
       * policy lets every member of a team read the entities it owns.
       */
      listEntities?: boolean;
      /**
       * The longest one run may take, in minutes; what it had no time for
       * is sent by the next run. Keep it below the schedule's timeout.
       * Default 10.
       */
      maxRunMinutes?: number;
    };
    /** What the assessment form offers as evidence from the catalog. */
    evidence?: {
      /**
       * Show, per topic of the form, the catalog's facts about the entity
       * (annotations, relations) with an action that adds one as an evidence
       * link. Nothing is rated from them. Default false.
       */
      enabled?: boolean;
      /**
       * The facts and the topics and levels each is evidence for, replacing
       * the default map (see the README). Each rule names exactly one
       * `annotation` or `relation`; `url` is an optional link template with
       * `{value}`, `{kind}`, `{namespace}` and `{name}`, a path starting with
       * `/` being one of the portal. An unknown topic or a level beyond a
       * topic's highest stops the start-up.
       */
      catalogFacts?: Array<{
        /** Lower-case words joined by "-"; unique. */
        id: string;
        label: string;
        annotation?: string;
        relation?: string;
        topics: Array<{ topicId: string; level: number }>;
        url?: string;
      }>;
    };
  };
}
