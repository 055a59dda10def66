import { describe, expect, it } from "vitest";
import { answerKind, holdsAnswer } from "../../src/answer/answer-kind.js";
import { reasonSplits } from "../../src/answer/reasons.js";
import { timeFacet } from "../../src/answer/time-facets.js";
import { namesIn } from "../../src/answer/names-in-text.js";

describe("answer kinds", () => {
  it("reads the kind of fact asked from Dutch and English question words", () => {
    expect(answerKind("Wie leidt het ministerie?")).toBe("person");
    expect(answerKind("Welke premier belde hij?")).toBe("person");
    expect(answerKind("Which prime minister did he call?")).toBe("person");
    expect(answerKind("Wanneer opent de brug?")).toBe("time");
    expect(answerKind("In welke maand opent de brug?")).toBe("time");
    expect(answerKind("How many trains run?")).toBe("number");
    expect(answerKind("Waarom sluit de fabriek?")).toBe("reason");
    expect(answerKind("Hoe snel komt de levering?")).toBe("speed");
    expect(answerKind("Waar ligt de haven?")).toBe("place");
    // "Waar … om/voor/mee" asks for a thing, not a place.
    expect(answerKind("Waar vroegen de boeren om?")).toBe("other");
    expect(answerKind("Opent de brug morgen?")).toBe("yes-no");
    expect(answerKind("Did the mayor resign?")).toBe("yes-no");
    // A preposition inside a yes/no question does not open it: only first ("Met wie…").
    expect(answerKind("Heeft de burgemeester met de minister gebeld?")).toBe("yes-no");
    // Whether someone said something is answered by a report of their words, like an opinion.
    expect(answerKind("Heeft de burgemeester iets gezegd over de brug?")).toBe("opinion");
    expect(answerKind("Did the mayor comment on the bridge?")).toBe("opinion");
    expect(answerKind("Wat levert de fabriek?")).toBe("other");
  });

  it("asks a distance, size, weight or speed, which only a number with a unit answers", () => {
    expect(answerKind("Hoe ver kan de raket vliegen?")).toBe("measure");
    expect(answerKind("How heavy is the new bridge?")).toBe("measure");
    expect(answerKind("Hoe groot is het park?")).toBe("measure");
    expect(answerKind("Wat is het maximale bereik van de raket?")).toBe("measure");
    expect(answerKind("What's the top speed of the train?")).toBe("measure");
    expect(answerKind("How fast does the drone fly?")).toBe("measure");
    // How fast something comes is a time, not a speed; a measure word as the topic asks nothing of it.
    expect(answerKind("Hoe snel komt de levering?")).toBe("speed");
    expect(answerKind("Wat zei de minister over de snelheid van de bouw?")).not.toBe("measure");
    expect(holdsAnswer("measure", "De raket vliegt 40 kilometer ver.", "Hoe ver vliegt de raket?")).toBe(true);
    expect(holdsAnswer("measure", "The bridge weighs twelve tonnes, about 26,000 lb.", "How heavy is the bridge?")).toBe(true);
    // Numbers without a unit, or a unit without a number, do not answer it.
    expect(holdsAnswer("measure", "Washington leverde twee batterijen.", "Hoe ver reikt de batterij?")).toBe(false);
    expect(holdsAnswer("measure", "Het bereik is een paar kilometer.", "Hoe ver reikt het?")).toBe(false);
  });

  it("tells a purpose, an opinion and a named thing apart, and 'hoeveelheid' is not 'hoeveel'", () => {
    expect(answerKind("Waartoe dient de nieuwe brug?")).toBe("reason");
    expect(answerKind("What is the money for? For what purpose?")).toBe("reason");
    expect(answerKind("Wat vond de burgemeester van het plan?")).toBe("opinion");
    expect(answerKind("Wat zei de burgemeester over het plan?")).toBe("opinion");
    expect(answerKind("How did the mayor react to the plan?")).toBe("opinion");
    expect(answerKind("Welk systeem koopt de stad?")).toBe("thing");
    expect(answerKind("Which ferry will be replaced?")).toBe("thing");
    expect(answerKind("Wat vond hij van de hoeveelheid regen?")).toBe("opinion");
    expect(answerKind("Welke hoeveelheid regen viel er?")).toBe("thing");
  });

  it("'Wie is <name>?' asks who someone is — a description — not another name; 'Wie is de minister?' asks a name", () => {
    expect(answerKind("Wie is Christine Lambrecht?")).toBe("other");
    expect(answerKind("who was lambrecht")).toBe("other");
    expect(answerKind("Wie is de Duitse minister?")).toBe("person");
    expect(answerKind("Who is the German chancellor?")).toBe("person");
    expect(answerKind("Wie is premier van Canada?")).toBe("person");
  });

  it("'hoe lang' asks a time, written in two words as in one", () => {
    expect(answerKind("Hoe lang duurde het gesprek?")).toBe("time");
    expect(answerKind("Hoelang duurde het gesprek?")).toBe("time");
  });

  it("a purpose is an 'om … te' clause; an opinion a quote or a report of what someone said; a thing a name that is no person or place", () => {
    const purpose = "Waartoe moet de steun dienen?";
    expect(holdsAnswer("reason", "De stad krijgt steun om zichzelf te verdedigen.", purpose)).toBe(true);
    expect(holdsAnswer("reason", "De stad krijgt steun om zichzelf te verdedigen.", "Waarom krijgt de stad steun?")).toBe(false);
    expect(holdsAnswer("opinion", "“Dit is niet genoeg”, zei de burgemeester.", "Wat vond de burgemeester ervan?")).toBe(true);
    expect(holdsAnswer("opinion", "De burgemeester opende de brug.", "Wat vond de burgemeester ervan?")).toBe(false);
    const thing = "Welk systeem stuurt Berlijn?";
    expect(holdsAnswer("thing", "Duitsland belooft Iris-T SLM-systemen te leveren.", thing)).toBe(true);
    expect(holdsAnswer("thing", "Dat zegt de Duitse minister Christine Lambrecht.", thing)).toBe(false);
  });

  it("takes runs of capitals for names, never an article or a lone capital opening a sentence", () => {
    expect(namesIn("Het Witte Huis bevestigde dat Joe Biden het beloofde.")).toEqual(["Witte Huis", "Joe Biden"]);
    expect(namesIn("De Duitse raketten kwamen aan.")).toEqual(["Duitse"]);
    expect(namesIn("Gisteren sprak hij met Lambrecht.")).toEqual(["Lambrecht"]);
  });

  it("finds the asked fact in a sentence: a new name, a time, a number that is not the article een", () => {
    expect(holdsAnswer("person", "Het Witte Huis bevestigde dat Joe Biden steun beloofde.", "Welke president beloofde steun?")).toBe(true);
    expect(holdsAnswer("person", "De Amerikaanse president beloofde steun.", "Welke president beloofde steun?")).toBe(false);
    // A full name is already named by its last word, also spelt a little differently: no new person.
    expect(holdsAnswer("person", "Dat zei president Volodimir Zelenski.", "Met wie sprak Zelensky?")).toBe(false);
    expect(holdsAnswer("person", "Zelenski sprak met premier Liz Truss.", "Met wie sprak Zelensky?")).toBe(true);
    expect(holdsAnswer("number", "Hij kreeg een brief.", "Hoeveel brieven kreeg hij?")).toBe(false);
    expect(holdsAnswer("number", "Hij kreeg twee brieven.", "Hoeveel brieven kreeg hij?")).toBe(true);
    expect(holdsAnswer("time", "Dat zei hij maandagavond laat.", "Wanneer zei hij dat?")).toBe(true);
    expect(holdsAnswer("time", "De molens pompen sinds 1740 water.", "Sinds wanneer pompen ze?")).toBe(true);
    expect(holdsAnswer("time", "De molens pompen water.", "Sinds wanneer pompen ze?")).toBe(false);
    // An age is asked: a number only news's ways of giving an age answer.
    expect(holdsAnswer("number", "Van Dijk (58) werkte vier jaar bij de club.", "Hoe oud is de trainer?")).toBe(true);
    expect(holdsAnswer("number", "De 58-jarige trainer stopt.", "How old is the coach?")).toBe(true);
    expect(holdsAnswer("number", "De club won 61 van de 140 wedstrijden.", "Hoe oud is de trainer?")).toBe(false);
    expect(holdsAnswer("number", "De club won 61 van de 140 wedstrijden.", "Hoeveel wedstrijden won de club?")).toBe(true);
    // A season is a time, which Intl does not name ("volgend voorjaar", "last summer").
    expect(holdsAnswer("time", "De nieuwe fabriek moet volgend voorjaar open gaan.", "Wanneer gaat de fabriek open?")).toBe(true);
    expect(holdsAnswer("time", "De nieuwe fabriek moet volgend voorjaar open gaan.", "Wanneer komt de nieuwe fabriek?")).toBe(true);
    expect(holdsAnswer("yes-no", "Dit is nog niet genoeg.", "Is dit genoeg?")).toBe(true);
  });
});

