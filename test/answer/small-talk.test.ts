import { describe, expect, it } from "vitest";
import { smallTalk } from "../../src/answer/small-talk.js";
import { smallTalkAnswer } from "../../src/answer/small-talk-answer.js";

describe("small talk", () => {
  it("recognises greetings, thanks and questions about the bot, in Dutch and English", () => {
    expect(smallTalk("Hoi!")).toEqual({ kind: "greeting", language: "nl" });
    expect(smallTalk("good morning")).toEqual({ kind: "greeting", language: "en" });
    expect(smallTalk("Hey there 👋")).toEqual({ kind: "greeting", language: undefined });
    expect(smallTalk("top, dank je wel hoor")).toEqual({ kind: "thanks", language: "nl" });
    expect(smallTalk("Thank you very much!")).toEqual({ kind: "thanks", language: "en" });
    expect(smallTalk("hoi, bedankt!")).toMatchObject({ kind: "thanks" });
    expect(smallTalk("Wie ben jij?")).toEqual({ kind: "about-bot", language: "nl" });
    expect(smallTalk("what can you do?")).toEqual({ kind: "about-bot", language: "en" });
  });

  it("anything more than small talk is a question for the article", () => {
    for (const question of [
      "hoi, wat is nasams eigenlijk",
      "Hallo, wie is Zelenski?",
      "Zelenski",
      "thanks, and when will Germany deliver?",
      "Wat is Nasams?",
      "dag van de aanval",
    ]) {
      expect(smallTalk(question), question).toBeUndefined();
    }
  });

  it("is answered in the words' own language, naming the article, citing nothing", () => {
    const answer = smallTalkAnswer({ question: "thanks!", language: "nl", corpusVersion: 3, titles: ["Luchtafweer voor Oekraïne"] });
    expect(answer).toMatchObject({ language: "en", abstained: true, citations: [], corpusVersion: 3 });
    expect(answer!.text).toBe("You're welcome! Anything else about the article “Luchtafweer voor Oekraïne”? Just ask.");
    expect(smallTalkAnswer({ question: "hallo", language: "nl", corpusVersion: 3, titles: ["A", "B"] })!.text).toMatch(
      /^Hallo! Stel me een vraag over de artikelen “A”, “B”/,
    );
    expect(smallTalkAnswer({ question: "Welk systeem levert Duitsland?", language: "nl", corpusVersion: 3, titles: ["A"] })).toBeUndefined();
  });
});
