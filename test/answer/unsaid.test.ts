import { describe, expect, it } from "vitest";
import { unsaidIn } from "../../src/answer/unsaid.js";
import { asksWhatWasSaid } from "../../src/answer/connections.js";
import { analyzeQuery } from "../../src/retrieval/query.js";

const passage = "Duitsland belooft binnen enkele dagen luchtafweer te leveren. Het Witte Huis bevestigde de steun van Joe Biden aan de Britse premier.";
const other = "Naar verluidt bezorgde Washington Kiev twee batterijen.";
const unsaid = (question: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), passage, [other]);

describe("what a passage does not say", () => {
  it("a country or person the question names and no passage mentions", () => {
    expect(unsaid("Stuurt Italië ook luchtafweer?")).toEqual({ kind: "name", text: "Italië" });
    expect(unsaid("Wat zei Macron over de luchtafweer?")).toEqual({ kind: "name", text: "Macron" });
    expect(unsaid("Does Spain promise air defence too?", "en")).toEqual({ kind: "name", text: "Spain" });
  });

  it("a name is present in any of its forms: translation, adjective, a derived spelling", () => {
    expect(unsaid("When will Germany deliver?", "en")).toBeUndefined();
    expect(unsaid("Wat beloofde het Verenigd Koninkrijk?")).toBeUndefined();
    expect(unsaid("Met wie uit Groot-Brittannië sprak Biden?")).toBeUndefined();
    // An adjective describes; it is not a name the passage must repeat (only one another passage has makes this one weaker).
    expect(unsaidIn(analyzeQuery("Wat bevestigde Biden over de Amerikaanse steun?", "nl"), passage)).toBeUndefined();
    expect(unsaid("Wat bevestigde Biden over de Amerikaanse steun?")).toEqual({ kind: "name", text: "amerikaanse", elsewhere: true });
  });

  it("a nationality before a role identifies someone: the passage must mention that country", () => {
    expect(unsaid("Wat zei de Franse president over de luchtafweer?")).toEqual({ kind: "name", text: "de Franse president" });
    expect(unsaid("Who is the Dutch prime minister?", "en")).toEqual({ kind: "name", text: "the Dutch prime minister" });
    expect(unsaid("Wat beloofde de Britse premier?")).toBeUndefined();
    expect(unsaid("What did the German government promise?", "en")).toBeUndefined();
    // Without a role after it the adjective still only describes.
    expect(unsaid("Komt er ook Franse luchtafweer?")).toBeUndefined();
  });

  it("a national role is named by the person the article says holds it", () => {
    const later = "Zelenski sprak eveneens met Liz Truss.";
    const ask = (others: string[]) => unsaidIn(analyzeQuery("Met wie sprak de Oekraïense president nog meer?", "nl"), later, others);
    expect(ask(["Oekraïens president Volodimir Zelenski tweette over het gesprek."])).toBeUndefined();
    expect(ask(["Het Oekraïense leger tweette over het gesprek."])).toMatchObject({ kind: "name" });
  });

  it("a national role naming one office: a sentence must name that country and that office", () => {
    // Germany is mentioned, a German chancellor is not; Britain's premier is, in the same sentence.
    expect(unsaid("Wat vindt de Duitse kanselier van de levering?")).toEqual({ kind: "name", text: "de Duitse kanselier" });
    expect(unsaid("Who is the German chancellor?", "en")).toEqual({ kind: "name", text: "the German chancellor" });
    expect(unsaid("Wat zei de Britse president?")).toEqual({ kind: "name", text: "de Britse president" });
    // The office in the other language, or in other words: premier is the prime minister.
    expect(unsaid("What did the British prime minister receive?", "en")).toBeUndefined();
    expect(unsaid("Wat kreeg de Britse minister-president?")).toBeUndefined();
    // Mentioned, but only as someone given support: no words of theirs are reported.
    expect(unsaid("What did the British prime minister say?", "en")).toEqual({ kind: "context", text: "the British prime minister" });
    // A role "of" a country is the same: "de premier van Nederland" is "de Nederlandse premier".
    expect(unsaid("Wie is de kanselier van Duitsland?")).toEqual({ kind: "name", text: "de kanselier van Duitsland" });
    expect(unsaid("Who is the prime minister of Germany?", "en")).toEqual({ kind: "name", text: "the prime minister of Germany" });
    expect(unsaid("Who is the prime minister of the United Kingdom?", "en")).toBeUndefined();
    expect(unsaid("Wat is de steun van Duitsland?")).toBeUndefined();
    // A generic role names no one office, so only the country is checked.
    expect(unsaid("Wat kreeg de Britse regeringsleider?")).toBeUndefined();
    expect(unsaid("Wat beloofde de Duitse regering?")).toBeUndefined();
  });

  it("the office must be the country's: named right before it, after it with 'van'/'of', or as the country's ('Ukraine's')", () => {
    const text = "De Duitse defensieminister Boris Pistorius wees op de dringende Oekraïense nood aan raketten.";
    const ask = (question: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), text);
    // A Ukrainian word in the sentence is no Ukrainian minister.
    expect(ask("Wie is de Oekraïense defensieminister?")).toMatchObject({ kind: "name" });
    expect(ask("What did the Ukrainian defense minister say?", "en")).toMatchObject({ kind: "name" });
    expect(ask("Who is Ukraine's defence minister?", "en")).toMatchObject({ kind: "name" });
    expect(ask("Wie is de Duitse defensieminister?")).toBeUndefined();
    expect(ask("Who is Germany's defence minister?", "en")).toBeUndefined();
    expect(
      unsaidIn(analyzeQuery("Wie is de minister van Defensie van Oekraïne?", "nl"), "De minister van Defensie van Oekraïne is Oleksii Reznikov."),
    ).toBeUndefined();
    // A city has offices too: Kiev is named, its mayor is not.
    expect(unsaidIn(analyzeQuery("Wie is de burgemeester van Kiev?", "nl"), "Washington bezorgde Kiev twee batterijen.")).toMatchObject({ kind: "name" });
    expect(unsaidIn(analyzeQuery("Wie is de burgemeester van Kiev?", "nl"), "De burgemeester van Kiev, Vitali Klitschko, sprak.")).toBeUndefined();
  });

  it("a name only another passage mentions makes this passage weaker, not the article silent", () => {
    expect(unsaid("Wat beloofde Washington?")).toEqual({ kind: "name", text: "Washington", elsewhere: true });
    // So does a nationality the question describes with, though it never proves silence.
    const ask = (passageText: string, others: string[]) => unsaidIn(analyzeQuery("When were the German missiles promised?", "en"), passageText, others);
    expect(ask("Eind september kwamen de raketten.", ["De Duitse raketten waren al toegezegd in juni."])).toMatchObject({ kind: "name", elsewhere: true });
    expect(ask("Eind september kwamen de raketten.", ["Het gebeurde in juni."])).toBeUndefined();
  });

  it("a price the passage never gives, and an asked number or time it does not hold", () => {
    expect(unsaid("Hoeveel heeft Duitsland betaald voor de luchtafweer?")).toMatchObject({ kind: "cost" });
    expect(unsaid("How much did the luchtafweer cost?", "en")).toMatchObject({ kind: "cost" });
    expect(unsaid("Hoeveel raketten levert Duitsland?")).toMatchObject({ kind: "number" });
    expect(unsaidIn(analyzeQuery("Hoeveel batterijen kreeg Kiev?", "nl"), other)).toBeUndefined();
    expect(unsaid("Wanneer levert Duitsland?")).toBeUndefined();
    expect(unsaid("Welk bedrijf maakt de luchtafweer voor Duitsland?")).toMatchObject({ kind: "organisation" });
    // An amount of money is counted in a currency, not in "geld".
    const budget = "Duitsland trekt volgend jaar 75 miljoen euro extra uit voor luchtafweer.";
    expect(unsaidIn(analyzeQuery("Hoeveel geld trekt Duitsland uit voor luchtafweer?", "nl"), budget)).toBeUndefined();
    expect(unsaidIn(analyzeQuery("How much money does Germany set aside for air defence?", "en"), budget)).toBeUndefined();
    // What someone earns is asked like a price.
    expect(
      unsaidIn(analyzeQuery("Wat verdient de directeur van Velomar?", "nl"), "Directeur Ruud Verhoeven van Velomar maakte het woensdag bekend."),
    ).toMatchObject({ kind: "cost" });
    expect(unsaidIn(analyzeQuery("How much does the director earn?", "en"), "De directeur verdient 200.000 euro per jaar.")).toBeUndefined();
  });

  it("a count of something the passage never mentions, whatever numbers it holds", () => {
    const batteries = "Naar verluidt bezorgde Washington Kiev twee batterijen.";
    const ask = (question: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), batteries);
    expect(ask("Hoeveel doden vielen er bij de aanvallen?")).toEqual({ kind: "number", text: "doden" });
    expect(ask("How many drones did Washington send?", "en")).toEqual({ kind: "number", text: "drones" });
    expect(ask("Hoeveel Amerikaanse batterijen kreeg Kiev?")).toBeUndefined();
    // Words that only count say nothing of what is counted.
    expect(ask("How many units did Washington deliver?", "en")).toBeUndefined();
    expect(unsaid("Hoeveel heeft Washington uitgegeven aan luchtafweer?")).toMatchObject({ kind: "cost" });
  });

  it("a count must count what is asked: a number of something else beside the word is no answer", () => {
    const batteries = "Naar verluidt bezorgde Washington Kiev twee batterijen van het Nasams-systeem. Het beschermt tegen drones en raketten.";
    const ask = (question: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), batteries);
    // Drones and missiles are mentioned, and a number is given — of batteries.
    expect(ask("How many missiles can one battery fire?", "en")).toEqual({ kind: "number", text: "missiles" });
    expect(ask("Hoeveel drones heeft Oekraïne?")).toEqual({ kind: "number", text: "drones" });
    expect(ask("Hoeveel raketten werden afgevuurd?")).toEqual({ kind: "number", text: "raketten" });
    // The number stands right before the counted word, past an adjective, or the thing is a name counted in units.
    expect(ask("How many NASAMS batteries did Kiev get?", "en")).toBeUndefined();
    expect(ask("Hoeveel batterijen kreeg Kiev?")).toBeUndefined();
    expect(ask("Hoeveel Nasams kreeg Kiev?")).toBeUndefined();
    expect(unsaidIn(analyzeQuery("Hoeveel doden vielen er?", "nl"), "Het aantal doden is 12.")).toBeUndefined();
  });

  it("the asked fact must stand where the passage says what the question asks, not with something else", () => {
    const text = "Hij sprak maandagavond met de Canadese premier. Duitsland belooft luchtafweer te leveren. Kiev kreeg hulp. De raketten vielen op dorpen.";
    const ask = (question: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), text);
    // The passage says "leveren", but its only time ("maandagavond") is when he spoke.
    expect(ask("Wanneer wordt de luchtafweer geleverd?")).toEqual({ kind: "time", text: "time" });
    // Kiev is a city, but the sentence about falling missiles names none.
    expect(ask("In welke steden vielen de raketten?")).toEqual({ kind: "place", text: "place" });
    expect(ask("Which city got help?", "en")).toBeUndefined();
    expect(ask("Wanneer sprak hij met de premier?")).toBeUndefined();
    // A word the passage never uses proves nothing: the question may say it in other words.
    expect(ask("Wanneer belde hij met de premier?")).toBeUndefined();
    // Unless another paragraph writes it word for word: this paragraph's time is of something else.
    const times = ["Eind september kwamen de systemen aan.", "Het gesprek was productief."];
    expect(unsaidIn(analyzeQuery("Wanneer was het gesprek?", "nl"), times[0]!, [times[1]!])).toEqual({ kind: "time", text: "time" });
    expect(unsaidIn(analyzeQuery("Wanneer kwamen de systemen aan?", "nl"), times[0]!, [times[1]!])).toBeUndefined();
  });

  it("a reason must explain what is asked: a passage giving none, or only the reason for something else, does not say why", () => {
    const text =
      "De boeren protesteerden dagenlang in Den Haag. Na de grote protesten van maandag kan de wet sneller worden ingetrokken. Het kabinet wil de regels versoepelen om de natuur te beschermen.";
    const ask = (question: string) => unsaidIn(analyzeQuery(question, "nl"), text);
    // The protests are the reason the law goes faster, not what the passage explains.
    expect(ask("Waarom protesteerden de boeren?")).toEqual({ kind: "reason", text: "reason" });
    expect(ask("Waarom kan de wet sneller worden ingetrokken?")).toBeUndefined();
    expect(ask("Waarom wil het kabinet de regels versoepelen?")).toBeUndefined();
    expect(unsaidIn(analyzeQuery("Waarom protesteerden de boeren?", "nl"), "De boeren protesteerden dagenlang in Den Haag.")).toEqual({
      kind: "reason",
      text: "reason",
    });
  });

  it("a person asked by relation ('de opvolger van', 'wife', 'spokesperson') needs that relation: other people are not it", () => {
    const text = "De premier sprak met minister Anna Berzina en met president Sauli Niinistö.";
    const ask = (question: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), text);
    expect(ask("Wie is de opvolger van Berzina?")).toEqual({ kind: "person", text: "person" });
    expect(ask("Who is Niinistö's spokesperson?", "en")).toEqual({ kind: "person", text: "person" });
    expect(ask("Met wie sprak de premier?")).toBeUndefined();
    const succession = "Anna Berzina werd opgevolgd door Janis Kalnins, haar opvolger als minister.";
    expect(unsaidIn(analyzeQuery("Wie is de opvolger van Berzina?", "nl"), succession)).toBeUndefined();
  });

  it("something still to come is placed by a time ahead, not by when something already happened", () => {
    const text = "Eind september kreeg de stad twee nieuwe radars. De regering belooft binnen enkele weken meer radars te leveren.";
    const ask = (question: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), text);
    expect(ask("When will the government deliver more radars?", "en")).toBeUndefined();
    expect(ask("Wanneer levert de regering de volgende radars?")).toBeUndefined();
    const past = "Eind september kreeg de stad twee nieuwe radars.";
    expect(unsaidIn(analyzeQuery("Wanneer krijgt de stad de volgende radars?", "nl"), past)).toEqual({ kind: "time", text: "time" });
    expect(unsaidIn(analyzeQuery("Wanneer kreeg de stad de radars?", "nl"), past)).toBeUndefined();
  });

  it("what the article says something protects against is not what was sent", () => {
    const article = [
      "Noorwegen stuurde twee radars. Het systeem beschermt tegen aanvallen met drones, helikopters en raketten.",
      "Zweden belooft munitie te leveren.",
    ];
    const ask = (question: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), article[0]!, [article[1]!]);
    expect(ask("Heeft Noorwegen ook drones gestuurd?")).toEqual({ kind: "context", text: "drones" });
    expect(ask("Stuurt Noorwegen ook helikopters?")).toEqual({ kind: "context", text: "helikopters" });
    // Asked as what it protects against, or sent as such, it is what is asked.
    expect(ask("Beschermt het systeem ook tegen drones?")).toBeUndefined();
    expect(ask("Heeft Noorwegen radars gestuurd?")).toBeUndefined();
    // "tegen het einde van het jaar" is a time.
    expect(unsaidIn(analyzeQuery("Levert Zweden munitie?", "nl"), "Zweden zal tegen het einde van het jaar munitie leveren.")).toBeUndefined();
  });

  it("when someone took an office needs the passage to say they took it, not only that they hold it", () => {
    const holds = "Maandagavond sprak hij met de Britse premier Liz Truss.";
    expect(unsaidIn(analyzeQuery("Wanneer werd Liz Truss premier?", "nl"), holds)).toEqual({ kind: "time", text: "time" });
    expect(unsaidIn(analyzeQuery("When did Liz Truss become prime minister?", "en"), holds)).toEqual({ kind: "time", text: "time" });
    expect(unsaidIn(analyzeQuery("Wanneer werd Liz Truss premier?", "nl"), "Liz Truss werd in september premier.")).toBeUndefined();
    // A passive is no office: "werd geleverd".
    expect(unsaidIn(analyzeQuery("Wanneer werd de premier gebeld?", "nl"), holds)).toBeUndefined();
  });

  it("a bare 'where' asks where something happened: a place the sentence puts it in, not one that acts or is acted on", () => {
    const ask = (question: string, text: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), text);
    const acting = "Naar verluidt stuurde Washington Kiev twee nieuwe radarsystemen.";
    expect(ask("Waar werden de radarsystemen gebouwd?", acting)).toEqual({ kind: "place", text: "place" });
    expect(ask("Where were the radar systems built?", acting, "en")).toEqual({ kind: "place", text: "place" });
    expect(ask("Waar werden de radarsystemen gebouwd?", "De radarsystemen werden in Noorwegen gebouwd.")).toBeUndefined();
    expect(ask("Where were the radar systems built?", "De radarsystemen werden in Noorwegen gebouwd.", "en")).toBeUndefined();
    // Where something comes from or goes to is who sent or got it.
    expect(ask("Waar komen de radarsystemen vandaan?", acting)).toBeUndefined();
    expect(ask("Where did the radar systems go?", acting, "en")).toBeUndefined();
    // "Welke stad" asks which city, whatever it does in the sentence.
    expect(ask("Naar welke stad stuurde Washington de radarsystemen?", acting)).toBeUndefined();
  });

  it("how long something lasted needs a span in the clause that says it, not a moment or another thing's span", () => {
    const text = "De minister sprak maandagavond met de burgemeester. De minister beloofde, in het overleg, de gemeente blijvend geld te geven.";
    const ask = (question: string) => unsaidIn(analyzeQuery(question, "nl"), text);
    expect(ask("Hoe lang duurde het overleg met de burgemeester?")).toEqual({ kind: "time", text: "time" });
    expect(ask("Hoe lang krijgt de gemeente geld?")).toBeUndefined();
    expect(unsaidIn(analyzeQuery("Hoe lang duurde het overleg?", "nl"), "Het overleg duurde twee uur.")).toBeUndefined();
    expect(unsaidIn(analyzeQuery("Hoe lang duurde het overleg?", "nl"), "Het overleg was op maandagavond.")).toEqual({ kind: "time", text: "time" });
    // "Sinds wanneer" asks a moment.
    expect(unsaidIn(analyzeQuery("Sinds wanneer is het overleg gepland?", "nl"), "Het overleg is in juni gepland.")).toBeUndefined();
  });

  it("a city or a country asked for needs one, not a nationality or any other name", () => {
    const text = "De Duitse raketten zijn klaar. Washington stuurde Kiev twee batterijen. Het hoofdkantoor staat in Zwolle.";
    const ask = (question: string) => unsaidIn(analyzeQuery(question, "nl"), text);
    expect(unsaidIn(analyzeQuery("Welke steden kregen Duitse raketten?", "nl"), "De Duitse raketten zijn klaar.")).toMatchObject({ kind: "place" });
    expect(ask("Naar welke stad stuurde Washington de batterijen?")).toBeUndefined();
    expect(ask("In welke plaats staat het hoofdkantoor?")).toBeUndefined();
    expect(unsaidIn(analyzeQuery("Welk land maakt de raketten?", "nl"), "De Duitse raketten zijn klaar.")).toBeUndefined();
    // "Waar" asks a place too, unless it asks where something was said.
    const made = (passageText: string, question = "Waar wordt het systeem gebouwd?") => unsaidIn(analyzeQuery(question, "nl"), passageText);
    expect(made("Het systeem is klaar en wordt snel gebouwd.")).toMatchObject({ kind: "place" });
    expect(made("Het systeem wordt gebouwd in Noorwegen.")).toBeUndefined();
    expect(made("Het systeem wordt gebouwd bij Kongsberg.")).toBeUndefined();
    expect(made("Hij schreef het in een tweet.", "Waar schreef hij dat?")).toBeUndefined();
    // A city of another country than the one asked is not one of its cities.
    expect(ask("Welke Russische steden kregen batterijen?")).toMatchObject({ kind: "place" });
    expect(ask("Welke Oekraïense steden kregen batterijen?")).toBeUndefined();
  });

  it("a vague quantity right before the counted word answers a count; a name the passage writes alone may be counted in lower case", () => {
    const text = "Duitsland belooft binnen enkele dagen gelijkaardige Iris-T-systemen. Washington bezorgde twee batterijen van het systeem (Nasams).";
    const ask = (question: string) => unsaidIn(analyzeQuery(question, "nl"), text);
    expect(ask("Hoeveel dagen duurt de levering?")).toBeUndefined();
    // "enkele" counts days, not the systems two words on.
    expect(ask("Hoeveel Iris-T-systemen levert Duitsland?")).toMatchObject({ kind: "number" });
    expect(ask("hoeveel nasams kreeg kiev")).toBeUndefined();
  });

  it("an age is a number; inhabitants are counted as people, not in units", () => {
    expect(unsaid("How old is Joe Biden?", "en")).toMatchObject({ kind: "number" });
    const text = "Washington bezorgde twee batterijen, waar de Oekraïners lang om vroegen.";
    expect(unsaidIn(analyzeQuery("Hoeveel Oekraïners zijn gevlucht?", "nl"), text)).toMatchObject({ kind: "number" });
  });

  it("what an abbreviation stands for: only a run of capitalised words with its initials says it", () => {
    const text = "Washington bezorgde twee batterijen van het National Advanced Surface-to-Air Missile System (Nasams). Berlijn levert IRIS-T.";
    expect(unsaidIn(analyzeQuery("Waar staat Nasams voor?", "nl"), text)).toBeUndefined();
    expect(unsaidIn(analyzeQuery("What does IRIS-T stand for?", "en"), text)).toEqual({ kind: "expansion", text: "expansion" });
  });

  it("a maker asked for is no person: a surname the article gives in full elsewhere is someone's", () => {
    const text = "Volgens Zelenski werkt het systeem goed.";
    const ask = (question: string) => unsaidIn(analyzeQuery(question, "en"), text, ["Oekraïens president Volodimir Zelenski tweette."]);
    expect(ask("Who manufactures the system?")).toMatchObject({ kind: "organisation" });
    expect(unsaidIn(analyzeQuery("Who manufactures the system?", "en"), "Volgens Raytheon werkt het systeem goed.")).toBeUndefined();
  });

  it("a distance, size, weight or speed the passage never gives", () => {
    expect(unsaid("Hoe ver reikt de Duitse luchtafweer?")).toMatchObject({ kind: "measure" });
    expect(unsaidIn(analyzeQuery("How far can the missiles fly?", "en"), "De raketten vliegen 40 kilometer ver.")).toBeUndefined();
    // A measure noun asked for, and the speed of something that flies (not how soon it comes).
    expect(unsaid("Wat is het bereik van de Duitse luchtafweer?")).toMatchObject({ kind: "measure" });
    expect(unsaid("What's the range of the German air defence?", "en")).toMatchObject({ kind: "measure" });
    expect(unsaid("Hoe snel vliegen de Duitse raketten?")).toMatchObject({ kind: "measure" });
    expect(unsaidIn(analyzeQuery("Wat is het bereik van de raketten?", "nl"), "De raketten hebben een bereik van 40 kilometer.")).toBeUndefined();
    expect(unsaid("Hoe snel levert Duitsland?")).toBeUndefined();
  });
});