describe("what a time question asks more precisely", () => {
  it("a date needs a day and month or a year; a weekday or a month alone is not a date", () => {
    const question = "Op welke datum vond de staking plaats?";
    expect(timeFacet(question)).toBe("date");
    expect(timeFacet("On what date did the strike start?")).toBe("date");
    expect(holdsAnswer("time", "De staking begon op 3 maart.", question)).toBe(true);
    expect(holdsAnswer("time", "The strike began on March 3rd.", "What date did it begin?")).toBe(true);
    expect(holdsAnswer("time", "De staking begon in 2019.", question)).toBe(true);
    expect(holdsAnswer("time", "De staking begon dinsdagochtend.", question)).toBe(false);
    expect(holdsAnswer("time", "De staking begon in maart.", question)).toBe(false);
  });

  it("a time of day needs a clock time or a part of the day, also closing a compound", () => {
    const question = "Op welk moment van de dag begon de staking?";
    expect(timeFacet(question)).toBe("time-of-day");
    expect(timeFacet("Hoe laat begon het?")).toBe("time-of-day");
    expect(holdsAnswer("time", "De staking begon dinsdagochtend.", question)).toBe(true);
    expect(holdsAnswer("time", "De staking begon om 6.30 uur.", question)).toBe(true);
    expect(holdsAnswer("time", "De staking begon in maart.", question)).toBe(false);
  });

  it("any other time question takes any time", () => {
    expect(timeFacet("Wanneer begon de staking?")).toBe("any");
    // How long: a span answers it even without a date.
    expect(timeFacet("Hoelang wachtten de bewoners al op de brug?")).toBe("duration");
    expect(holdsAnswer("time", "De brug, waar de bewoners al zo lang om vroegen, is er.", "Hoelang wachtten de bewoners al op de brug?")).toBe(true);
    expect(holdsAnswer("time", "De brug, waar de bewoners om vroegen, is er.", "Hoelang wachtten de bewoners al op de brug?")).toBe(false);
    expect(holdsAnswer("time", "De brug is er al zo lang.", "Wanneer kwam de brug?")).toBe(false);
    expect(holdsAnswer("time", "De staking begon in maart.", "Wanneer begon de staking?")).toBe(true);
  });
});

