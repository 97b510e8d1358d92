export interface Config {
  /** Configuration of the maturity plugins. */
  maturity?: {
    /** Days after which an assessment is stale. Default 180. */
    staleAfterDays?: number;
    scoring?: {
      /** Require `fully` for every level below the reached one. */
      strict?: boolean;
    };
    /**
     * Default targets: a level for every topic, or per topic or dimension id.
     * An assessment's own targets win.
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
       * partial set). At least one entity a run, whatever the share. Default 10.
       */
      maxDeletePercent?: number;
    };
    cache?: {
      /** Byte budget of each in-memory cache (snapshots, results). Default 32 MiB. */
      maxBytes?: number;
    };
    rateLimit?: {
      /** Assessments one user may submit per minute, per replica. Default 60. */
      writesPerMinute?: number;
    };
    permissions?: {
      /** Groups whose members may assess any entity (read by the demo policy). */
      adminGroups?: string[];
    };
  };
}
