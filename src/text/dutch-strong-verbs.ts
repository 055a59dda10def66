/**
 * Dutch strong and irregular verbs whose past forms no suffix rule can find (`sprak` for spreken,
 * `vroeg` for vragen, `gekregen` for krijgen): infinitive, past singular, past plural, past
 * participle. General Dutch grammar, as in any grammar's table of strong verbs; verbs with a prefix
 * (`bespreken`, `aanbieden`, `toezeggen`) are derived from these by `dutch-verbs.ts`.
 *
 * Left out on purpose: the auxiliaries (zijn, hebben, worden, zullen, kunnen, mogen, moeten,
 * willen), which are stopwords, and forms that are far more often another word (`reden` "reason",
 * `leden` "members", `wezen`, `geleden` "ago", `gelegen` "situated"), see `ambiguousForms`.
 */
const table = `
beginnen begon begonnen begonnen
bewegen bewoog bewogen bewogen
bezwijken bezweek bezweken bezweken
bieden bood boden geboden
bijten beet beten gebeten
binden bond bonden gebonden
blijken bleek bleken gebleken
blijven bleef bleven gebleven
breken brak braken gebroken
brengen bracht brachten gebracht
buigen boog bogen gebogen
denken dacht dachten gedacht
doen deed deden gedaan
dragen droeg droegen gedragen
drijven dreef dreven gedreven
dringen drong drongen gedrongen
drinken dronk dronken gedronken
dwingen dwong dwongen gedwongen
eten at aten gegeten
gaan ging gingen gegaan
gelden gold golden gegolden
genieten genoot genoten genoten
geven gaf gaven gegeven
gieten goot goten gegoten
glijden gleed gleden gegleden
grijpen greep grepen gegrepen
hangen hing hingen gehangen
heffen hief hieven geheven
helpen hielp hielpen geholpen
heten heette heetten geheten
houden hield hielden gehouden
kiezen koos kozen gekozen
kijken keek keken gekeken
klimmen klom klommen geklommen
klinken klonk klonken geklonken
komen kwam kwamen gekomen
kopen kocht kochten gekocht
krijgen kreeg kregen gekregen
laten liet lieten gelaten
lezen las lazen gelezen
liggen lag lagen gelegen
lijden leed leden geleden
lijken leek leken geleken
lopen liep liepen gelopen
meten mat maten gemeten
nemen nam namen genomen
prijzen prees prezen geprezen
rijden reed reden gereden
roepen riep riepen geroepen
schenken schonk schonken geschonken
scheppen schiep schiepen geschapen
schieten schoot schoten geschoten
schijnen scheen schenen geschenen
schrijven schreef schreven geschreven
schuiven schoof schoven geschoven
slaan sloeg sloegen geslagen
slapen sliep sliepen geslapen
sluiten sloot sloten gesloten
smijten smeet smeten gesmeten
snijden sneed sneden gesneden
spreken sprak spraken gesproken
springen sprong sprongen gesprongen
staan stond stonden gestaan
steken stak staken gestoken
stelen stal stalen gestolen
sterven stierf stierven gestorven
stijgen steeg stegen gestegen
strijden streed streden gestreden
treden trad traden getreden
treffen trof troffen getroffen
trekken trok trokken getrokken
vallen viel vielen gevallen
vangen ving vingen gevangen
varen voer voeren gevaren
vechten vocht vochten gevochten
vergeten vergat vergaten vergeten
verliezen verloor verloren verloren
vinden vond vonden gevonden
vliegen vloog vlogen gevlogen
vragen vroeg vroegen gevraagd
vriezen vroor vroren gevroren
wegen woog wogen gewogen
werpen wierp wierpen geworpen
werven wierf wierven geworven
weten wist wisten geweten
wijken week weken geweken
wijzen wees wezen gewezen
winnen won wonnen gewonnen
zeggen zei zeiden gezegd
zenden zond zonden gezonden
zien zag zagen gezien
zingen zong zongen gezongen
zinken zonk zonken gezonken
zitten zat zaten gezeten
zoeken zocht zochten gezocht
zwijgen zweeg zwegen gezwegen
`;

/** Forms that are far more often another word than this verb's past. */
const ambiguousForms = new Set(["reden", "leden", "wezen", "geleden", "gelegen", "week", "weken", "won", "at", "voer", "voeren", "zat", "lag", "las", "beet"]);

/** Every past form in the table (and each infinitive itself), with the infinitives it belongs to. */
export const strongVerbForms: ReadonlyMap<string, readonly string[]> = (() => {
  const forms = new Map<string, string[]>();
  for (const line of table.trim().split("\n")) {
    const [infinitive, ...past] = line.split(" ");
    for (const form of [infinitive!, ...past]) {
      if (ambiguousForms.has(form)) continue;
      const known = forms.get(form) ?? [];
      if (!known.includes(infinitive!)) forms.set(form, [...known, infinitive!]);
    }
  }
  return forms;
})();