describe("a name the passage mentions only in another connection", () => {
  // A made-up article: Norway helps by training, Sweden delivers; Finland is only spoken to.
  const article = [
    "Noorwegen belooft soldaten op te leiden. Zweden levert volgende week twee radars aan Letland.",
    "De premier sprak ook met de Finse president Sauli Niinistö. Ook hem vroeg hij om steun voor de grensbewaking.",
    "Letland wil de radars aan de grens met Rusland plaatsen. Volgens de Letse minister Anna Berzina is dat dringend.",
  ];
  const ask = (question: string, at: number, language: "nl" | "en" = "nl") =>
    unsaidIn(
      analyzeQuery(question, language),
      article[at]!,
      article.filter((_, index) => index !== at),
    );

  it("a yes/no question asking of a name what the article says of someone else is refused", () => {
    // "levert" stands with Sweden; Finland is only spoken to.
    expect(ask("Levert Finland ook radars?", 1)).toEqual({ kind: "context", text: "Finland" });
    expect(ask("Does Finland deliver radars too?", 1, "en")).toEqual({ kind: "context", text: "Finland" });
    expect(ask("Belooft Niinistö soldaten op te leiden?", 1)).toEqual({ kind: "context", text: "Niinistö" });
  });

  it("a name typed in lower case is checked like a capitalised one; a name the question sets aside is not required", () => {
    expect(ask("levert finland ook radars", 1)).toEqual({ kind: "context", text: "finland" });
    expect(ask("wat zei niinistö over de radars", 1)).toEqual({ kind: "context", text: "niinistö" });
    expect(ask("Wat vindt Berzina van de grens behalve Niinistö?", 2)).toBeUndefined();
  });

  it("what is asked may stand in the sentence naming the name or the next one, which refers back", () => {
    expect(ask("Levert Zweden radars?", 0)).toBeUndefined();
    expect(ask("Vroeg de premier Finland om steun?", 1)).toBeUndefined();
    expect(ask("Did he ask Niinistö for support?", 1, "en")).toBeUndefined();
  });

  it("a name the article only asks to act has done nothing it reports", () => {
    // Finland is asked for support; whether it sends anything the article does not say.
    expect(ask("Stuurt Finland soldaten naar de grens?", 1)).toEqual({ kind: "context", text: "Finland" });
    expect(ask("Did Finland send soldiers?", 1, "en")).toEqual({ kind: "context", text: "Finland" });
    // What the passage does say of it: it was asked, and for support.
    expect(ask("Werd Finland om steun gevraagd?", 1)).toBeUndefined();
    // Finland as the object of the question is asked nothing of.
    expect(ask("Sprak de premier met Finland?", 1)).toBeUndefined();
  });

  it("a word the article says of no one proves nothing: the question may use other words", () => {
    // "Stuurt" is nowhere, so the article may say it otherwise ("levert").
    expect(ask("Stuurt Zweden hulp?", 0)).toBeUndefined();
  });

  it("a report of someone's words answers what they said; an open question asks it of its first name", () => {
    expect(ask("Heeft Berzina iets gezegd over de grens?", 2)).toBeUndefined();
    expect(ask("Heeft Niinistö iets gezegd over de radars?", 1)).toEqual({ kind: "context", text: "Niinistö" });
    expect(ask("Wat zei Berzina over de radars?", 2)).toBeUndefined();
    expect(ask("What did Sauli Niinistö say?", 1, "en")).toEqual({ kind: "context", text: "Sauli Niinistö" });
    // The premier's words to Niinistö are reported ("vroeg hij om steun"); Niinistö is only addressed.
    expect(ask("Wat vroeg de premier aan Niinistö?", 1)).toBeUndefined();
  });

  it("what someone thinks or how they reacted is asked like what they said; a tweet is a report of words", () => {
    expect(ask("Wat vindt Niinistö van de radars?", 1)).toEqual({ kind: "context", text: "Niinistö" });
    expect(ask("What does Sauli Niinistö think about the radars?", 1, "en")).toEqual({ kind: "context", text: "Sauli Niinistö" });
    expect(ask("Tweette Niinistö over het gesprek?", 1)).toEqual({ kind: "context", text: "Niinistö" });
    expect(ask("Wat vindt Berzina van de radars?", 2)).toBeUndefined();
    // A medium asked must be the name's own: the tweet is Karins's, Niinistö only spoke with him.
    const tweets = ["Het gesprek was goed, schreef de Letse premier Krisjanis Karins in een tweet. Later sprak de Finse president Sauli Niinistö met hem."];
    const medium = (question: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), tweets[0]!, ["Letland wil radars plaatsen."]);
    expect(medium("Heeft Niinistö iets getweet over het gesprek?")).toEqual({ kind: "context", text: "Niinistö" });
    expect(medium("Did Niinistö tweet about the call?", "en")).toEqual({ kind: "context", text: "Niinistö" });
    expect(medium("Heeft Karins iets getweet over het gesprek?")).toBeUndefined();
    expect(medium("Wat schreef Karins over het gesprek?")).toBeUndefined();
    // Asked as what someone did, and in other words: a tweet is a post.
    expect(medium("Wat postte Niinistö over het gesprek?")).toEqual({ kind: "context", text: "Niinistö" });
    expect(medium("Heeft Karins iets gepost over het gesprek?")).toBeUndefined();
    // "vond … plaats" is a time, not an opinion.
    expect(asksWhatWasSaid(analyzeQuery("Wanneer vond het gesprek met Niinistö plaats?", "nl"))).toBe(false);
    expect(asksWhatWasSaid(analyzeQuery("Wat vond Niinistö van het gesprek?", "nl"))).toBe(true);
  });

  it("two names the article never mentions together: whatever is asked of the pair, it does not say", () => {
    expect(ask("Wanneer sprak Niinistö met Berzina?", 1)).toEqual({ kind: "together", text: "Niinistö en Berzina" });
    expect(ask("What did Sweden promise Finland?", 0, "en")).toEqual({ kind: "together", text: "Sweden and Finland" });
    // Together in one sentence, or in the next one.
    expect(ask("Wanneer levert Zweden radars aan Letland?", 0)).toBeUndefined();
    // Names listed side by side are each asked the same thing, not asked about each other.
    expect(ask("Vroeg de premier Niinistö en Berzina om steun?", 1)?.kind).not.toBe("together");
    expect(ask("Vroeg Niinistö aan Berzina om steun?", 1)?.kind).toBe("together");
  });

  it("an open question's answer names someone else by design; what a person did is asked of that person", () => {
    expect(ask("Met wie sprak de premier, Finland?", 1)).toBeUndefined();
    // But the person must stand with what is asked: the radars are delivered in another paragraph.
    expect(ask("Wie levert radars, Finland?", 1)).toEqual({ kind: "person", text: "person" });
    // "Wat belooft Niinistö?" asks what he promised: the article says it of Norway.
    expect(ask("Wat belooft Niinistö?", 1)).toEqual({ kind: "context", text: "Niinistö" });
    expect(ask("Wat vroeg de premier aan Niinistö?", 1)).toBeUndefined();
    // A place as subject stands for people the article may name otherwise: not checked.
    expect(ask("Wat belooft Finland?", 1)).toBeUndefined();
  });

  it("the article's topic may be spoken of without being named: no evidence against a passage", () => {
    const topic = ["Zweden levert radars aan Letland.", "Letland plaatst ze aan de grens.", "Volgens Berzina is Letland blij.", "Letland wil meer."];
    const result = unsaidIn(analyzeQuery("Wat levert Zweden aan Letland?", "nl"), topic[0]!, topic.slice(1));
    expect(result).toBeUndefined();
    expect(unsaidIn(analyzeQuery("Wat levert Zweden aan Letland?", "nl"), "Zweden levert radars.", topic.slice(1))).toBeUndefined();
  });
});

