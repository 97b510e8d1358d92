import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { ExemptionsPage } from '@cnmm/backstage-plugin-maturity-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { settingsWith } from '../__testUtils__/fixtures';
import { MaturityClient } from './MaturityClient';

const baseUrl = 'http://localhost:7007';
const api = `${baseUrl}/api/maturity`;

describe('MaturityClient: settings and exemptions', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const createClient = () =>
    new MaturityClient({
      discoveryApi: mockApis.discovery({ baseUrl }),
      fetchApi: { fetch: (...args) => fetch(...args) },
    });

  it('reads the settings once, and again after a failure', async () => {
    const settings = settingsWith({ maxAgeDays: 180, exemptions: true });
    const handler = jest
      .fn()
      .mockReturnValueOnce(
        HttpResponse.json(
          { error: { name: 'Error', message: 'down' } },
          { status: 503 },
        ),
      )
      .mockImplementation(() => HttpResponse.json(settings));
    server.use(http.get(`${api}/settings`, handler));
    const client = createClient();

    await expect(client.getSettings()).rejects.toMatchObject({
      response: { status: 503 },
    });
    await expect(client.getSettings()).resolves.toEqual(settings);
    await expect(client.getSettings()).resolves.toEqual(settings);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('reads a page of exemptions with the scope, page size and cursor', async () => {
    const page: ExemptionsPage = {
      items: [
        {
          entityRef: 'component:default/payments',
          title: null,
          ownerRef: 'group:default/payments',
          topicId: 'technology.ai',
          reason: 'No model runs here',
          author: 'user:default/sam',
          approver: null,
          grantedAt: '2026-12-01T10:00:00.000Z',
          endsAt: '2027-12-01T10:00:00.000Z',
        },
      ],
      nextCursor: 'next',
    };
    let search: URLSearchParams | undefined;
    server.use(
      http.get(`${api}/exemptions`, ({ request }) => {
        search = new URL(request.url).searchParams;
        return HttpResponse.json(page);
      }),
    );

    await expect(
      createClient().getExemptions({
        group: 'group:default/payments',
        kind: '',
        limit: 25,
        cursor: 'abc',
      }),
    ).resolves.toEqual(page);
    // An empty filter is no filter; the format is JSON, the server's default.
    expect(Object.fromEntries(search!)).toEqual({
      group: 'group:default/payments',
      limit: '25',
      cursor: 'abc',
    });
  });

  it('downloads the exemptions as CSV with the file name the server chose', async () => {
    let search: URLSearchParams | undefined;
    server.use(
      http.get(`${api}/exemptions`, ({ request }) => {
        search = new URL(request.url).searchParams;
        return new HttpResponse('entityRef,topicId\n', {
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition': 'attachment; filename="exemptions.csv"',
          },
        });
      }),
    );

    const file = await createClient().exportExemptions({
      system: 'system:default/shop',
    });
    expect(Object.fromEntries(search!)).toEqual({
      system: 'system:default/shop',
      format: 'csv',
    });
    expect(file.filename).toBe('exemptions.csv');
    expect(await file.blob.text()).toBe('entityRef,topicId\n');
  });

  it('fails a download with the status and message of the server', async () => {
    server.use(
      http.get(`${api}/exemptions`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'bad kind' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await expect(
      createClient().exportExemptions({ kind: 'x' }),
    ).rejects.toMatchObject({
      response: { status: 400 },
      body: { error: { message: 'bad kind' } },
    });
  });
});
