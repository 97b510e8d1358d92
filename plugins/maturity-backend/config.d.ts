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
    index?: {
      /**
       * Minutes between syncs of the plugin's index of the catalog (owners,
       * systems, lifecycles, group tree). Default 10.
       */
      refreshMinutes?: number;
    };
    orphans?: {
      /** Delete the assessments of entities gone from the catalog this long. */
      deleteAfterDays?: number;
    };
    permissions?: {
      /** Groups whose members may assess any entity (read by the demo policy). */
      adminGroups?: string[];
    };
  };
}