describe("names of more than one word, and capitals", () => {
  it("a capital stands for its country: Ottawa is mentioned where the Canadian premier is", () => {
    const canada = "Zelenski sprak eveneens met de Canadese premier Justin Trudeau.";
    expect(unsaidIn(analyzeQuery("Had Zelenski ook contact met Ottawa?", "nl"), canada)).toBeUndefined();
    expect(unsaidIn(analyzeQuery("Did Zelensky also call Canberra?", "en"), canada)).toEqual({ kind: "name", text: "Canberra" });
  });

  it("an English institution of several capitalised words the lexicon cannot translate is no proof of silence", () => {
    expect(unsaid("What did the White House say Biden promised?", "en")).toBeUndefined();
    // A guessed cognate spelling of one of its words is no translation either.
    expect(unsaid("What did the White State say Biden promised?", "en")).toBeUndefined();
  });

  it("in a run of capitalised words each word is a name of its own: the passage must mention Rutte, not just 'premier'", () => {
    expect(unsaid("Wat beloofde Premier Rutte aan Kiev?")).toMatchObject({ kind: "name", text: "Rutte" });
    expect(unsaid("Wat beloofde Premier Biden aan Duitsland?")).toBeUndefined();
  });
});

describe("a thing the article mentions in another role", () => {
  const article = [
    "Zweden levert volgende week twee radars.",
    "Zulke radars beschermen tegen drones en helikopters.",
    "Volgens de premier geeft Zweden ook steun.",
    "Noorwegen geeft tanks.",
  ];
  const ask = (question: string, at = 0) =>
    unsaidIn(
      analyzeQuery(question, "nl"),
      article[at]!,
      article.filter((_, index) => index !== at),
    );

  it("a word said only where no one or someone else is named does not stand with the name", () => {
    expect(ask("Levert Zweden ook helikopters?")).toEqual({ kind: "context", text: "Zweden" });
    expect(ask("Levert Zweden ook tanks?")).toEqual({ kind: "context", text: "Zweden" });
    expect(ask("Levert Zweden radars?")).toBeUndefined();
  });

  it("a word another passage says of the same name does", () => {
    expect(ask("Levert Zweden ook steun?")).toBeUndefined();
  });
});

