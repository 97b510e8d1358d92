import net from 'node:net';

/**
 * A TCP proxy on loopback between a backend and PostgreSQL, to take the
 * database away and bring it back without touching the server: `down()`
 * stops listening (new connections are refused) and cuts every open
 * connection; `up()` listens again on the same port.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private listenPort = 0;
  accepted = 0;
  cuts = 0;
  private partitioned = false;
  private trap?: (chunk: Buffer) => boolean;

  constructor(private readonly target: { host: string; port: number }) {}

  get port() {
    return this.listenPort;
  }

  get openConnections() {
    return this.sockets.size / 2;
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = net.createServer(client => {
      this.accepted += 1;
      if (this.partitioned) {
        // Accepted, then silence: the server never answers the handshake.
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client));
        client.on('error', () => {});
        return;
      }
      const upstream = net.connect(this.target.port, this.target.host);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ]) {
        this.sockets.add(from);
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
        from.on('error', () => to.destroy());
      }
      // Client to server chunk by chunk, so that a trap can see them.
      client.on('data', (chunk: Buffer) => {
        if (this.partitioned) return;
        if (this.trap?.(chunk)) {
          this.trap = undefined;
          this.cuts += 1;
          client.resetAndDestroy();
          upstream.resetAndDestroy();
          return;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (!this.partitioned) client.write(chunk);
      });
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(this.listenPort, '127.0.0.1', () => ok());
    });
    this.listenPort = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /**
   * Cuts the connection (a TCP reset both ways) that next sends a chunk
   * containing `text`, before the chunk reaches the server: a connection
   * lost in the middle of a query or transaction, on cue.
   */
  cutOnce(text: string) {
    this.trap = chunk => chunk.includes(text);
  }

  /** Forgets a `cutOnce` or `downWhen` that has not fired. */
  disarm() {
    this.trap = undefined;
  }

  /**
   * The database goes away at a precise moment: when a connection next
   * sends a chunk containing `text`, that connection is reset before the
   * chunk reaches the server, then the proxy goes `down('reset')` (every
   * other connection reset, new ones refused) until `up()`. Resolves when
   * the outage has begun; `cuts` counts it.
   */
  downWhen(text: string): Promise<void> {
    return new Promise(begun => {
      this.trap = chunk => {
        if (!chunk.includes(text)) return false;
        // The matching connection is reset by the caller of the trap; the
        // rest go with the listener.
        void this.down('reset').then(() => begun());
        return true;
      };
    });
  }

  /**
   * A silent network partition: connections stay open and new ones are
   * accepted, but nothing gets through either way, and nothing says so (no
   * reset, no close). Only timeouts can notice. `down()` ends it.
   */
  partition() {
    this.partitioned = true;
  }

  /**
   * The database is gone: refuse new connections and cut the open ones,
   * with a TCP reset (`reset`) or a plain close, as a crashed or a stopped
   * server would.
   */
  async down(mode: 'reset' | 'close' = 'close'): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.partitioned = false;
    const closed = server
      ? new Promise(ok => server.close(ok))
      : Promise.resolve();
    for (const socket of this.sockets) {
      if (mode === 'reset') socket.resetAndDestroy();
      else socket.destroy();
    }
    await closed;
  }
}
