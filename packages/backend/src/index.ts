import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Only where auth.providers.demo-admin is configured: the browser tests.
backend.add(import('./modules/demoAdminSignIn'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

backend.add(import('@backstage/plugin-user-settings-backend'));
// Signals push user settings and new notifications to the open browser tabs.
backend.add(import('@backstage/plugin-signals-backend'));
// Maturity campaign reminders are delivered as Backstage notifications.
backend.add(import('@backstage/plugin-notifications-backend'));

backend.add(import('@cnmm/backstage-plugin-maturity-backend'));
// Serves the maturity actions as MCP tools at /api/mcp-actions/v1/maturity.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
