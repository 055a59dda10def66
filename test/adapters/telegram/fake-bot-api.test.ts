import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FakeTelegramBotApi, parseTelegramHtml } from "../../fakes/telegram-bot-api.js";

/** The fake's checks are what make "Telegram accepted it" meaningful in the adapter tests. */
describe("parseTelegramHtml (fake Bot API)", () => {
  test("accepts Telegram's tags, nesting and entities and returns the visible text", () => {
    const parsed = parseTelegramHtml(
      'A &amp; B &lt;c&gt; &quot;d&quot; &#33;<blockquote>q <b>z</b></blockquote><i>s <a href="https://x.nl/?a=1&amp;b=2">t</a></i>',
    );
    expect(parsed).toEqual({ ok: true, text: 'A & B <c> "d" !q zs t' });
    expect(parseTelegramHtml('<blockquote expandable>x</blockquote><tg-spoiler>y</tg-spoiler><pre><code class="language-ts">z</code></pre>').ok).toBe(true);
  });

  test.each([
    ["unknown tag", "<script>x</script>"],
    ["unclosed tag", "<b>x"],
    ["crossed tags", "<b><i>x</b></i>"],
    ["stray end tag", "x</b>"],
    ["raw <", "a < b"],
    ["raw >", "a > b"],
    ["bare &", "A & B"],
    ["unknown entity", "&nbsp;"],
    ["nested blockquote", "<blockquote><blockquote>x</blockquote></blockquote>"],
    ["nested link", '<a href="https://a.nl"><a href="https://b.nl">x</a></a>'],
    ["link without href", "<a>x</a>"],
    ["unsupported attribute", '<b class="x">y</b>'],
    ["unescaped quote in attribute", '<a href="https://a.nl/"x">y</a>'],
    ["tag inside code", "<code><b>x</b></code>"],
  ])("rejects %s", (_name, html) => {
    expect(parseTelegramHtml(html).ok).toBe(false);
  });
});

describe("FakeTelegramBotApi over HTTP", () => {
  let fake: FakeTelegramBotApi;
  const token = "1:fake_token_for_the_fake_itself_0123456789";
  const call = async (method: string, body: unknown, contentType = "application/json") => {
    const response = await fetch(`${fake.url}/bot${token}/${method}`, {
      method: "POST",
      headers: { "content-type": contentType },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    fake = await FakeTelegramBotApi.start({ token });
  });
  afterAll(async () => {
    await fake.close();
  });

  test("rejects malformed HTML and overlong text the way Telegram does", async () => {
    const bad = await call("sendMessage", { chat_id: 1, text: "<b>x", parse_mode: "HTML" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error_code: 400 });
    expect(String(bad.body.description)).toMatch(/^Bad Request: can't parse entities: /);
    const long = await call("sendMessage", { chat_id: 1, text: "x".repeat(4097) });
    expect(long.body).toMatchObject({ ok: false, description: "Bad Request: message is too long" });
    const good = await call("sendMessage", { chat_id: 1, text: "<b>x</b> &amp; y", parse_mode: "HTML" });
    expect(good.body).toMatchObject({ ok: true, result: { text: "x & y" } });
  });

  test("accepts form-encoded bodies", async () => {
    const form = new URLSearchParams({ chat_id: "5", text: "hoi", reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "a", callback_data: "b" }]] }) });
    const sent = await call("sendMessage", form.toString(), "application/x-www-form-urlencoded");
    expect(sent.body).toMatchObject({ ok: true, result: { chat: { id: 5 }, text: "hoi" } });
  });

  test("injects 429 and 500 for the next calls of a method only", async () => {
    fake.failNext("sendChatAction", 1, 429, 3);
    fake.failNext("sendChatAction", 1, 500);
    expect((await call("sendChatAction", { chat_id: 1, action: "typing" })).body).toEqual({
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 3",
      parameters: { retry_after: 3 },
    });
    expect((await call("sendChatAction", { chat_id: 1, action: "typing" })).status).toBe(500);
    expect((await call("sendChatAction", { chat_id: 1, action: "typing" })).body).toEqual({ ok: true, result: true });
  });

  test("holds getUpdates until an update arrives, honouring offset", async () => {
    const held = call("getUpdates", { offset: 0, timeout: 5 });
    await fake.waitFor(() => fake.pendingPolls === 1, 2000, "a held poll");
    const id = fake.pushUpdate({ message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "x" } });
    const first = await held;
    expect((first.body.result as Array<{ update_id: number }>).map((update) => update.update_id)).toEqual([id]);
    const next = await call("getUpdates", { offset: id + 1, timeout: 0 });
    expect(next.body.result).toEqual([]);
    expect(fake.unconfirmedUpdates).toBe(0);
  });

  test("a wrong token is 401", async () => {
    const response = await fetch(`${fake.url}/bot1:wrong/getMe`);
    expect(response.status).toBe(401);
  });
});
