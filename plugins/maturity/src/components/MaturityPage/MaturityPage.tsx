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
import { ReadableTheme, useMaturityModel } from '../shared';
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

function MaturityTabs() {
  const model = useMaturityModel();
  const [tab, setTab] = useState(0);
  if (model.error) return <ResponseErrorPanel error={model.error} />;
  if (!model.value) return <Progress />;
  const { Component } = TABS[tab];
  return (
    <>
      <Tabs
        value={tab}
        onChange={(_, value: number) => setTab(value)}
        indicatorColor="primary"
        aria-label="Maturity views"
      >
        {TABS.map(({ id, label }) => (
          <Tab
            key={id}
            label={label}
            id={`maturity-tab-${id}`}
            aria-controls={`maturity-tabpanel-${id}`}
          />
        ))}
      </Tabs>
      <Box
        mt={2}
        role="tabpanel"
        id={`maturity-tabpanel-${TABS[tab].id}`}
        aria-labelledby={`maturity-tab-${TABS[tab].id}`}
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
