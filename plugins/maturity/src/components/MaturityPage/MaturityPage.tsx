import {
  Content,
  PageWithHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Box, Tab, Tabs } from '@material-ui/core';
import { useState } from 'react';
import { CampaignsTab } from '../Campaigns';
import { ReviewsTab } from '../Review';
import {
  ReadableTheme,
  useMaturityModel,
  useMaturitySettings,
} from '../shared';
import { ModelTab } from './ModelTab';
import { OverviewTab } from './OverviewTab';
import { TeamsTab } from './TeamsTab';

const TABS = [
  { id: 'overview', label: 'Overview', Component: OverviewTab },
  { id: 'teams', label: 'Teams', Component: TeamsTab },
  { id: 'campaigns', label: 'Campaigns', Component: CampaignsTab },
  { id: 'reviews', label: 'Reviews', Component: ReviewsTab },
  { id: 'model', label: 'Model', Component: ModelTab },
] as const;

/** The page's tabs without a page header. */
function MaturityPageContent() {
  return (
    <ReadableTheme>
      <MaturityTabs />
    </ReadableTheme>
  );
}

type TabId = (typeof TABS)[number]['id'];

function MaturityTabs() {
  const model = useMaturityModel();
  const settings = useMaturitySettings();
  const [tab, setTab] = useState<TabId>('overview');
  if (model.error) return <ResponseErrorPanel error={model.error} />;
  if (!model.value) return <Progress />;
  // Reviews only where review is required: elsewhere nothing ever waits.
  const tabs = TABS.filter(
    ({ id }) => id !== 'reviews' || settings.value?.review.required,
  );
  const { id: shown, Component } = tabs.find(({ id }) => id === tab) ?? tabs[0];
  return (
    <>
      <Tabs
        value={shown}
        onChange={(_, value: TabId) => setTab(value)}
        indicatorColor="primary"
        aria-label="Maturity views"
      >
        {tabs.map(({ id, label }) => (
          <Tab
            key={id}
            value={id}
            label={label}
            id={`maturity-tab-${id}`}
            aria-controls={`maturity-tabpanel-${id}`}
          />
        ))}
      </Tabs>
      <Box
        mt={2}
        role="tabpanel"
        id={`maturity-tabpanel-${shown}`}
        aria-labelledby={`maturity-tab-${shown}`}
      >
        <Component model={model.value} />
      </Box>
    </>
  );
}

/** The maturity page for the new frontend system, whose header the app renders. */
export function NfsMaturityPage() {
  return (
    <Content>
      <MaturityPageContent />
    </Content>
  );
}

/** The maturity page of legacy apps, with its own header. @public */
export function MaturityPage() {
  return (
    <PageWithHeader
      themeId="tool"
      title="Maturity"
      subtitle="Cloud Native Maturity Model across the organisation"
    >
      <Content>
        <MaturityPageContent />
      </Content>
    </PageWithHeader>
  );
}
