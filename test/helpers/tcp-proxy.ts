import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A loopback TCP proxy whose link the test controls, to make a database go away in the ways a network
 * does: `refuse` drops every connection and refuses new ones (a restart, a closed port; with
 * `keepOpen` only new ones are refused), `blackhole` keeps connections open but lets nothing through
 * (a cable pulled: no one is told), `forward` heals.
 */
export class TcpProxy {
  private mode: "forward" | "refuse" | "blackhole" = "forward";
  private readonly pairs = new Set<[Socket, Socket]>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => proxy!.accept(client, targetPort));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    const address = server.address();
    proxy = new TcpProxy(server, typeof address === "object" && address ? address.port : 0);
    return proxy;
  }

  /** `url` with its port replaced by the proxy's. */
  through(url: string): string {
    const parsed = new URL(url);
    parsed.port = String(this.port);
    return parsed.toString();
  }

  refuse(options: { keepOpen?: boolean } = {}): void {
    this.mode = "refuse";
    if (options.keepOpen) return;
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  blackhole(): void {
    this.mode = "blackhole";
  }

  forward(): void {
    this.mode = "forward";
  }

  async close(): Promise<void> {
    this.refuse();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: Socket, targetPort: number): void {
    if (this.mode === "refuse") return void client.destroy();
    const upstream = connect(targetPort, "127.0.0.1");
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const pass = (to: Socket) => (chunk: Buffer) => {
      if (this.mode === "forward") to.write(chunk);
    };
    client.on("data", pass(upstream));
    upstream.on("data", pass(client));
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of pair) {
      socket.on("close", end);
      socket.on("error", end);
    }
  }
}