describe("what an open question asks of, and whose fact the passage gives", () => {
  it("a person after a preposition is not who the question asks about ('the call between X and …')", () => {
    const article = [
      "Na de bombardementen op de haven belde de premier met de Finse president Sauli Niinistö.",
      "Bij een aanval op de grens vielen drie gewonden.",
      "Letland wil radars aan de grens plaatsen.",
    ];
    // "aanval" is said elsewhere of no one, yet the question asks it of the call, not of Niinistö.
    expect(unsaidIn(analyzeQuery("Welke aanval leidde tot het gesprek met Niinistö?", "nl"), article[0]!, article.slice(1))).toBeUndefined();
  });

  it("a fact said of another country does not answer a question describing its thing by nationality", () => {
    const article = [
      "Niet alleen de Zweden helpen Letland. Noorwegen levert volgende week radars aan Letland.",
      "Zweden helpt Letland ook.",
      "Letland wil radars aan de grens plaatsen.",
    ];
    const ask = (question: string, language: "nl" | "en" = "nl") => unsaidIn(analyzeQuery(question, language), article[0]!, article.slice(1));
    // Sweden is in the passage, but next week is when the Norwegian radars come.
    expect(ask("Wanneer komen de Zweedse radars?")).toEqual({ kind: "time", text: "time" });
    expect(ask("When will the Swedish radars arrive?", "en")).toEqual({ kind: "time", text: "time" });
    expect(ask("Wanneer komen de Noorse radars?")).toBeUndefined();
    expect(ask("Wanneer komen de radars?")).toBeUndefined();
  });
});

