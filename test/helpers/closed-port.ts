import { createServer } from "node:net";

/**
 * A loopback port nothing listens on (bound, then closed): connections to it are refused at once,
 * and a server the test starts next can take it.
 */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
