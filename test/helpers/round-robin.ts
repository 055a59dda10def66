import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Starts `server` on a free loopback port and resolves with the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * An HTTP load balancer for tests: forwards each request to the next loopback port of `backends`
 * in turn, as any round-robin balancer would, counting in `served` how many each one got. Start
 * it with `listenOnLoopback`.
 */
export function roundRobin(backends: readonly number[], served: number[]): Server {
  let next = 0;
  return createServer((incoming, outgoing) => {
    const target = next;
    next = (next + 1) % backends.length;
    served[target] = (served[target] ?? 0) + 1;
    const forwarded = httpRequest(
      { host: "127.0.0.1", port: backends[target], path: incoming.url, method: incoming.method, headers: incoming.headers },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    forwarded.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
}
