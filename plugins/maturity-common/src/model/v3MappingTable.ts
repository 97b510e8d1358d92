/**
 * The CNMM 3.x → 4.0 mapping as data: which 4.0 criteria each 3.x level
 * vouches for. The rules that apply it are in v3Mapping.ts.
 */

const MERGED = 'process.software-integration-and-release';

/**
 * What one 3.x level asks that 4.0 holds: a 4.0 level of the topic, and the
 * criteria of that level (0-based, in the bundled 4.0 model) whose substance
 * the 3.x text asks for.
 * @public
 */
export interface V3Vouch {
  level: number;
  criteria: readonly number[];
}

/**
 * Where a CNMM 3.x topic went in 4.0: its 4.0 topic (null where 4.0 spread
 * its themes over several topics, so that no single mapping is honest) and,
 * per 3.x level, the 4.0 criteria that level vouches for (none where 4.0
 * holds nothing of its content, so that the level maps to nothing).
 * @public
 */
export interface V3TopicMapping {
  topic: string | null;
  levels: Readonly<Record<number, readonly V3Vouch[]>>;
}

const to = (level: number, ...criteria: number[]): V3Vouch[] => [
  { level, criteria },
];
const NOTHING: V3Vouch[] = [];

/**
 * CNMM 3.x topics and levels → 4.0, by content rather than by number. Each
 * 3.x level names the 4.0 criteria whose substance its text asks for; a 4.0
 * level is exact only when its 3.x sources together ask every one of its
 * criteria, and approximate otherwise. 4.0 rewrote most levels outside
 * Business Outcomes, so most mapped levels are approximate, several 3.x
 * levels moved down, and some map to nothing (3.x asked something 4.0 no
 * longer holds in that topic, such as cloud as the default in
 * Organizational Change L4 or microservices as the preferred pattern).
 */
export const CNMM_V3_MAPPING: Readonly<Record<string, V3TopicMapping>> = {
  // 4.0 L1 needs both: ad hoc change control and CI/CD adapted.
  'process.ci-cd': {
    topic: MERGED,
    levels: {
      1: to(1, 1),
      2: to(2, 0),
      3: to(3, 0), // a centre of excellence
      4: to(3, 0), // measuring release velocity and cadence
      5: to(4, 0), // delivery value shown to the organization
    },
  },
  'process.change-control': {
    topic: MERGED,
    levels: {
      1: to(1, 0),
      2: to(2, 0), // deployments triggered from source control
      3: to(2, 1, 2), // measured code quality, CI and tests passing
      4: to(3, 1), // continuous delivery behind an approval gate
      // No human access to production (4.0 L3); QE-backed automated
      // deployment and restarts on monitoring failures (4.0 L4).
      5: [
        { level: 3, criteria: [3] },
        { level: 4, criteria: [2, 3] },
      ],
    },
  },
  'process.audit-and-logs': {
    topic: 'process.audit-and-logs',
    levels: {
      1: to(1, 0),
      2: to(2, 0),
      3: to(3, 0, 1, 2),
      4: to(4, 0),
      5: to(4, 0), // "enforcing audits"; 4.0 L5 is about retained value
    },
  },
  'process.security': {
    topic: 'process.security',
    levels: {
      1: to(1, 0),
      2: to(2, 0),
      3: to(3, 0, 1),
      4: to(4, 0, 1),
      5: to(5, 0, 1, 2),
    },
  },
  'people.upskilling-developers': {
    topic: 'people.upskilling',
    levels: {
      1: to(1, 0, 1),
      2: to(1, 1), // kubectl and listing resources are 4.0 basics
      3: NOTHING, // a troubleshooting cycle
      4: to(4, 0),
      5: NOTHING, // blue/green and canary releases
    },
  },
  'people.organizational-change': {
    topic: 'people.organizational-change',
    levels: {
      1: to(1, 0),
      2: to(2, 2),
      3: to(3, 1),
      4: NOTHING, // cloud as the default infrastructure
      5: to(5, 0),
    },
  },
  'people.teams-and-decentralization': {
    topic: 'people.teams-and-decentralization',
    levels: {
      1: to(1, 0),
      2: to(2, 0),
      3: to(3, 0),
      4: to(3, 1), // working on a self-service portal
      5: to(4, 0, 1), // self-provisioning through the portal
    },
  },
  'people.security': {
    topic: 'people.security',
    levels: {
      1: to(1, 1),
      2: to(2, 1),
      3: to(2, 2), // security training
      4: NOTHING, // 4.0 L4 asks for zero trust
      5: to(5, 2),
    },
  },
  'people.developer-agility': { topic: null, levels: {} },
  'policy.policy-creation': {
    topic: 'policy.policy-creation',
    levels: {
      1: to(1, 0),
      2: NOTHING, // resource metrics
      3: NOTHING, // policies from refined metrics
      4: to(4, 0),
      5: to(5, 0),
    },
  },
  'policy.compliance': {
    topic: 'policy.implementation-and-compliance',
    levels: {
      1: to(1, 0, 1),
      2: to(2, 1),
      3: to(3, 0),
      4: to(4, 1),
      5: to(5, 0, 1),
    },
  },
  'technology.infrastructure': {
    topic: 'technology.platforms-and-infrastructure',
    levels: {
      1: to(1, 0, 1),
      2: to(2, 1),
      3: to(3, 0, 1),
      4: to(4, 0, 1),
      5: to(5, 0),
    },
  },
  'technology.application-patterns-and-refactoring': {
    topic: 'technology.application-patterns-and-refactoring',
    levels: {
      1: to(1, 0),
      2: NOTHING, // first APIs, a microservices-first framework
      3: NOTHING, // microservices by default
      4: NOTHING, // APIs and a service mesh across the organization
      5: to(5, 0, 1),
    },
  },
  'technology.container-and-runtime-management': {
    topic: 'technology.container-and-runtime-management',
    levels: {
      1: to(1, 2),
      2: to(2, 0), // container hygiene
      3: to(2, 1), // automatic scanning and runtime observability
      4: NOTHING, // integrated data sources and alerting
      5: to(5, 0, 1),
    },
  },
  'technology.application-release-and-operations': {
    topic: 'technology.application-release-and-operations',
    levels: {
      1: to(1, 2),
      2: to(1, 2), // kubectl and kustomize for first releases
      3: to(1, 2), // first Helm charts
      4: to(2, 0), // GitOps operators for deployment
      5: to(2, 0), // release and operations workflows in Git
    },
  },
  'technology.testing-and-issue-detection': {
    topic: 'technology.testing-and-issue-detection',
    levels: {
      1: to(1, 0),
      2: to(2, 0),
      3: to(3, 0),
      4: to(4, 0),
      5: to(5, 2),
    },
  },
  'technology.security-and-policy': {
    topic: 'technology.security-and-policy',
    levels: {
      1: to(1, 2),
      2: to(2, 0),
      3: to(3, 0),
      4: to(4, 0),
      5: to(5, 0, 1),
    },
  },
  'business-outcomes.outcomes': {
    topic: 'business-outcomes.outcomes',
    levels: {
      1: to(1, 0, 1, 2, 3),
      2: to(2, 0, 1, 3),
      3: to(3, 0, 1, 2, 3),
      4: to(4, 0, 1, 2, 3),
      5: to(5, 0, 1, 2, 3),
    },
  },
};
