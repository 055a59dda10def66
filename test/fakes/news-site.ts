import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A realistic news page: navigation, cookie banner, ads and a footer around one article. */
export const newsPageHtml = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Nederland stuurt extra mijnenjagers naar de Oostzee | Het Dagblad</title>
<meta property="article:published_time" content="2022-10-14T09:30:00+02:00">
<script>window.tracking = { id: 42 };</script><style>.ad{display:block}</style></head>
<body>
<header><nav><a href="/">Home</a> <a href="/binnenland">Binnenland</a> <a href="/buitenland">Buitenland</a> <a href="/sport">Sport</a></nav></header>
<div class="cookie-banner">Wij gebruiken cookies om je de beste ervaring te geven. <button>Akkoord</button></div>
<aside class="ad">ADVERTENTIE — Koop nu de nieuwste smartphone met 50% korting bij ElektroShop!</aside>
<main><article>
<h1>Nederland stuurt extra mijnenjagers naar de Oostzee</h1>
<p class="byline">Door Jan de Vries</p>
<p>Het ministerie van Defensie stuurt volgende week twee extra mijnenjagers naar de Oostzee om de onderzeese infrastructuur te bewaken, zo maakte de minister donderdag bekend.</p>
<p>De schepen vertrekken vanuit de marinehaven in Den Helder en blijven naar verwachting drie maanden in het gebied, waar ze samenwerken met Duitse en Deense eenheden.</p>
<aside class="ad">ADVERTENTIE — Zomerdeals op vliegreizen naar Spanje, boek voor zondag!</aside>
<p>Aanleiding is de schade aan de gaspijpleidingen eind september, die volgens de NAVO het gevolg was van sabotage. Onderzoekers proberen nog altijd te achterhalen wie erachter zat.</p>
</article></main>
<footer><p>© 2022 Het Dagblad — Alle rechten voorbehouden. Privacybeleid | Contact | Adverteren</p></footer>
</body></html>`;

export const loginPageHtml = `<!doctype html><html><head><title>Inloggen</title></head><body><form><input name="user"><input type="password"><button>Log in</button></form></body></html>`;

/** A news page in the shape of `newsPageHtml` with other paragraphs (and, to rotate ads, another ad). */
export function articlePageHtml(title: string, paragraphs: string[], advert = "Zomerdeals op vliegreizen naar Spanje, boek voor zondag!"): string {
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${title} | Het Dagblad</title>
<meta property="article:published_time" content="2022-10-14T09:30:00+02:00"></head>
<body>
<header><nav><a href="/">Home</a> <a href="/binnenland">Binnenland</a></nav></header>
<aside class="ad">ADVERTENTIE — ${advert}</aside>
<main><article>
<h1>${title}</h1>
${paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join("\n")}
</article></main>
<footer><p>© 2022 Het Dagblad — Alle rechten voorbehouden.</p></footer>
</body></html>`;
}

/** One request for the live article: the conditional headers it carried and the status it got. */
export interface LiveRequest {
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  status: number;
}

/**
 * `/artikel/live`: an article the test edits while the bot runs. Every `set` is a new revision with
 * a new ETag and a Last-Modified one minute later (fixed dates, never the clock). Conditional requests
 * are answered 304 when the revision they name is current.
 */
export interface LiveArticle {
  readonly path: string;
  set(html: string): void;
  /** Answer every request with this status (500, 503, …) until called with undefined. */
  failWith(status: number | undefined): void;
  /** Which validators the server sends and honours (both by default). */
  validators: { etag: boolean; lastModified: boolean };
  readonly requests: LiveRequest[];
}

export interface NewsSite {
  url: string;
  requests: string[];
  live: LiveArticle;
  close(): Promise<void>;
}

function liveArticle(): LiveArticle & { route: Route } {
  let html = newsPageHtml;
  let revision = 1;
  let failure: number | undefined;
  const requests: LiveRequest[] = [];
  const lastModified = () => new Date(Date.UTC(2022, 9, 14, 9, 30 + revision)).toUTCString();
  const live = {
    path: "/artikel/live",
    validators: { etag: true, lastModified: true },
    requests,
    set(next: string) {
      html = next;
      revision += 1;
    },
    failWith(status: number | undefined) {
      failure = status;
    },
    route: (request: IncomingMessage, response: ServerResponse) => {
      const ifNoneMatch = request.headers["if-none-match"];
      const ifModifiedSince = request.headers["if-modified-since"];
      const etag = `"rev-${revision}"`;
      const fresh =
        (live.validators.etag && ifNoneMatch === etag) ||
        (live.validators.lastModified &&
          ifNoneMatch === undefined &&
          ifModifiedSince !== undefined &&
          Date.parse(ifModifiedSince) >= Date.parse(lastModified()));
      const status = failure ?? (fresh ? 304 : 200);
      requests.push({ ifNoneMatch, ifModifiedSince, status });
      const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
      if (live.validators.etag) headers.etag = etag;
      if (live.validators.lastModified) headers["last-modified"] = lastModified();
      response.writeHead(status, status === 200 || status === 304 ? headers : { "content-type": "text/plain" });
      response.end(status === 200 ? html : status === 304 ? undefined : "Serverfout");
    },
  };
  return live;
}

type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A loopback HTTP server with a few scripted routes for refresh tests. */
export async function startNewsSite(extra: Record<string, Route> = {}): Promise<NewsSite> {
  const requests: string[] = [];
  const live = liveArticle();
  const routes: Record<string, Route> = {
    [live.path]: live.route,
    "/artikel/mijnenjagers": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(newsPageHtml);
    },
    "/login": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(loginPageHtml);
    },
    "/kwijt": (_request, response) => {
      response.writeHead(404, { "content-type": "text/html" });
      response.end("<h1>Niet gevonden</h1>");
    },
    "/plaatje": (_request, response) => {
      response.writeHead(200, { "content-type": "image/png" });
      response.end(Buffer.alloc(64));
    },
    "/enorm": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<p>" + "a".repeat(200_000) + "</p>");
    },
    "/traag": (_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { "content-type": "text/html" });
        response.end(newsPageHtml);
      }, 3000).unref();
    },
    ...extra,
  };
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    const route = routes[(request.url ?? "").split("?")[0]!];
    if (route) route(request, response);
    else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    live,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
