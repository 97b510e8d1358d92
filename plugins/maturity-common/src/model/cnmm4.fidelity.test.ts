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
  ])('%s (%s level %i)', (_, topicId, level, subject, hedge) => {
    const naming = criteriaOf(topicId, level).filter(c => subject.test(c));
    expect(naming).not.toEqual([]);
    expect(naming.filter(c => !hedge.test(c))).toEqual([]);
  });
});
