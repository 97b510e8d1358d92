import type { MaturityModelInput } from './schema';

/**
 * The CNCF Cloud Native Maturity Model 4.0, restated in this project's own words.
 *
 * The official text is CC-BY-4.0 but long and descriptive; to keep the bundled
 * model short and assessable, every level is distilled into a few yes/no
 * criteria instead of copying the paragraphs, and each topic links to its
 * section of the official site for the full wording.
 */
export const cnmm4Model: MaturityModelInput = {
  id: 'cnmm',
  version: '4.0 (Beta)',
  title: 'Cloud Native Maturity Model',
  url: 'https://maturitymodel.cncf.io',
  attribution: {
    text: 'Adapted from the CNCF Cloud Native Maturity Model (CC-BY-4.0), © The CNCF Authors; changes were made: each level is condensed and reworded into assessable criteria',
    license: 'CC-BY-4.0',
    licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
  },
  levels: [
    {
      level: 1,
      name: 'Build',
      description:
        'A baseline cloud native setup exists and is being prepared, but nothing runs in production yet.',
    },
    {
      level: 2,
      name: 'Operate',
      description:
        'The foundation is settled and the first workloads are going live in production.',
    },
    {
      level: 3,
      name: 'Scale',
      description:
        'Skills are spreading and repeatable processes are being defined so that adoption can grow.',
    },
    {
      level: 4,
      name: 'Improve',
      description:
        'Security, policy and governance are being tightened across the whole estate.',
    },
    {
      level: 5,
      name: 'Adapt',
      description:
        'Earlier choices are revisited and systems are tuned continuously for efficiency.',
    },
  ],
  dimensions: [
    {
      id: 'business-outcomes',
      title: 'Business Outcomes',
      overview:
        'Going cloud native should be driven by business goals, and the value it brings must be measured and explained to leadership. This dimension follows how success measures are set, tracked and reported as maturity grows. Progress is rarely a straight line, so setbacks should be shared openly with stakeholders too.',
      url: 'https://maturitymodel.cncf.io/aspects/business_outcomes/',
      topics: [
        {
          id: 'business-outcomes.outcomes',
          title: 'Business Outcomes',
          summary:
            'How the value of cloud native is defined, measured and reported to business leaders at each stage.',
          url: 'https://maturitymodel.cncf.io/aspects/business_outcomes/#cloud-native-maturity-model-business-outcomes',
          levels: [
            {
              level: 1,
              title: 'Goals and KPIs agreed',
              criteria: [
                'A finished proof of concept has produced first evidence of how cloud native helps the application.',
                'Initial KPIs for judging the adoption are written down and agreed.',
                'A migration plan names the application or applications that move first.',
                'Leadership and application owners have discussed and endorsed the expected outcomes.',
              ],
            },
            {
              level: 2,
              title: 'Migration benefits measured',
              criteria: [
                'Results against the Level 1 KPIs are measured and reported to stakeholders.',
                'Leadership knows which applications are moving to production and why.',
                'Patterns proven on one migrated application are reused on the next.',
                'If return on investment is one of the KPIs, it is expected to stay lower than at later levels while tools and skills are still being acquired.',
              ],
            },
            {
              level: 3,
              title: 'Scalability visible to the business',
              criteria: [
                'The business can see that operations scale better than before, or the scaling results are reviewed.',
                'Key services have no single point of failure.',
                'Monitoring gives the business regular reports on usage, cost and availability.',
                'Old and new ways of working are compared in business terms, such as the time needed to provision a server.',
              ],
            },
            {
              level: 4,
              title: 'Outcomes reported against goals',
              criteria: [
                'Regular reports on compliance, security, performance and cost are tied back to the original business goals.',
                'The business can see established protocols and procedures, including policy enforcement of compliance standards.',
                'Cloud native applications are compared with the remaining traditional ones on agreed measures.',
                'Migrating further applications may begin, with a clearer view of where each level will bring value.',
              ],
            },
            {
              level: 5,
              title: 'Continuous optimization against goals',
              criteria: [
                'Measurable results showing the business goals were met have been presented to executive leadership.',
                'Workloads keep being tuned against more advanced cost and performance measures.',
                'Business goals are reviewed and reset in light of what has been achieved.',
                'Routine work is automated wherever possible to remove human error.',
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'people',
      title: 'People',
      overview:
        'People are the base on which any cloud native adoption rests. Across the levels, teams move from basic technical knowledge to trained specialists, responsibility shifts towards developers and platform teams, and DevOps and DevSecOps become normal practice. Leadership comes to treat cloud native as a core part of business strategy.',
      url: 'https://maturitymodel.cncf.io/aspects/people/',
      topics: [
        {
          id: 'people.organizational-change',
          title: 'Organizational Change',
          summary:
            'How structures, roles and hiring change as the organization adopts cloud native.',
          url: 'https://maturitymodel.cncf.io/aspects/people/#organizational-change',
          levels: [
            {
              level: 1,
              title: 'Informal cross-functional experimentation',
              criteria: [
                'A small informal group drawn from several disciplines runs a proof of concept or a single application.',
                'Agile ways of working are being trialled, even though team structures are unchanged.',
              ],
            },
            {
              level: 2,
              title: 'Structural barriers being removed',
              criteria: [
                'Silos that slow delivery have been identified.',
                'Because informal groups cannot meet production SLAs, formal roles and responsibilities are being defined and funding is being discussed.',
                'Approaches such as Team Topologies or value streams are being evaluated to shorten feedback loops.',
              ],
            },
            {
              level: 3,
              title: 'Roles formalized, practices curated',
              criteria: [
                'Best practices are curated and packaged for reuse, for example by a Center of Excellence.',
                'Roles and workflows are being formalized so that teams work consistently.',
                'Services that depend on tickets and manual requests have been listed as candidates for a platform team.',
              ],
            },
            {
              level: 4,
              title: 'Organized around platforms',
              criteria: [
                'Teams are organized around platforms and value streams.',
                'Product teams consume the services they need through efficient interfaces instead of doing platform work themselves.',
                'Developers spend most of their time on product code tied to business goals.',
              ],
            },
            {
              level: 5,
              title: 'Fully committed and self-adjusting',
              criteria: [
                'Culture, technology and process are aligned around cloud native across the whole organization.',
                'Practices and tools are adopted or dropped quickly according to the value they deliver.',
              ],
            },
          ],
        },
        {
          id: 'people.teams-and-decentralization',
          title: 'Teams and Decentralization',
          summary:
            'How teams evolve from one cross-functional MVP group into lean value-stream teams served by a platform.',
          url: 'https://maturitymodel.cncf.io/aspects/people/#teams-and-decentralization',
          levels: [
            {
              level: 1,
              title: 'Cross-functional MVP team',
              criteria: [
                'A cross-functional team is working towards a production release rather than a pure experiment.',
                'Team members are building skills across every layer of the stack.',
                'A leadership sponsor is accountable for progress.',
              ],
            },
            {
              level: 2,
              title: 'Central services being formalized',
              criteria: [
                'Shared services such as cloud engineering are being consolidated and formally owned.',
                'Developers work directly with the central service providers.',
                'The organization is reviewing its structure because informal scaling through wikis and copied repositories has hit its limits.',
              ],
            },
            {
              level: 3,
              title: 'Platform as a product emerging',
              criteria: [
                'Development teams have clear responsibilities and consume services through defined interfaces.',
                'A platform engineering strategy, with a dedicated team treating the platform as a product, is being pursued.',
                'Restructuring around technology value streams is recognized as essential, together with the strong leadership mandate such a change requires.',
              ],
            },
            {
              level: 4,
              title: 'Self-service platform interfaces',
              criteria: [
                'Platform capabilities are offered through standardized self-service portals, APIs or CLIs.',
                'Developers request resources programmatically instead of by email or chat.',
                'Organizational policies and processes are built into the platform.',
              ],
            },
            {
              level: 5,
              title: 'Frictionless, right-sized teams',
              criteria: [
                'Developers work only on business logic and receive infrastructure on demand without facilitation.',
                'Teams are lean and the organization structure fits the technical ecosystem.',
                'Technical debt is managed continuously within each domain.',
              ],
            },
          ],
        },
        {
          id: 'people.upskilling',
          title: 'Upskilling',
          summary:
            'How staff gain the knowledge needed for cloud native work, from fundamentals to ecosystem expertise.',
          url: 'https://maturitymodel.cncf.io/aspects/people/#upskilling',
          levels: [
            {
              level: 1,
              title: 'Core concepts are understood',
              criteria: [
                'The team can explain which problems cloud native solves and how containers differ from virtual machines.',
                'Newcomers understand the declarative model and core resources of Kubernetes.',
                'Community forums and internal or external experts are used to speed up learning.',
              ],
            },
            {
              level: 2,
              title: 'Skills ready for production',
              criteria: [
                'The team can manage workloads, build secure containers and configure RBAC for production.',
                'Kubernetes has been deployed successfully, on premises or as a managed service.',
                'Design discussions put scalability, automation and service interfaces ahead of managing servers.',
              ],
            },
            {
              level: 3,
              title: 'Broad ecosystem expertise',
              criteria: [
                'Senior engineers with deep Kubernetes, CI/CD, policy and public cloud skills guide the wider effort.',
                'Staff prove competency through certifications such as CKA or CKAD and through hands-on trials.',
                'New CNCF projects are adopted with confidence to extend the platform.',
              ],
            },
            {
              level: 4,
              title: 'Shared learning, fluent leadership',
              criteria: [
                'Knowledge sharing and continuous learning are part of everyday work in all teams.',
                'Engineers can write operators, custom resources and automation frameworks.',
                'Managers have enough technical fluency to assess and approve solutions.',
                'Design and operational documentation for platforms and infrastructure is complete and kept current with the code.',
              ],
            },
            {
              level: 5,
              title: 'A learning organization',
              criteria: [
                'Teams spot chances to add business value and cut technical debt on their own initiative.',
                'The organization takes up emerging CNCF sandbox technologies as well as mature projects, and skilled engineers contribute to open source.',
                'Skills are spread widely enough that no single person is a critical risk.',
                'A professional development pipeline sustains long-term growth.',
              ],
            },
          ],
        },
        {
          id: 'people.security',
          title: 'Security',
          summary:
            'How security skills, responsibilities and roles mature from individual effort to zero trust and outside contribution.',
          url: 'https://maturitymodel.cncf.io/aspects/people/#security',
          levels: [
            {
              level: 1,
              title: 'Documented guidelines, manual practice',
              criteria: [
                'Written guidelines list preferred, safe and forbidden practices, with documented workarounds and how to reverse them.',
                'Security duties inside the cloud native team are agreed with the central security team.',
              ],
            },
            {
              level: 2,
              title: 'Shared accountability and training',
              criteria: [
                'Security guidelines are maintained well enough that workarounds are no longer needed.',
                'Security accountabilities are defined and shared between product and security teams.',
                'Key team members hold cloud native security training or certification.',
                'Engineers are responsible for mTLS, secrets handling, artifact provenance and image scanning.',
              ],
            },
            {
              level: 3,
              title: 'Tooling and specialist depth',
              criteria: [
                'Tasks such as secret management and mutual TLS are handled by tooling rather than by hand.',
                'Supply chain security, covering provenance, SBOMs and vulnerability scanning, is an explicit priority.',
                'Specialists cover infrastructure, platform and application security.',
                'IAM and controls on physical access are in place and kept up to date.',
              ],
            },
            {
              level: 4,
              title: 'Zero trust adopted',
              criteria: [
                'Access is denied by default and granted case by case.',
                'All platform services authenticate through a single identity provider.',
                'Internal and external users reach approved capabilities securely without extra friction.',
              ],
            },
            {
              level: 5,
              title: 'Embedded expertise and outreach',
              criteria: [
                'Preventive and retrospective threat detection is built into daily operations.',
                'Security roles are split between policy development and technical execution.',
                'The organization contributes to public security policy or open source security tooling.',
              ],
            },
          ],
        },
        {
          id: 'people.culture',
          title: 'Culture',
          summary:
            'How willingness to experiment, collaborate and trust spreads from one pioneering team to the whole organization.',
          url: 'https://maturitymodel.cncf.io/aspects/people/#culture',
          levels: [
            {
              level: 1,
              title: 'Isolated pioneering team',
              criteria: [
                'A small team of specialists and innovators is building a POC or MVP.',
                'The rest of the organization treats cloud native as a contained experiment.',
              ],
            },
            {
              level: 2,
              title: 'Closing the skill gap',
              criteria: [
                'Training is funded because interest is ahead of capability.',
                'Operations staff are being upskilled so the original POC team is not the only source of support.',
                'Cloud native is still an island in a culture that mostly favors traditional applications and platforms.',
              ],
            },
            {
              level: 3,
              title: 'Broad acceptance, growing trust',
              criteria: [
                'Product owners and business leaders accept cloud platforms.',
                'Benefits are demonstrated openly to build trust and overcome the resistance that remains.',
                'Engineers, managers and executives all feel at ease with cloud native.',
              ],
            },
            {
              level: 4,
              title: 'Cloud native is the default',
              criteria: [
                'Cloud native is the normal way of working and traditional patterns need a business justification.',
                'Teams consciously balance innovation against cost.',
                'Building trust between groups is a deliberate, visible goal.',
              ],
            },
            {
              level: 5,
              title: 'Trust, ease and respect',
              criteria: [
                'Burnout is not a recurring concern.',
                'Conflicts are resolved quickly because everyone trusts that the goals are shared.',
                'Improvement happens continuously without friction between teams.',
              ],
            },
          ],
        },
        {
          id: 'people.ai',
          title: 'AI',
          summary:
            'How roles and skills change as AI workloads arrive on cloud native platforms; the model leaves level 5 open.',
          url: 'https://maturitymodel.cncf.io/aspects/people/#ai',
          maxLevel: 4,
          levels: [
            {
              level: 1,
              title: 'First joint AI work',
              criteria: [
                'Data scientists and ML engineers work with platform engineers on the first AI workloads on Kubernetes.',
                'AI practitioners are learning container and Kubernetes basics.',
                'Needs such as GPU sharing and allocation have been raised with the platform team.',
              ],
            },
            {
              level: 2,
              title: 'Abstractions and governance roles',
              criteria: [
                'AI practitioners use SDKs or tools that hide Kubernetes details.',
                'Debugging AI workloads may stay difficult; when it is, AI/MLOps and platform engineers work on it together.',
                'New governance roles or responsibilities, for example for model validation or compliance with the EU AI Act, are created where needed.',
              ],
            },
            {
              level: 3,
              title: 'AI engineering roles emerge',
              criteria: [
                'An AI or MLDevOps engineer role links data science, platform, infrastructure and development.',
                'Trust and safety expertise is available to manage content, abuse and user rights.',
                'Operators are building skills with AI-assisted Kubernetes tooling.',
              ],
            },
            {
              level: 4,
              title: 'Deep AI specialization',
              criteria: [
                'AI engineers specialize in AI infrastructure, chains and agents.',
                'Administrators and SREs can manage clusters through natural language interfaces.',
                'Staff can tune systems against several goals at once, such as power use and latency.',
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'process',
      title: 'Process',
      overview:
        'Process is what makes cloud native work repeatable across teams and clusters, and it shapes cluster topology and delivery speed. Organizations start with little consistency and manual feedback, then document their workflows close to the code. Mature organizations use templates, watch for configuration drift and revise standards as business needs change.',
      url: 'https://maturitymodel.cncf.io/aspects/process/',
      topics: [
        {
          id: 'process.audit-and-logs',
          title: 'Audit and Logs',
          summary:
            'How logging and auditing grow to meet internal needs and external compliance obligations.',
          url: 'https://maturitymodel.cncf.io/aspects/process/#audit-and-logs',
          levels: [
            {
              level: 1,
              title: 'Ad hoc log access',
              criteria: [
                'Logs can be retrieved by hand when needed, even without central aggregation.',
                'Gaps in log aggregation and retention across infrastructure, platform and application are known.',
              ],
            },
            {
              level: 2,
              title: 'Log aggregation strategy',
              criteria: [
                'A documented strategy says how logs from production workloads are aggregated.',
                'Production logs are captured and stored centrally.',
                'Long-term archiving has been assessed for compliance and troubleshooting needs.',
              ],
            },
            {
              level: 3,
              title: 'Audit and critical alerts',
              criteria: [
                'Audit capabilities are switched on.',
                'Alerts exist for the most critical conditions.',
                'Logs are structured and filtered so that irrelevant noise is dropped.',
                'Business-critical insights drawn from logs are presented to decision makers.',
              ],
            },
            {
              level: 4,
              title: 'Audit as a production requirement',
              criteria: [
                'Every application must have auditing and alerting in place.',
                'A strategy covers indexing, partitioning and handling large log volumes.',
                'The ability to answer an audit request at short notice is tested regularly.',
              ],
            },
            {
              level: 5,
              title: 'Retention driven by value',
              criteria: [
                'Retention rules state which data is summarized, which is kept and which is deleted.',
                'Data is disposed of when compliance obligations require it.',
                'Log data feeds analytics or machine learning to produce new insights.',
              ],
            },
          ],
        },
        {
          id: 'process.software-integration-and-release',
          title: 'Software Integration and Release',
          summary:
            'How building, testing and shipping software moves from informal change control to measured, automated delivery.',
          url: 'https://maturitymodel.cncf.io/aspects/process/#software-integration-and-release',
          levels: [
            {
              level: 1,
              title: 'Informal change control',
              criteria: [
                'A formal change control process is not expected yet: changes may still be made ad hoc or informally.',
                'Where CI/CD already exists, it is being adapted to cloud native principles while keeping its good practices.',
              ],
            },
            {
              level: 2,
              title: 'Structured build and deploy',
              criteria: [
                'Applications are built and deployed through a container-native CI/CD process.',
                'Code quality is measured by automated tools.',
                'CI runs and test validations pass consistently.',
              ],
            },
            {
              level: 3,
              title: 'Measured continuous delivery',
              criteria: [
                'A center of excellence for integration and release is being set up; it tracks release velocity, defect rate and deployment cadence and works to improve them.',
                'Continuous delivery is in place, with an approval gate before production.',
                'Blue-green or canary releases are being trialled.',
                'People no longer change production directly; GitOps operators apply all changes.',
              ],
            },
            {
              level: 4,
              title: 'Delivery value demonstrated',
              criteria: [
                'The organization is shown concrete gains in velocity, deployment speed and business impact from the release process.',
                'If DORA metrics have been adopted, relating them to business outcomes is planned or under way.',
                'An established quality engineering (QE) capability keeps deployment to production automated, so only failing tests can block a release.',
                'Monitoring failures trigger automatic remediation such as restarts.',
              ],
            },
            {
              level: 5,
              title: 'Continuous release innovation',
              criteria: [
                'The team invests in refactoring, infrastructure or runtime changes that make releases safer and faster.',
                'Releases are routine enough for the business to respond quickly to market change.',
              ],
            },
          ],
        },
        {
          id: 'process.security',
          title: 'Security',
          summary:
            'How security is shifted left into delivery processes, ending with a secured software supply chain.',
          url: 'https://maturitymodel.cncf.io/aspects/process/#security',
          levels: [
            {
              level: 1,
              title: 'Security from day one',
              criteria: [
                'Security risks across infrastructure, network, platform, application and code have been assessed.',
                'Known vulnerabilities and misconfigurations are tracked and dealt with.',
              ],
            },
            {
              level: 2,
              title: 'Scanning in pipeline and runtime',
              criteria: [
                'Container images and configuration are scanned during integration and at runtime.',
                'Existing security policies have been extended to the cloud native environment.',
              ],
            },
            {
              level: 3,
              title: 'Continuous automatic scanning',
              criteria: [
                'Automatic scanning runs continuously rather than only when someone starts it.',
                'The scans flag misconfigurations and security issues without a person having to look for them.',
              ],
            },
            {
              level: 4,
              title: 'Remediation automated or advised',
              criteria: [
                'Security findings are fixed automatically or arrive with generated remediation advice.',
                'Working out a fix by hand is the exception, left for cases where automation and advice fall short.',
              ],
            },
            {
              level: 5,
              title: 'Secured software supply chain',
              criteria: [
                'Builds are reproducible and every release ships with an SBOM.',
                'Code provenance is clear and release pipelines are secured.',
                'Kubernetes is monitored continuously for security issues and vulnerabilities.',
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'policy',
      title: 'Policy',
      overview:
        'Policy turns internal requirements and outside rules from regulators, law and technical standards into something the technical organization can follow. Adoption is a gradient that depends on risk appetite, and it mirrors the shift from imperative to declarative thinking. Maturity runs from a few documented policies to policy as code with agreed service levels, and finally to policies that keep evolving with the threat landscape.',
      url: 'https://maturitymodel.cncf.io/aspects/policy/',
      topics: [
        {
          id: 'policy.policy-creation',
          title: 'Policy Creation',
          summary:
            'How existing policies and compliance requirements are translated for, and reshaped by, cloud native.',
          url: 'https://maturitymodel.cncf.io/aspects/policy/#policy-creation',
          levels: [
            {
              level: 1,
              title: 'Policies mapped and reconciled',
              criteria: [
                'Functional and architectural requirements are mapped to internal policies and external regulations.',
                'Cloud native and policy teams talk regularly to decide which traditional policies still apply.',
                'Exemptions for early or non-production use are agreed and recorded.',
                'Minimum production requirements such as secrets management are already met.',
              ],
            },
            {
              level: 2,
              title: 'Critical policy gaps tackled first',
              criteria: [
                'Audit requirements and major security threats are handled first.',
                'Policy exemptions are tracked as technical debt and being reduced.',
                'Manual procedures used to satisfy policy are recorded as temporary.',
              ],
            },
            {
              level: 3,
              title: 'Cloud team shapes policy',
              criteria: [
                'The cloud team takes part in policy decisions with business leaders instead of only requesting exceptions.',
                'Threat modelling has been done and the highest-risk areas are prioritized.',
                'Manual policy steps left over from Level 2 have been identified as needing to be addressed.',
                'Out-of-policy behaviour, such as code shipped without an SBOM, is investigated for its root cause.',
              ],
            },
            {
              level: 4,
              title: 'Business-aligned risk classification',
              criteria: [
                'Policies are tailored to business needs and exceptions are rare.',
                'Risks are classified across technical, operational and business dimensions.',
                'Edge cases found during enforcement feed back into policy changes.',
                'Where LLMs help draft policies, a named person stays accountable for the result.',
              ],
            },
            {
              level: 5,
              title: 'Contributing policy outward',
              criteria: [
                'The organization contributes policies to open source or advises regulators.',
                'Policy decisions draw on user activity, logs, internal data and government guidance.',
                'Lessons are shared publicly through case studies, talks or articles.',
              ],
            },
          ],
        },
        {
          id: 'policy.implementation-and-compliance',
          title: 'Implementation and Compliance',
          summary:
            'How compliance obligations are enforced, moving from manual audits to tested policy as code across the stack.',
          url: 'https://maturitymodel.cncf.io/aspects/policy/#implementation-and-compliance',
          levels: [
            {
              level: 1,
              title: 'Compliance requirements are understood',
              criteria: [
                'Applicable compliance frameworks such as CIS, NIST or PCI are identified.',
                'SLOs and compliance priorities are defined.',
                'Alternative technical controls, such as network policies, are planned where old policies do not translate.',
              ],
            },
            {
              level: 2,
              title: 'Primary obligations enforced',
              criteria: [
                'Primary compliance obligations are enforced in production.',
                'Initial audits run manually or with simple scripts.',
                'Logs are collected across infrastructure, platform and application.',
                'Exemptions granted at Level 1 are being replaced with implemented policies.',
              ],
            },
            {
              level: 3,
              title: 'Automated policy as code',
              criteria: [
                'Compliance checks and audits in Kubernetes are automated, largely through policy as code.',
                'Manual procedures from Level 2 have been turned into services.',
                'Overlapping policy tools have been reviewed for consolidation.',
                'Policy enforcement is used to strengthen the software supply chain.',
              ],
            },
            {
              level: 4,
              title: 'Tested policies across the stack',
              criteria: [
                'Technology choices are consolidated through explicit technical and business decisions.',
                'Policy enforcement covers middleware and business applications, not just infrastructure.',
                'Each enforcement gate can be traced to a business decision.',
                'Policies are unit, smoke and integration tested as part of the delivery lifecycle.',
              ],
            },
            {
              level: 5,
              title: 'Continuous compliance and contribution',
              criteria: [
                'Machine learning or similar tools set baselines and detect anomalies in compliance data.',
                'Feedback loops with stakeholders are reviewed and strengthened regularly.',
                'The organization contributes to bodies such as NIST, the Linux Foundation or industry groups.',
              ],
            },
          ],
        },
        {
          id: 'policy.ai',
          title: 'AI',
          summary:
            'How internal rules, regulation and ethics are applied to AI work, up to AI systems that enforce their own policies.',
          url: 'https://maturitymodel.cncf.io/aspects/policy/#ai',
          levels: [
            {
              level: 1,
              title: 'Regulatory and data awareness',
              criteria: [
                'Relevant rules such as GDPR and the EU AI Act are identified for AI work.',
                'A data strategy for model training exists, covering whether production data may be used.',
                'A model registry and technical protections are in place where needed.',
                'The risk of bias in training data is acknowledged.',
              ],
            },
            {
              level: 2,
              title: 'Production data and security rules',
              criteria: [
                'AI workloads pass penetration tests and industry-specific compliance checks.',
                'Data ownership and lineage are defined across the AI lifecycle.',
                'Data and models are monitored for bias.',
              ],
            },
            {
              level: 3,
              title: 'Supply chain and safety by design',
              criteria: [
                'Images and models are validated, signed and attested, and data provenance is recorded.',
                'Models are validated continuously for bias and ethical outcomes.',
                'User safety and rights are designed into AI products from the start.',
              ],
            },
            {
              level: 4,
              title: 'AI strengthens governance',
              criteria: [
                'AI is used to improve governance, security or compliance checks.',
                'MLOps pipelines capture and maintain data provenance.',
                'Trust and safety tooling uses AI to scan content and detect abuse.',
              ],
            },
            {
              level: 5,
              title: 'Self-governing AI operations',
              criteria: [
                'Adherence to policy is automated end to end, and controllers take natural-language instructions through LLMs, for example to read logs or manage resources.',
                'Provenance and lineage of data are recorded and kept up to date without manual steps.',
                'Scheduling is optimized for energy use and carbon footprint as well as for cost and performance.',
                'AI systems monitor, adapt and enforce the rules for responsible and ethical AI themselves, by design.',
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'technology',
      title: 'Technology',
      overview:
        'Technology covers the practical tooling behind cloud native applications, platforms and infrastructure. The path runs from first Kubernetes experiments with little automation, through a first production workload with basic observability and a standardized toolset at scale, to an estate where operators and automation handle day-to-day work. The model notes that every journey differs and that AI increasingly helps at each step.',
      url: 'https://maturitymodel.cncf.io/aspects/technology/',
      topics: [
        {
          id: 'technology.architecture-and-solution-design',
          title: 'Architecture and Solution Design',
          summary:
            'How architecture moves from basic upfront planning to codified, policy-driven, self-service designs.',
          url: 'https://maturitymodel.cncf.io/aspects/technology/#architecture-and-solution-design',
          levels: [
            {
              level: 1,
              title: 'Upfront planning for production',
              criteria: [
                'Hard-to-change items such as network address space have been capacity-planned.',
                'Architects work with networking, security and storage teams on the design.',
                'Evaluation has begun of how applications may need to change, for example a monolith that may not fit or legacy authentication.',
                'Reference architectures were consulted for the production design.',
              ],
            },
            {
              level: 2,
              title: 'Requirements and reusable patterns',
              criteria: [
                'Performance, availability, recovery and security requirements are documented per application.',
                'Failure scenarios, including misconfiguration and logical corruption, have been analysed.',
                'A catalog of reusable production patterns, such as IaC modules, Helm charts and secret handling, exists.',
                'Applications carry a security classification with matching patterns, and placement options are defined.',
              ],
            },
            {
              level: 3,
              title: 'Capability catalog and codified standards',
              criteria: [
                'A capability catalog states what may be used and under which conditions, and is updated as new tools are trialled and old ones retired to reduce technical debt.',
                'Security rules are written as policies and verified on a schedule, covering the supply chain too.',
                'Patterns exist for data residency and sovereignty requirements.',
                'Workload migration follows a standard triage and reference architectures.',
              ],
            },
            {
              level: 4,
              title: 'Policy built into the platform',
              criteria: [
                'The capability catalog has been narrowed to a short list of expressive options.',
                'Infrastructure, platforms and applications, up to complete environments for testing new capabilities away from production, can be created and removed quickly through automation.',
                'Policy requirements are encoded in the platform and shown to developers through portals.',
                'Architecture review concentrates on alignment with business goals rather than manual design work.',
              ],
            },
            {
              level: 5,
              title: 'Self-service design in code',
              criteria: [
                'Environments are provisioned and removed on demand, right-sized and secured.',
                'Automation, including AI/ML, detects issues and proposes optimizations as pull requests.',
                'Design reviews happen as pull requests over the whole stack expressed in code.',
              ],
            },
          ],
        },
        {
          id: 'technology.platforms-and-infrastructure',
          title: 'Platforms and Infrastructure',
          summary:
            'How clusters and infrastructure move from first declarative builds to a fully codified, cost-allocated lifecycle.',
          url: 'https://maturitymodel.cncf.io/aspects/technology/#platforms-and-infrastructure',
          levels: [
            {
              level: 1,
              title: 'Declarative infrastructure foundations',
              criteria: [
                'Networking, firewall, IAM and access-control decisions for the platform are documented.',
                'Every environment used by application developers is provisioned from versioned IaC modules.',
                'Platform engineers have separate clusters for their own infrastructure experiments.',
                'A draft operating model says who owns clusters and how applications are onboarded.',
              ],
            },
            {
              level: 2,
              title: 'Consistent configuration in production',
              criteria: [
                'Imperative or manual changes are rare, documented and versioned, and third-party tools are run by operators where possible.',
                'Disaster recovery, high availability and secure access requirements are met for production clusters.',
                'Level 1 decisions that will not scale are revisited and infrastructure technical debt is being paid down.',
                'The overall platform strategy is being considered, for example starting from a thin internal developer platform.',
              ],
            },
            {
              level: 3,
              title: 'Proactive, self-healing infrastructure',
              criteria: [
                'Cluster-wide monitoring, alerting and resource usage tracking are in place.',
                'Failed components are replaced automatically and autoscalers handle elasticity.',
                'Sandbox environments exist for developers, platform engineers and infrastructure teams.',
                'Platform usage data informs choices such as namespace or cluster as a service.',
              ],
            },
            {
              level: 4,
              title: 'Governed platform for varied workloads',
              criteria: [
                'The team has begun exploring Cluster API to automate cluster deployment and lifecycle management.',
                'Policies are applied across the infrastructure control plane and its controllers.',
                'Centrally maintained IaC templates still allow team-specific customization.',
                'The platform supports operator-based services such as databases, messaging and storage.',
              ],
            },
            {
              level: 5,
              title: 'Fully codified lifecycle',
              criteria: [
                'Provisioning, upgrades and decommissioning are all done through code.',
                'GitOps control loops remove configuration drift across the infrastructure.',
                'FinOps practices continuously optimize usage and cost.',
                'Shared or pooled costs are kept to a minimum or fully allocated, with clear chargeback to teams.',
              ],
            },
          ],
        },
        {
          id: 'technology.application-patterns-and-refactoring',
          title: 'Application Patterns and Refactoring',
          summary:
            'How applications are designed or refactored to fit Kubernetes, ending with cloud native as the default for new work.',
          url: 'https://maturitymodel.cncf.io/aspects/technology/#application-patterns-and-refactoring',
          levels: [
            {
              level: 1,
              title: 'Cloud native design basics',
              criteria: [
                'Microservice patterns have been reviewed against the latency, resilience and scaling needs of each application.',
                'Applications assume instances are ephemeral and run through Deployments or StatefulSets.',
                'Readiness and liveness probes check real end-to-end function.',
                'Services find each other through DNS or the Kubernetes API, never fixed IP addresses.',
              ],
            },
            {
              level: 2,
              title: 'Externalized configuration and continuity',
              criteria: [
                'Configuration is supplied at runtime through ConfigMaps, Secrets or similar, not baked into images.',
                'A regular cluster upgrade and maintenance schedule is followed.',
                'PodDisruptionBudgets, affinities and topology spread constraints protect services during disruption.',
              ],
            },
            {
              level: 3,
              title: 'Refactoring toward platform-native resources',
              criteria: [
                'Applications are refactored to use platform-native resources such as object storage.',
                'Operator-first patterns are used for application lifecycle management.',
                'Abstraction layers decouple infrastructure services from application code where useful.',
                'Older patterns that do not scale are being retired.',
              ],
            },
            {
              level: 4,
              title: 'Formalized shared patterns',
              criteria: [
                'Cloud native design patterns are documented and shared across the organization.',
                'Consistent implementation of those patterns is checked or enforced.',
                'The organization converges on a defined toolset while allowing justified exceptions.',
              ],
            },
            {
              level: 5,
              title: 'Cloud native first',
              criteria: [
                'All new applications are built cloud native first unless a specific requirement rules it out.',
                'The existing portfolio is being onboarded through a repeatable process.',
                'Teams use self-service APIs across the platform for the capabilities they need.',
              ],
            },
          ],
        },
        {
          id: 'technology.container-and-runtime-management',
          title: 'Container and Runtime Management',
          summary:
            'How building, running and governing containers matures from first images to an event-driven runtime.',
          url: 'https://maturitymodel.cncf.io/aspects/technology/#container-and-runtime-management',
          levels: [
            {
              level: 1,
              title: 'Building and running containers',
              criteria: [
                'Developers can build images and run containers locally and in clusters.',
                'A platform team builds and manages the Kubernetes clusters.',
                'Image builds run in CI and publish to a registry with versioning and tagging rules.',
                'The team understands operators and custom resources and runs at least one for core functions.',
              ],
            },
            {
              level: 2,
              title: 'Container hygiene in production',
              criteria: [
                'Base image and dependency policies are defined, such as standard base images and SBOM checks on upstream images.',
                'Images are scanned automatically and runtime behaviour is observable.',
                'Policy controls govern workload configuration.',
              ],
            },
            {
              level: 3,
              title: 'Consistent multi-cluster operations',
              criteria: [
                'Configuration is managed consistently across clusters to limit drift.',
                'Ownership of operators and custom resources is documented across infrastructure, platform and application teams.',
                'Certificate issuance, mTLS and key rotation are automated.',
                'Bottlenecks in centralized tooling, such as log ingestion or artifact pulls, are identified and addressed.',
              ],
            },
            {
              level: 4,
              title: 'Rationalized strategic tooling',
              criteria: [
                'The platform vision and architecture are documented.',
                'Ad hoc tools from earlier experiments have been replaced by standardized ones.',
                'Technical debt from the scaling phase has a dedicated plan.',
              ],
            },
            {
              level: 5,
              title: 'Event-driven automated runtime',
              criteria: [
                'The platform reacts to events automatically.',
                'Security and operational data is centralized for coordinated action.',
                'The container lifecycle is fully automated.',
              ],
            },
          ],
        },
        {
          id: 'technology.application-release-and-operations',
          title: 'Application Release and Operations',
          summary:
            'How releases move from hand-written manifests to GitOps and policy-governed continuous deployment.',
          url: 'https://maturitymodel.cncf.io/aspects/technology/#application-release-and-operations',
          levels: [
            {
              level: 1,
              title: 'Manifests in version control',
              criteria: [
                'Kubernetes manifests for dev, test and prod are kept in version control.',
                'A branching model that fits the release policy has been chosen.',
                'Configuration or templating tooling is used to avoid duplicated manifests.',
              ],
            },
            {
              level: 2,
              title: 'Deployments driven by GitOps',
              criteria: [
                'GitOps operators deploy to every environment and configuration repositories match what is running.',
                'Problems are fixed by rolling forward to the last known good configuration.',
                'SBOMs are required for third-party applications.',
                'Where development and operations are separate, operations approves each production release.',
              ],
            },
            {
              level: 3,
              title: 'Developers own their releases',
              criteria: [
                'Developers own their release pipelines.',
                'One deployment process is used for dev, test and production.',
                'Tracing, a service mesh and mutual TLS are in place.',
                'Performance and cost are balanced explicitly.',
              ],
            },
            {
              level: 4,
              title: 'Policy-governed automated releases',
              criteria: [
                'Policies govern the release pipeline and the runtime state, and admission controllers validate workloads before production.',
                'The Kubernetes API also manages data center components beyond containers, typically through extensions such as Crossplane.',
                'Releases are automated, auditable and can be reverted.',
                'Production-ready clusters can be created and destroyed on demand.',
              ],
            },
            {
              level: 5,
              title: 'Continuous deployment to production',
              criteria: [
                'Changes reach production through continuous deployment.',
                'Releases are abstracted from, and idempotent against, the underlying infrastructure.',
                'Artifacts and technical debt are actively managed.',
              ],
            },
          ],
        },
        {
          id: 'technology.testing-and-issue-detection',
          title: 'Testing and Issue Detection',
          summary:
            'How testing and observability grow from manual checks to automatic recovery and continuous validation.',
          url: 'https://maturitymodel.cncf.io/aspects/technology/#testing-and-issue-detection',
          levels: [
            {
              level: 1,
              title: 'Manual testing and basic probes',
              criteria: [
                'Smoke tests and user acceptance tests are run for the first application.',
                'Unit tests and static analysis run with existing tools.',
                'Liveness and readiness probes are implemented.',
                'SLAs are defined from business and customer expectations.',
              ],
            },
            {
              level: 2,
              title: 'Production feedback and metrics',
              criteria: [
                'Tools for security, policy, misconfiguration and observability are trialled outside production first.',
                'Tooling choices are prioritized by customer impact.',
                'Platform and application metrics are collected and visualized.',
                'Logs are available for troubleshooting production issues.',
              ],
            },
            {
              level: 3,
              title: 'Ephemeral environments and alerting',
              criteria: [
                'Robust alerting and dashboards cover production.',
                'Dev and test environments are short-lived and built to consistent specifications, and investment has begun in self-service interfaces for developers to create and remove them.',
                'Containers and clusters are scanned for vulnerabilities and SBOMs are maintained.',
              ],
            },
            {
              level: 4,
              title: 'Cross-system detection and chaos',
              criteria: [
                'Data from multiple applications is aggregated to spot trends.',
                'All environments, including production, are validated with a consistent pattern.',
                'Chaos experiments regularly test recovery.',
              ],
            },
            {
              level: 5,
              title: 'Systems recover automatically',
              criteria: [
                'Platforms and applications recover automatically to a known good state.',
                'Test coverage includes both function and quality of service.',
                'Testing starts as early in the lifecycle as possible.',
              ],
            },
          ],
        },
        {
          id: 'technology.security-and-policy',
          title: 'Security and Policy',
          summary:
            'How technical security controls mature from IAM and secrets basics to policy as code and SLSA build levels.',
          url: 'https://maturitymodel.cncf.io/aspects/technology/#security-and-policy',
          levels: [
            {
              level: 1,
              title: 'Identity and pipeline basics',
              criteria: [
                'Clusters use a central identity provider together with RBAC and service accounts.',
                'Configuration and secrets come from the environment and are never built into images.',
                'A secured CI/CD pipeline is being built.',
                'The team knows that pods can reach each other by default until network isolation is added.',
              ],
            },
            {
              level: 2,
              title: 'Encryption, auditability and access',
              criteria: [
                'Secret management is automated and TLS or mTLS protects sensitive traffic.',
                'A certificate authority can issue certificates to running workloads.',
                'Logs and events are retained and no shared generic admin accounts are used.',
                'GitOps is being extended to the platform to revert drift, and restricting API access with admission controllers has begun.',
              ],
            },
            {
              level: 3,
              title: 'Policy as code guardrails',
              criteria: [
                'Deployment guardrails are enforced through policy as code under a defined enforcement strategy, and adoption of relevant third-party benchmarks and standards has begun.',
                'Admission controllers read organization-wide or application rules from the policy platform, and the team has considered adding anomaly and threat detection, possibly helped by machine learning.',
                'Certificate and trust store automation is well advanced, and SPIFFE/SPIRE is being evaluated for workload identity on the way to zero trust.',
                'Images are scanned, CVEs are tracked, SBOMs record provenance, and the team is working towards SLSA Build Level 1.',
              ],
            },
            {
              level: 4,
              title: 'Reduced attack surface',
              criteria: [
                'Security policies are enforced in production.',
                'Interactive shell access to pods is blocked and replaced by audited alternatives.',
                'Insecure legacy workarounds have been removed.',
                'The team is working towards SLSA Build Level 2.',
              ],
            },
            {
              level: 5,
              title: 'Continuously optimized security',
              criteria: [
                'Security policies are reviewed and adjusted as threats and business needs change.',
                'Exceptions are rare and formally approved.',
                'The team is working towards SLSA Build Level 3.',
              ],
            },
          ],
        },
        {
          id: 'technology.cost-efficiency',
          title: 'Cost Efficiency, Resource Usage and Sustainability',
          summary:
            'How resource tuning, FinOps and carbon reporting develop until waste is minimal.',
          url: 'https://maturitymodel.cncf.io/aspects/technology/#cost-efficiency-resource-usage-and-sustainability',
          levels: [
            {
              level: 1,
              title: 'Requests and limits addressed early',
              criteria: [
                'Tuning resource requests and limits is addressed early rather than left until workloads are containerized and deployed.',
                'Developers size memory settings, such as JVM heap, for their services.',
              ],
            },
            {
              level: 2,
              title: 'Basic cost controls',
              criteria: [
                'Namespace quotas or similar limits constrain resource consumption.',
                'Cluster sprawl is reduced through multi-tenancy or shared non-production clusters.',
                'Basic chargeback tracks CPU and pod requests per team.',
                'Horizontal or vertical autoscaling is being trialled.',
              ],
            },
            {
              level: 3,
              title: 'FinOps and consolidation',
              criteria: [
                'FinOps practices are in place across the teams running production.',
                'Idle dev and test workloads are scaled down out of hours.',
                'Spot capacity, cheaper regions or suitable machine types are used where availability allows.',
                'Resource requests are reported and managed with tooling.',
              ],
            },
            {
              level: 4,
              title: 'Carbon and cost efficiency',
              criteria: [
                'Carbon emissions are reported alongside cost.',
                'Machines are right-sized by both size and architecture.',
                'Costly resources such as GPUs require a cost-benefit case.',
                'Developers share responsibility for making their code efficient.',
              ],
            },
            {
              level: 5,
              title: 'Efficiency at its peak',
              criteria: [
                'FinOps reporting is mature and waste is minimal.',
                'Workloads run right-sized on the most suitable platform and region.',
                'Energy-efficient hardware is chosen deliberately.',
              ],
            },
          ],
        },
        {
          id: 'technology.ai',
          title: 'AI',
          summary:
            'How AI workloads are run on cloud native platforms, and how AI in turn starts to run the platform.',
          url: 'https://maturitymodel.cncf.io/aspects/technology/#ai',
          levels: [
            {
              level: 1,
              title: 'AI experiments on Kubernetes',
              criteria: [
                'Small AI experiments with known expected outcomes run on Kubernetes.',
                'Models and dependencies are packaged as containers or OCI artifacts and kept in a registry.',
                'Developers can obtain storage, networking and compute for training and inference.',
              ],
            },
            {
              level: 2,
              title: 'First production AI workload',
              criteria: [
                'At least one model is served in production with basic scaling and resilience.',
                'Load, request counts, latency and model drift are monitored.',
                'Model serving endpoints have access control, firewalling, penetration testing and compliance checks.',
              ],
            },
            {
              level: 3,
              title: 'Standardizing MLOps as GenAI arrives',
              criteria: [
                'As generative AI and LLMs are introduced, the focus is on standardizing MLOps processes and closing gaps between development and production.',
                'Because accelerators such as GPUs are costly, the team has begun investigating ways to share them, such as vGPU, multi-instance GPU or dynamic resource allocation.',
                'Autoscaling model serving and placing models where energy is cleaner are being considered, for cost and sustainability.',
              ],
            },
            {
              level: 4,
              title: 'AI improving operations',
              criteria: [
                'Design patterns for AI workloads are formalized and the AI supply chain is governed by policy.',
                'Operators use LLM-based tools to analyse logs and run clusters.',
                'AI forecasts load and tunes scheduling for power, utilization and latency.',
                'Sensitive data and models are protected, for example with trusted execution environments.',
              ],
            },
            {
              level: 5,
              title: 'Fully automated AI lifecycle',
              criteria: [
                'The AI lifecycle, including deployment, is fully automated.',
                'AI handles operational tasks in the environment.',
                'AI resource usage is optimized under full FinOps and energy-efficiency goals.',
              ],
            },
          ],
        },
      ],
    },
  ],
};