describe("the document's title names its topic", () => {
  it("a name its title gives need not be repeated in the passage that answers", () => {
    const passages = [
      "Velomar sluit zijn fabriek in Dordrecht.",
      "Volgens de topman is de stap nodig omdat de loonkosten te hoog zijn.",
      "De bond eist een sociaal plan.",
    ];
    const ask = (title?: string) => unsaidIn(analyzeQuery("Waarom vertrekt Velomar?", "nl"), passages[1]!, [passages[0]!, passages[2]!], title);
    expect(ask()).toMatchObject({ kind: "name", text: "Velomar" });
    expect(ask("Fietsenmaker Velomar verhuist productie naar Portugal")).toBeUndefined();
  });
});

describe("an opinion asked about a thing the report of someone's words does not reach", () => {
  const article = [
    "“Niemand mag nu nog water verspillen.” Dat zei directeur Jansen dinsdag. Het verbruik steeg met twintig procent.",
    "Tuinen sproeien kan beter wachten, aldus Jansen. Boeren mogen sinds maandag geen grondwater oppompen. Het waterschap stelde dat verbod in.",
    "Ook in België is het droog. Volgens minister Claes is de situatie zorgwekkend.",
  ];
  const ask = (question: string, at: number) =>
    unsaidIn(
      analyzeQuery(question, "nl"),
      article[at]!,
      article.filter((_, index) => index !== at),
    );

  it("words reported before the thing is named are not about it; a report after it may refer back", () => {
    // Jansen's words in paragraph 2 come before the ban; paragraph 1 never names it, paragraph 2 does.
    expect(ask("Wat vindt Jansen van het verbod voor boeren?", 1)).toEqual({ kind: "context", text: "Jansen" });
    expect(ask("Wat vindt Jansen van het verbod voor boeren?", 0)).toEqual({ kind: "context", text: "Jansen" });
    // "zorgwekkend" follows "droog" in the same passage: a view of what came before it.
    expect(ask("Wat vindt Claes van de droogte in België?", 2)).toBeUndefined();
    // Her words are what is asked about the gardens, said in the same sentence.
    expect(ask("Wat vindt Jansen van tuinen sproeien?", 1)).toBeUndefined();
  });
});
