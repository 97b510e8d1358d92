import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/**
 * An MCP client of the maturity server, as an assistant connects: Streamable
 * HTTP with the user's Backstage token. `call` fails on a tool error, so
 * that a refused call is not timed as a fast one.
 */
export async function connectMcp(host: string, token: string) {
  const client = new Client({ name: 'maturity-bench', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`${host}/api/mcp-actions/v1/maturity`),
      { requestInit: { headers: { Authorization: `Bearer ${token}` } } },
    ),
  );
  return {
    call: async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({
        name: `maturity.${name}`,
        arguments: args,
      });
      if (result.isError) {
        throw new Error(`${name}: ${JSON.stringify(result.content)}`);
      }
      return result;
    },
    close: () => client.close(),
  };
}