describe("questions for a company or organisation", () => {
  const question = "Welk bedrijf bouwt de windmolens bij Borssele?";

  it("are their own kind, in Dutch and English", () => {
    expect(answerKind(question)).toBe("organisation");
    expect(answerKind("Which company makes the Iris-T?")).toBe("organisation");
    expect(answerKind("Who makes the Nasams?")).toBe("organisation");
  });

  it("need a name that is not a person, a place or its people, nor the product asked about", () => {
    expect(holdsAnswer("organisation", "Het Deense Vestas bouwt de molens.", question)).toBe(true);
    expect(holdsAnswer("organisation", "De Nederlanders en de Duitsers bouwen de molens.", question)).toBe(false);
    expect(holdsAnswer("organisation", "Minister Christine Lambrecht opende de bouw.", question)).toBe(false);
    expect(holdsAnswer("organisation", "De Amerikanen leverden Iris-T SLM-systemen.", "Which company makes the Iris-T?")).toBe(false);
  });

  it("a name the question gives by its initials is what is asked about, not the answer", () => {
    const asked = "Who builds the rocket for ESA?";
    expect(holdsAnswer("organisation", "De raket van de European Space Agency vertrekt in mei.", asked)).toBe(false);
    expect(holdsAnswer("organisation", "De European Space Agency laat de raket bouwen door Arianespace.", asked)).toBe(true);
    expect(holdsAnswer("organisation", "Het Surface-to-Air Missile Program kocht raketten.", "Wie maakt de raketten van het SAMP?")).toBe(false);
  });
});

describe("where a sentence gives a reason", () => {
  it("splits at each cause or purpose: the reason clause, and the rest it explains", () => {
    expect(reasonSplits("Na de grote protesten van maandag kan de wet sneller worden ingetrokken.")).toEqual([
      { reason: "na de grote protesten van maandag", rest: "kan de wet sneller worden ingetrokken." },
    ]);
    // A purpose runs to its verb, past the commas of a list.
    expect(reasonSplits("Het is niet genoeg om scholen, hospitalen en woningen te beschermen, zei hij.")).toEqual([
      { reason: "om scholen, hospitalen en woningen te beschermen", rest: "het is niet genoeg , zei hij." },
    ]);
    expect(reasonSplits("De trein had vertraging omdat het sneeuwde, zei de woordvoerder.")[0]!.reason).toBe("omdat het sneeuwde");
    expect(reasonSplits("De boeren protesteerden in Den Haag.")).toEqual([]);
    // A verb of cause: the reason before it, what it explains after it.
    expect(reasonSplits("De droogte onderstreept volgens de minister de dringende nood aan water.")).toEqual([
      { reason: "de droogte", rest: "volgens de minister de dringende nood aan water." },
    ]);
  });
});
