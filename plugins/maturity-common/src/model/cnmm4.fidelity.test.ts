import { cnmm4Model } from './cnmm4';

/**
 * Criteria a level-by-level comparison with the CNMM 4.0 text found stronger
 * than the source, invented, at the wrong level or missing (issue 15). An
 * assessor ticks criteria as written, so a criterion that asks more than the
 * source (an absolute where the text hedges) wrongly holds a team back, and a
 * missing one lets a team claim a level the text would not give it.
 */
const criteriaOf = (topicId: string, level: number): string[] => {
  const topic = cnmm4Model.dimensions
    .flatMap(d => d.topics)
    .find(t => t.id === topicId);
  const found = topic?.levels.find(l => l.level === level);
  if (!found) throw new Error(`${topicId} has no level ${level}`);
  return found.criteria;
};

describe('fidelity of the bundled model to the CNMM 4.0 text', () => {
  // Wording stronger than the source, invented, or at the wrong level.
  it.each<[string, string, number, RegExp]>([
    [
      'no claim that scans cover every workload',
      'process.security',
      3,
      /\bevery\b|\ball\b/i,
    ],
    [
      'no absolute about security findings',
      'process.security',
      4,
      /\bno finding\b|\bevery\b|\bnever\b/i,
    ],
    [
      'no "written down" requirement for change practices',
      'process.software-integration-and-release',
      1,
      /written down|document/i,
    ],
    [
      'no claim that DORA metrics are mapped',
      'process.software-integration-and-release',
      4,
      /DORA.* are mapped/,
    ],
    [
      'no claim that resistance is being addressed yet',
      'people.culture',
      2,
      /resistance|distrust/i,
    ],
    [
      'no claim that cluster lifecycle is automated',
      'technology.platforms-and-infrastructure',
      4,
      /lifecycle is automated/i,
    ],
    [
      'no claim that builds meet SLSA Build Level 1',
      'technology.security-and-policy',
      3,
      /builds meet/i,
    ],
    [
      'no claim that GPUs are shared efficiently',
      'technology.ai',
      3,
      /shared efficiently/i,
    ],
    // Issue 27: a second comparison, criterion by criterion.
    [
      'no claim that funding has replaced the informal group',
      'people.organizational-change',
      2,
      /funding replace|replace the informal/i,
    ],
    [
      'no "every role in all teams" absolute',
      'people.organizational-change',
      3,
      /\bevery role\b|\ball teams\b/i,
    ],
    [
      'no claim that leadership has mandated restructuring',
      'people.teams-and-decentralization',
      3,
      /has mandated|mandated restructuring/i,
    ],
    [
      'no contribution to sandbox projects asked',
      'people.upskilling',
      5,
      /contribut\w* to [^.]*sandbox/i,
    ],
    [
      'no agreed way to debug, no named owner of AI compliance',
      'people.ai',
      2,
      /agreed way|someone is responsible/i,
    ],
    [
      'no claim that every workload sets requests and limits',
      'technology.cost-efficiency',
      1,
      /\bevery workload\b/i,
    ],
    [
      'no claim that developers already manage their own environments',
      'technology.testing-and-issue-detection',
      3,
      /can create and remove .*themselves/i,
    ],
    [
      'no requirement that ROI is tracked',
      'business-outcomes.outcomes',
      2,
      /return on investment is tracked/i,
    ],
    [
      'no queue of further migrations',
      'business-outcomes.outcomes',
      4,
      /queued for migration/i,
    ],
    [
      'no schedule for automating manual policy steps',
      'policy.policy-creation',
      3,
      /scheduled/i,
    ],
    [
      'no claim that each application has been assessed',
      'technology.architecture-and-solution-design',
      1,
      /each application has been assessed/i,
    ],
    [
      'no claim that MLOps is already standardized',
      'technology.ai',
      3,
      /processes are standardized/i,
    ],
    [
      'no claim that admission controllers already validate requests',
      'technology.security-and-policy',
      2,
      /^admission controllers validate/i,
    ],
  ])('%s (%s level %i)', (_, topicId, level, forbidden) => {
    expect(criteriaOf(topicId, level).filter(c => forbidden.test(c))).toEqual(
      [],
    );
  });

  // What the source holds at that level, in the source's strength: every
  // criterion naming the subject carries the source's hedge.
  it.each<[string, string, number, RegExp, RegExp]>([
    [
      'scanning is automatic and continuous',
      'process.security',
      3,
      /scan/i,
      /automatic|continuous|flag/i,
    ],
    [
      'remediation is automated or comes with advice',
      'process.security',
      4,
      /remediation advice/i,
      /automatically or/i,
    ],
    [
      'informal change control is allowed',
      'process.software-integration-and-release',
      1,
      /ad hoc|informal/i,
      /\bmay\b|not expected/i,
    ],
    [
      'a center of excellence is being set up',
      'process.software-integration-and-release',
      3,
      /cent(re|er) of excellence/i,
      /being set up|establishing/i,
    ],
    [
      'DORA metrics are optional and mapping them is under way',
      'process.software-integration-and-release',
      4,
      /\bDORA\b/,
      /\b(if|where)\b.*(planned|under way)/i,
    ],
    [
      'a quality engineering (QE) capability backs automated deployment',
      'process.software-integration-and-release',
      4,
      /quality engineering/i,
      /only failing tests can block/i,
    ],
    [
      'overcoming resistance sits at level 3',
      'people.culture',
      3,
      /resistance/i,
      /overcome/i,
    ],
    [
      'infrastructure technical debt is paid down',
      'technology.platforms-and-infrastructure',
      2,
      /infrastructure (technical )?debt/i,
      /paid down|paying down/i,
    ],
    [
      'Cluster API is being explored',
      'technology.platforms-and-infrastructure',
      4,
      /Cluster ?API/,
      /begun exploring/i,
    ],
    [
      'the Kubernetes API is typically extended with Crossplane',
      'technology.application-release-and-operations',
      4,
      /Crossplane/,
      /typically|likely|such as/i,
    ],
    [
      'SPIFFE/SPIRE is evaluated for workload identity',
      'technology.security-and-policy',
      3,
      /SPIFFE|SPIRE/,
      /being evaluated/i,
    ],
    [
      'threat detection is considered',
      'technology.security-and-policy',
      3,
      /threat detection/i,
      /considered/i,
    ],
    [
      'SLSA Build Level 1 is a goal',
      'technology.security-and-policy',
      3,
      /SLSA Build Level 1/,
      /working towards/i,
    ],
    [
      'GPU sharing is being investigated',
      'technology.ai',
      3,
      /vGPU|multi-instance GPU/,
      /begun investigating/i,
    ],
    [
      'autoscaled, cleaner-energy model serving is being considered',
      'technology.ai',
      3,
      /autoscal/i,
      /being considered/i,
    ],
    [
      'the platform strategy is being considered',
      'technology.platforms-and-infrastructure',
      2,
      /platform strategy/i,
      /being considered/i,
    ],
    [
      'SLSA Build Level 2 is a goal',
      'technology.security-and-policy',
      4,
      /SLSA Build Level 2/,
      /working towards/i,
    ],
    [
      'SLSA Build Level 3 is a goal',
      'technology.security-and-policy',
      5,
      /SLSA Build Level 3/,
      /working towards/i,
    ],
    // Issue 27: hedges kept as hedges, content at its level, omissions added.
    [
      'funding is only being discussed',
      'people.organizational-change',
      2,
      /funding/i,
      /being discussed/i,
    ],
    [
      'roles and workflows are formalized for consistency',
      'people.organizational-change',
      3,
      /roles and workflows/i,
      /consisten/i,
    ],
    [
      'restructuring is recognized as essential and needs a mandate',
      'people.teams-and-decentralization',
      3,
      /value streams/i,
      /recognized as essential.*requires/i,
    ],
    [
      'sandbox technologies are taken up by the organization',
      'people.upskilling',
      5,
      /sandbox/i,
      /organization takes up/i,
    ],
    [
      'debugging AI workloads may stay difficult',
      'people.ai',
      2,
      /debug/i,
      /\bmay\b/i,
    ],
    [
      'governance roles are created where needed',
      'people.ai',
      2,
      /model validation/i,
      /where needed/i,
    ],
    [
      'requests and limits are addressed early',
      'technology.cost-efficiency',
      1,
      /requests and limits/i,
      /early/i,
    ],
    [
      'self-service environments are being built at level 3',
      'technology.testing-and-issue-detection',
      3,
      /self-service/i,
      /investment has begun/i,
    ],
    [
      'ROI is one possible KPI',
      'business-outcomes.outcomes',
      2,
      /return on investment/i,
      /^if\b/i,
    ],
    [
      'further migrations may start',
      'business-outcomes.outcomes',
      4,
      /further applications/i,
      /\bmay\b/i,
    ],
    [
      'established protocols and procedures are visible',
      'business-outcomes.outcomes',
      4,
      /protocols and procedures/i,
      /established/i,
    ],
    [
      'manual policy steps are identified',
      'policy.policy-creation',
      3,
      /manual policy steps/i,
      /identified/i,
    ],
    [
      'evaluating application changes has begun',
      'technology.architecture-and-solution-design',
      1,
      /monolith/i,
      /evaluation has begun/i,
    ],
    [
      'new tools are trialled and old ones retired',
      'technology.architecture-and-solution-design',
      3,
      /trialled/i,
      /retired/i,
    ],
    [
      'the capability catalog is narrowed',
      'technology.architecture-and-solution-design',
      4,
      /capability catalog/i,
      /narrowed/i,
    ],
    [
      'shared costs are minimized or allocated',
      'technology.platforms-and-infrastructure',
      5,
      /shared or pooled costs/i,
      /minimum or fully allocated/i,
    ],
    [
      'standardizing MLOps is the focus',
      'technology.ai',
      3,
      /MLOps/,
      /focus is on standardizing/i,
    ],
    [
      'GenAI and LLMs arrive',
      'technology.ai',
      3,
      /generative AI|LLMs/i,
      /introduced/i,
    ],
    [
      'restricting API access with admission control is beginning',
      'technology.security-and-policy',
      2,
      /admission/i,
      /has begun/i,
    ],
    [
      'an enforcement strategy with third-party benchmarks',
      'technology.security-and-policy',
      3,
      /third-party benchmarks/i,
      /enforcement strategy/i,
    ],
    [
      'admission controllers read from the policy platform',
      'technology.security-and-policy',
      3,
      /policy platform/i,
      /admission controllers read/i,
    ],
  ])('%s (%s level %i)', (_, topicId, level, subject, hedge) => {
    const naming = criteriaOf(topicId, level).filter(c => subject.test(c));
    expect(naming).not.toEqual([]);
    expect(naming.filter(c => !hedge.test(c))).toEqual([]);
  });

  // Titles that say what the level holds.
  it.each<[string, number, RegExp]>([
    ['policy.policy-creation', 2, /tackled first/i],
    ['technology.cost-efficiency', 1, /addressed early/i],
    ['technology.ai', 3, /standardizing MLOps as GenAI arrives/i],
  ])('%s level %i is titled for its level', (topicId, level, title) => {
    const found = cnmm4Model.dimensions
      .flatMap(d => d.topics)
      .find(t => t.id === topicId)
      ?.levels.find(l => l.level === level);
    expect(found?.title).toMatch(title);
  });
});
