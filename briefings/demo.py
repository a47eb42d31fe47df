"""The curated demo briefing, shipped as data: `manage.py load_demo` loads it.

Curated from Samuel Ramani's analysis for the Foreign Policy Research Institute, “Why
Russia Is A Geopolitical Winner In Mali’s Coup” (23 September 2020). The copy the desk
read is Eurasia Review's republication of the same day, which credits FPRI; it is kept
outside the project. The project does not ship the article: it quotes it only in the
excerpts below, each with its character offsets in that copy (computed from it once and
written down here, because the source's full text is not stored).

Curation conventions:
- An event's country is where it happened; where the article does not say, the country
  it concerns. Its place is filled in only where known.
- An approximate or month date is stored as a calendar date (the first of the month for
  a month); the description says what the article says.
- Excerpt credibility (Admiralty 1-6): 1 for facts that wide contemporaneous reporting
  confirms; 2 for specific reports consistent with other reporting that the desk has not
  confirmed itself; 3 for the author's own estimates, plausible but not yet testable.

Every row is looked up by a natural key (a slug, an ISO code, a source's address, an
excerpt's text, an assessment's statement), so loading again finds what it loaded before
and writes only what differs. Rewording an assessment's statement here therefore loads a
new assessment; the old one drops out of the briefing's key judgments.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model

from .markdown import render_markdown
from .models import (
    Actor,
    ActorAlias,
    ActorKind,
    ActorRole,
    Assessment,
    Briefing,
    Confidence,
    Country,
    Credibility,
    DatePrecision,
    Event,
    EventActor,
    EventKind,
    Excerpt,
    KeyJudgment,
    Likelihood,
    PublicationStatus,
    Reliability,
    Source,
)

BRIEFING_SLUG = "russia-mali-coup-2020"
DEMO_USERNAME = "demo"
# Stated in the README; only `load_demo --with-demo-user` sets it.
DEMO_PASSWORD = "demo-desk-2020"  # noqa: S105
SEED_FILENAME = "russia-mali-coup-fpri.txt"

# --- The source ----------------------------------------------------------------------

SOURCE = {
    "title": "Why Russia Is A Geopolitical Winner In Mali’s Coup",
    "author": "Samuel Ramani",
    "publisher": "Foreign Policy Research Institute",
    "url": "https://www.fpri.org/article/2020/09/why-russia-is-a-geopolitical-winner-in-malis-coup/",
    "published_on": datetime.date(2020, 9, 23),
    # B, usually reliable: a signed analysis by a specialist in Russian foreign policy,
    # published by an established think tank with editorial review, whose dated facts
    # agree with wide contemporaneous reporting. Not A: it is secondary analysis rather
    # than first-hand reporting, and it has slips (Oleg Morozov's office; a French
    # company named “Avenda” that cannot be identified).
    "reliability": Reliability.B,
}

# --- Excerpts: the only words of the article the project ships ----------------------
# Keyed for the events and judgments below. Offsets are Python string indices into the
# seed file read as UTF-8; the text keeps the copy's no-break spaces (\u00a0) so that it
# stays an exact quotation.

EXCERPTS: dict[str, dict] = {
    "coup": {
        "start": 86,
        "end": 225,
        "credibility": Credibility.CONFIRMED,
        "text": "On August 18, Mali’s President Ibrahim Boubacar Keita was overthrown in a coup d’etat led by breakaway elements of the Malian Armed Forces.",
    },
    "un-condemns": {
        "start": 226,
        "end": 276,
        "credibility": Credibility.CONFIRMED,
        "text": "The United Nations (UN) swiftly condemned the coup",
    },
    "ecowas-halts-trade": {
        "start": 282,
        "end": 381,
        "credibility": Credibility.CONFIRMED,
        "text": "the Economic Community of West African States (ECOWAS) immediately\u00a0halted\u00a0trade relations with Mali",
    },
    "reports-alignment": {
        "start": 383,
        "end": 492,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "In the following days, reports proliferated about a covert alignment between Russia and Mali’s coup plotters.",
    },
    # 2: several outlets reported the colonels' training in Russia, citing Malian officers;
    # Moscow has not confirmed it.
    "plotters-trained-in-moscow": {
        "start": 538,
        "end": 692,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "two of the coup plotters, Malick Diaw and Sadio Camara, had\u00a0returned\u00a0to Mali days earlier from a training program at the Higher Military College in Moscow",
    },
    # 2: Russian media carried the same denial on 22 August, in other words and calling
    # him a senator rather than a Duma member.
    "morozov-denial": {
        "start": 694,
        "end": 874,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "Prominent Russian State Duma member Oleg Morozov\u00a0refuted\u00a0these allegations on August 22 by stating, “Any talk that Russia was somehow involved in the August coup looks ridiculous.”",
    },
    # 2: the author's reading of the evidence, which the desk's own reading matches.
    "insufficient-evidence": {
        "start": 885,
        "end": 987,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "there is insufficient evidence to make a conclusive determination about the Kremlin’s role in the coup",
    },
    "potential-beneficiary": {
        "start": 989,
        "end": 1068,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "Russia is a potential geopolitical beneficiary from Mali’s political transition",
    },
    "france-leverage-dwindles": {
        "start": 1070,
        "end": 1303,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "In contrast to France, which\u00a0cultivated\u00a0close relations with Keita and has seen its political leverage in Mali dwindle as a result of the coup, Russia has immediately established cordial relations with Mali’s transitional government.",
    },
    "gromyko-meets-cnsp": {
        "start": 1304,
        "end": 1460,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "On August 21, Russian Ambassador to Mali and Niger Igor Gromyko\u00a0met\u00a0with representatives from the National Committee for the Salvation of the People (CNSP).",
    },
    "military-agreement-2019": {
        "start": 1637,
        "end": 1711,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "Russia also signed a military cooperation\u00a0agreement\u00a0with Mali in June 2019",
    },
    "bamako-urges-moscow": {
        "start": 1960,
        "end": 2070,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "In November 2019, demonstrators in Bamako\u00a0urged\u00a0Moscow to repel Islamist attacks in Mali like it did in Syria.",
    },
    "mariko-courts-russia": {
        "start": 2071,
        "end": 2253,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "Prominent opposition figures, such as the leader of the African Solidarity for Democracy and Independence Party Umar Mariko, have actively courted Russian arms and technical support.",
    },
    "independence-square-flags": {
        "start": 2254,
        "end": 2440,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "At the Independence Square demonstrations in Bamako that followed the coup, protesters were\u00a0spotted\u00a0waving Russian flags and holding\u00a0posters\u00a0praising Russia for its solidarity with Mali.",
    },
    "economic-deals": {
        "start": 2594,
        "end": 2707,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "Moscow could leverage the Mali coup to secure economic deals and bolster its geopolitical standing in West Africa",
    },
    # 3, not lower: the forecast is plausible even though the French competitor is
    # misnamed (see the Avenda actor).
    "rosatom": {
        "start": 2937,
        "end": 3109,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "Rosatom, which\u00a0directly competes\u00a0with its French counterpart Avenda for contracts in the Sahel, could benefit from favorable relations with Mali’s new political authorities",
    },
    "nordgold": {
        "start": 3111,
        "end": 3262,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "Nordgold, a Russian gold company that has investments in Guinea and Burkina Faso, could also expand its extraction initiatives in Mali’s gold reserves.",
    },
    "gnango-interview": {
        "start": 3472,
        "end": 3666,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "In a September 9\u00a0interview\u00a0with\u00a0Sputnik,\u00a0Cote d’Ivoire’s Ambassador to Russia Roger Gnango called for increased military cooperation with Russia, due to instability resulting from the Mali coup.",
    },
    "pmc-unlikely": {
        "start": 3676,
        "end": 3753,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "Russia is unlikely to deploy private military contractors (PMCs) to the Sahel",
    },
    "arms-and-agreements": {
        "start": 3817,
        "end": 3948,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "sell arms and expand the strategic depth of its military cooperation agreements with Burkina Faso, Chad, Mali, Mauritania and Niger",
    },
    "deby": {
        "start": 4187,
        "end": 4325,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "France could expand its support for\u00a0authoritarian leaders, such as Chad’s President Idriss Deby, who also have close relations with Russia",
    },
    "franco-russian-engagement": {
        "start": 4327,
        "end": 4537,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "As Franco-Russian dialogues on Syria, Libya, and cybersecurity have continued in spite of tensions over Alexei Navalny’s poisoning, France and Russia could conceivably deepen their engagement on Sahel security.",
    },
    "parly-skeptical": {
        "start": 4566,
        "end": 4679,
        "credibility": Credibility.PROBABLY_TRUE,
        "text": "French Defense Minister Florence Parly is\u00a0skeptical\u00a0of Russia’s ability to stabilize the Central African Republic",
    },
    "china-consternation": {
        "start": 4795,
        "end": 5043,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "As China wishes to include Sahel countries in the Belt and Road Initiative (BRI) and has\u00a0increased\u00a0its investments in neighboring Burkina Faso due to the country’s suspension of relations with Taiwan, Beijing\u00a0views\u00a0the Mali coup with consternation.",
    },
    "china-discord": {
        "start": 5269,
        "end": 5441,
        "credibility": Credibility.POSSIBLY_TRUE,
        "text": "if evidence of Kremlin involvement in the Mali coup mounts, Chinese\u00a0concerns\u00a0about Russia’s destabilizing conduct in Africa could become a source of discord between the two",
    },
}

# --- Countries: every one the article names, by ISO 3166-1 alpha-2 ------------------

COUNTRIES = [
    "ML",  # Mali
    "RU",  # Russia
    "FR",  # France
    "SY",  # Syria
    "NE",  # Niger
    "GN",  # Guinea
    "BF",  # Burkina Faso
    "CI",  # Côte d’Ivoire
    "TD",  # Chad
    "MR",  # Mauritania
    "CN",  # China
    "TW",  # Taiwan
    "CF",  # Central African Republic
    "LY",  # Libya
]

# --- Actors: parents before the actors that belong to them ---------------------------

ACTORS: list[dict] = [
    {
        "slug": "government-of-russia",
        "name": "Government of Russia",
        "kind": ActorKind.STATE,
        "countries": ["RU"],
        "aliases": ["the Kremlin", "Moscow"],
        "description": "The Russian state's executive: the presidency, the government, its ministries "
        "and embassies. The article's “Moscow” and “the Kremlin”.",
    },
    {
        "slug": "government-of-france",
        "name": "Government of France",
        "kind": ActorKind.STATE,
        "countries": ["FR"],
        "aliases": ["Paris"],
        "description": "The French state's executive. Close to President Keita before the coup; "
        "leads Operation Barkhane in the Sahel.",
    },
    {
        "slug": "government-of-china",
        "name": "Government of China",
        "kind": ActorKind.STATE,
        "countries": ["CN"],
        "aliases": ["Beijing"],
        "description": "The government of the People's Republic of China. The article's “Beijing”.",
    },
    {
        "slug": "government-of-mali",
        "name": "Government of Mali",
        "kind": ActorKind.STATE,
        "countries": ["ML"],
        "description": "The Malian state: President Keita's government until the coup of 18 August "
        "2020; since then the military committee (CNSP) holds power pending a transition.",
    },
    {
        "slug": "state-duma",
        "name": "State Duma",
        "kind": ActorKind.STATE,
        "countries": ["RU"],
        "aliases": ["Duma"],
        "description": "The lower house of Russia's parliament, the Federal Assembly.",
    },
    {
        "slug": "malian-armed-forces",
        "name": "Malian Armed Forces",
        "kind": ActorKind.ARMED_FORCE,
        "countries": ["ML"],
        "parent": "government-of-mali",
        "aliases": ["FAMa", "Forces Armées Maliennes"],
        "description": "Mali's national army, air force and gendarmerie.",
    },
    {
        "slug": "malian-armed-forces-breakaway-elements",
        "name": "Malian Armed Forces (breakaway elements)",
        "kind": ActorKind.ARMED_FORCE,
        "countries": ["ML"],
        "parent": "malian-armed-forces",
        "aliases": ["the mutineers"],
        "description": "The officers and units who mutinied and overthrew President Keita on 18 "
        "August 2020, then formed the CNSP.",
    },
    {
        "slug": "cnsp",
        "name": "National Committee for the Salvation of the People",
        "kind": ActorKind.STATE,
        "countries": ["ML"],
        "aliases": ["CNSP", "Comité national pour le salut du peuple", "the junta"],
        "description": "The military committee that took power after the coup of 18 August 2020: "
        "an umbrella body of the officers involved, proposing an 18-month transition before "
        "power returns to civilians.",
    },
    {
        "slug": "ibrahim-boubacar-keita",
        "name": "Ibrahim Boubacar Keita",
        "kind": ActorKind.PERSON,
        "role_title": "President of Mali (2013–2020), overthrown on 18 August 2020",
        "countries": ["ML"],
        "parent": "government-of-mali",
        "aliases": ["IBK", "Ibrahim Boubacar Keïta", "Keïta"],
        "description": "Mali's elected president, in office from 2013 until the coup.",
    },
    {
        "slug": "malick-diaw",
        "name": "Malick Diaw",
        "kind": ActorKind.PERSON,
        "role_title": "Colonel, Malian Armed Forces; a leader of the coup and member of the CNSP",
        "countries": ["ML"],
        "parent": "cnsp",
        "description": "One of two coup leaders reported to have returned from military training "
        "in Moscow days before the coup.",
    },
    {
        "slug": "sadio-camara",
        "name": "Sadio Camara",
        "kind": ActorKind.PERSON,
        "role_title": "Colonel, Malian Armed Forces; a leader of the coup and member of the CNSP",
        "countries": ["ML"],
        "parent": "cnsp",
        "description": "One of two coup leaders reported to have returned from military training "
        "in Moscow days before the coup.",
    },
    {
        "slug": "oleg-morozov",
        "name": "Oleg Morozov",
        "kind": ActorKind.PERSON,
        "role_title": "Russian legislator; a State Duma member, as the article describes him",
        "countries": ["RU"],
        "parent": "state-duma",
        "description": "Denied on 22 August 2020 that Russia had any part in the coup. Check before "
        "citing his office: the article calls him a State Duma member, while Russian media "
        "reporting the same denial called him a senator (of the Federation Council).",
    },
    {
        "slug": "igor-gromyko",
        "name": "Igor Gromyko",
        "kind": ActorKind.PERSON,
        "role_title": "Russian Ambassador to Mali and Niger",
        "countries": ["RU"],
        "parent": "government-of-russia",
        "description": "Met representatives of the CNSP on 21 August 2020, three days after the coup.",
    },
    {
        "slug": "african-solidarity-for-democracy-and-independence-party",
        "name": "African Solidarity for Democracy and Independence Party",
        "kind": ActorKind.POLITICAL_PARTY,
        "countries": ["ML"],
        "aliases": ["SADI", "Solidarité africaine pour la démocratie et l’indépendance"],
        "description": "A Malian opposition party led by Umar Mariko.",
    },
    {
        "slug": "umar-mariko",
        "name": "Umar Mariko",
        "kind": ActorKind.PERSON,
        "role_title": "Leader of the African Solidarity for Democracy and Independence Party (SADI)",
        "countries": ["ML"],
        "parent": "african-solidarity-for-democracy-and-independence-party",
        "aliases": ["Oumar Mariko"],
        "description": "Malian opposition figure who has courted Russian arms and technical support.",
    },
    {
        "slug": "roger-gnango",
        "name": "Roger Gnango",
        "kind": ActorKind.PERSON,
        "role_title": "Côte d’Ivoire’s Ambassador to Russia",
        "countries": ["CI"],
        "description": "Called on 9 September 2020 for more military cooperation with Russia, "
        "citing the instability that followed the coup in Mali.",
    },
    {
        "slug": "idriss-deby",
        "name": "Idriss Deby",
        "kind": ActorKind.PERSON,
        "role_title": "President of Chad",
        "countries": ["TD"],
        "aliases": ["Idriss Déby", "Idriss Déby Itno"],
        "description": "An authoritarian leader with close relations to both France and Russia.",
    },
    {
        "slug": "florence-parly",
        "name": "Florence Parly",
        "kind": ActorKind.PERSON,
        "role_title": "French Minister of the Armed Forces (Defence Minister)",
        "countries": ["FR"],
        "parent": "government-of-france",
        "description": "Sceptical of Russia's ability to stabilise the Central African Republic.",
    },
    {
        "slug": "alexei-navalny",
        "name": "Alexei Navalny",
        "kind": ActorKind.PERSON,
        "role_title": "Russian opposition politician",
        "countries": ["RU"],
        "aliases": ["Alexey Navalny"],
        "description": "His poisoning in August 2020 strained Franco-Russian relations.",
    },
    {
        "slug": "united-nations",
        "name": "United Nations",
        "kind": ActorKind.INTERNATIONAL_ORGANISATION,
        "aliases": ["UN"],
        "description": "Condemned the coup within days.",
    },
    {
        "slug": "ecowas",
        "name": "Economic Community of West African States",
        "kind": ActorKind.INTERNATIONAL_ORGANISATION,
        "aliases": ["ECOWAS", "CEDEAO"],
        "description": "West Africa's regional organisation. Halted trade with Mali after the coup.",
    },
    {
        "slug": "higher-military-college-moscow",
        "name": "Higher Military College in Moscow",
        "kind": ActorKind.OTHER,
        "countries": ["RU"],
        "parent": "government-of-russia",
        "description": "A Russian military school, as the article names it without identifying it "
        "further, where Malick Diaw and Sadio Camara trained before the coup.",
    },
    {
        "slug": "operation-barkhane",
        "name": "Operation Barkhane",
        "kind": ActorKind.PROGRAMME,
        "countries": ["FR"],
        "parent": "government-of-france",
        "aliases": ["Barkhane"],
        "description": "France's counterterrorism operation in the Sahel, with partner forces in "
        "Burkina Faso, Chad, Mali, Mauritania and Niger. Seen by some Malians as neocolonial.",
    },
    {
        "slug": "rosatom",
        "name": "Rosatom",
        "kind": ActorKind.COMPANY,
        "countries": ["RU"],
        "description": "Russia's state nuclear energy corporation; competes with French industry "
        "for contracts in the Sahel.",
    },
    {
        "slug": "avenda",
        "name": "Avenda",
        "kind": ActorKind.COMPANY,
        "countries": ["FR"],
        "description": "Rosatom's French competitor for Sahel contracts, as the article names it. "
        "No French nuclear company of that name can be identified; France's uranium miner in "
        "the Sahel is Orano (formerly Areva), which the author may have meant.",
    },
    {
        "slug": "nordgold",
        "name": "Nordgold",
        "kind": ActorKind.COMPANY,
        "countries": ["RU"],
        "description": "A Russian gold miner with investments in Guinea and Burkina Faso.",
    },
    {
        "slug": "sputnik",
        "name": "Sputnik",
        "kind": ActorKind.MEDIA,
        "countries": ["RU"],
        "description": "Russian state-owned news agency and broadcaster.",
    },
    {
        "slug": "belt-and-road-initiative",
        "name": "Belt and Road Initiative",
        "kind": ActorKind.PROGRAMME,
        "countries": ["CN"],
        "parent": "government-of-china",
        "aliases": ["BRI"],
        "description": "China's programme of infrastructure investment abroad, which it wants Sahel "
        "countries to join.",
    },
]

# --- Events --------------------------------------------------------------------------

INITIATOR, TARGET, PARTICIPANT = ActorRole.INITIATOR, ActorRole.TARGET, ActorRole.PARTICIPANT

EVENTS: list[dict] = [
    {
        "slug": "2019-06-russia-mali-military-cooperation-agreement",
        "title": "Russia and Mali sign a military cooperation agreement",
        "date": datetime.date(2019, 6, 1),
        "date_precision": DatePrecision.MONTH,
        "kind": EventKind.DIPLOMATIC_COOPERATION,
        "country": "ML",
        "description": "The article dates the agreement to June 2019 and says it consolidated "
        "Russia's ties with the Malian officers who later backed the coup. It does not say where "
        "the agreement was signed.",
        "actors": [("government-of-russia", PARTICIPANT), ("government-of-mali", PARTICIPANT)],
        "excerpts": ["military-agreement-2019"],
    },
    {
        "slug": "2019-11-bamako-demonstrators-appeal-to-russia",
        "title": "Demonstrators in Bamako urge Russia to help repel Islamist attacks",
        "date": datetime.date(2019, 11, 1),
        "date_precision": DatePrecision.MONTH,
        "kind": EventKind.APPEAL,
        "country": "ML",
        "place": "Bamako",
        "description": "In November 2019 (the article gives the month only) demonstrators in Bamako "
        "called on Moscow to do in Mali what it did in Syria.",
        "actors": [("government-of-russia", TARGET)],
        "excerpts": ["bamako-urges-moscow"],
    },
    {
        "slug": "2020-08-coup-leaders-return-from-moscow",
        "title": "Coup leaders Malick Diaw and Sadio Camara return from training in Moscow",
        "date": datetime.date(2020, 8, 10),
        "date_precision": DatePrecision.APPROXIMATE,
        "kind": EventKind.MATERIAL_COOPERATION,
        "country": "ML",
        "description": "The article says the two officers returned “days earlier” than the coup of "
        "18 August from a training programme at the Higher Military College in Moscow; the "
        "date stored stands for that and was not reported.",
        "actors": [
            ("malick-diaw", PARTICIPANT),
            ("sadio-camara", PARTICIPANT),
            ("higher-military-college-moscow", PARTICIPANT),
        ],
        "excerpts": ["plotters-trained-in-moscow"],
    },
    {
        "slug": "2020-08-18-coup-in-mali",
        "title": "Military coup overthrows President Ibrahim Boubacar Keita",
        "date": datetime.date(2020, 8, 18),
        "date_precision": DatePrecision.DAY,
        "kind": EventKind.COUP,
        "country": "ML",
        "place": "Kati and Bamako",
        "description": "Breakaway elements of the Malian Armed Forces mutinied at the Kati camp "
        "outside Bamako and forced President Keita from office. Two of the plotters, Malick Diaw "
        "and Sadio Camara, had just returned from training in Moscow.",
        "actors": [
            ("malian-armed-forces-breakaway-elements", INITIATOR),
            ("malick-diaw", INITIATOR),
            ("sadio-camara", INITIATOR),
            ("ibrahim-boubacar-keita", TARGET),
            ("government-of-mali", TARGET),
        ],
        "excerpts": ["coup", "plotters-trained-in-moscow"],
    },
    {
        "slug": "2020-08-ecowas-halts-trade-with-mali",
        "title": "ECOWAS halts trade with Mali",
        "date": datetime.date(2020, 8, 19),
        "date_precision": DatePrecision.APPROXIMATE,
        "kind": EventKind.REDUCE_RELATIONS,
        "country": "ML",
        "description": "The article says ECOWAS halted trade relations with Mali “immediately” "
        "after the coup; the date stored is the day after it.",
        "actors": [("ecowas", INITIATOR), ("government-of-mali", TARGET)],
        "excerpts": ["ecowas-halts-trade"],
    },
    {
        "slug": "2020-08-un-condemns-coup-in-mali",
        "title": "The United Nations condemns the coup",
        "date": datetime.date(2020, 8, 19),
        "date_precision": DatePrecision.APPROXIMATE,
        "kind": EventKind.DISAPPROVE,
        "country": "ML",
        "description": "The article says the UN condemned the coup “swiftly”; the date stored is "
        "the day after it.",
        "actors": [("united-nations", INITIATOR), ("malian-armed-forces-breakaway-elements", TARGET)],
        "excerpts": ["un-condemns"],
    },
    {
        "slug": "2020-08-reports-allege-russian-alignment-with-plotters",
        "title": "Reports allege a covert alignment between Russia and the coup plotters",
        "date": datetime.date(2020, 8, 20),
        "date_precision": DatePrecision.APPROXIMATE,
        "kind": EventKind.OTHER,
        "country": "ML",
        "description": "“In the following days”, says the article, reports linked Moscow to the "
        "plotters, on the ground that two of them had just trained in Moscow. The date stored "
        "stands for those days.",
        "actors": [
            ("government-of-russia", TARGET),
            ("malian-armed-forces-breakaway-elements", TARGET),
        ],
        "excerpts": ["reports-alignment", "plotters-trained-in-moscow"],
    },
    {
        "slug": "2020-08-21-gromyko-meets-cnsp",
        "title": "Russian Ambassador Igor Gromyko meets the CNSP",
        "date": datetime.date(2020, 8, 21),
        "date_precision": DatePrecision.DAY,
        "kind": EventKind.CONSULT,
        "country": "ML",
        "description": "Three days after the coup, Russia's ambassador to Mali and Niger met "
        "representatives of the military committee now in power.",
        "actors": [
            ("igor-gromyko", INITIATOR),
            ("government-of-russia", PARTICIPANT),
            ("cnsp", PARTICIPANT),
        ],
        "excerpts": ["gromyko-meets-cnsp"],
    },
    {
        "slug": "2020-08-independence-square-demonstrations",
        "title": "Demonstrators at Independence Square wave Russian flags after the coup",
        "date": datetime.date(2020, 8, 21),
        "date_precision": DatePrecision.APPROXIMATE,
        "kind": EventKind.PROTEST,
        "country": "ML",
        "place": "Independence Square, Bamako",
        "description": "At the demonstrations that followed the coup (the article gives no date), "
        "protesters waved Russian flags and held posters praising Russia's solidarity with Mali.",
        "actors": [("government-of-russia", TARGET)],
        "excerpts": ["independence-square-flags"],
    },
    {
        "slug": "2020-08-22-morozov-denies-russian-involvement",
        "title": "Oleg Morozov denies Russian involvement in the coup",
        "date": datetime.date(2020, 8, 22),
        "date_precision": DatePrecision.DAY,
        "kind": EventKind.PUBLIC_STATEMENT,
        "country": "RU",
        "description": "A Russian legislator dismissed as ridiculous any talk that Russia was "
        "involved in the coup.",
        "actors": [("oleg-morozov", INITIATOR)],
        "excerpts": ["morozov-denial"],
    },
    {
        "slug": "2020-09-09-gnango-calls-for-military-cooperation-with-russia",
        "title": "Côte d’Ivoire’s ambassador calls for more military cooperation with Russia",
        "date": datetime.date(2020, 9, 9),
        "date_precision": DatePrecision.DAY,
        "kind": EventKind.APPEAL,
        "country": "CI",
        "description": "In an interview with Sputnik, Roger Gnango cited the instability that "
        "followed the coup in Mali. The article does not say where the interview took place.",
        "actors": [
            ("roger-gnango", INITIATOR),
            ("government-of-russia", TARGET),
            ("sputnik", PARTICIPANT),
        ],
        "excerpts": ["gnango-interview"],
    },
]

# --- Key judgments, in the briefing's order ------------------------------------------
# `key` names a judgment in code (the statement is its identity in the database).

TWO_YEARS = datetime.date(2022, 9, 30)

JUDGMENTS: list[dict] = [
    {
        "key": "russia-gains",
        "statement": "Russia is likely to emerge from Mali’s coup with more influence in Mali, at "
        "France’s expense, by September 2022.",
        "likelihood": Likelihood.LIKELY,
        "confidence": Confidence.MODERATE,
        "horizon": TWO_YEARS,
        "rationale": """Moscow moved first: its ambassador met the junta **three days** after the
coup, while France, President Keita's closest partner, lost its main interlocutor and much
of its leverage. Russia also starts with assets France lacks:

- a military cooperation agreement, signed in June 2019, with the officers now in power;
- two coup leaders just back from training in Moscow;
- visible sympathy in Bamako, from the appeal of November 2019 to the Russian flags at
  Independence Square after the coup;
- opposition figures, such as Umar Mariko, who court Russian arms.""",
        "assumptions": "The CNSP, or a transitional government it shapes, stays in power and keeps "
        "its Russian contacts; France does not regain leverage by reconciling quickly with the "
        "junta.",
        "alternatives": "ECOWAS pressure forces a quick civilian transition that anchors Mali to "
        "France and the European Union again; or Russia's gains stay symbolic (flags, "
        "statements) and bring no agreements or contracts.",
        "countries": ["ML", "RU", "FR"],
        "actors": ["government-of-russia", "government-of-france", "cnsp", "igor-gromyko"],
        "events": [
            "2020-08-21-gromyko-meets-cnsp",
            "2020-08-independence-square-demonstrations",
            "2019-11-bamako-demonstrators-appeal-to-russia",
            "2019-06-russia-mali-military-cooperation-agreement",
        ],
        "excerpts": [
            "potential-beneficiary",
            "france-leverage-dwindles",
            "gromyko-meets-cnsp",
            "military-agreement-2019",
            "bamako-urges-moscow",
            "mariko-courts-russia",
            "independence-square-flags",
        ],
    },
    {
        "key": "kremlin-role",
        "statement": "Russia is unlikely to have directed the coup: the public evidence of Kremlin "
        "involvement is circumstantial and insufficient for a conclusive determination.",
        "likelihood": Likelihood.UNLIKELY,
        "confidence": Confidence.LOW,
        "horizon": None,
        "rationale": """The case for a Russian hand rests on **timing and contact**: two coup leaders
came home from training in Moscow days before the coup, and Russia's ambassador met the
junta within three days. Neither shows direction. The coup had ample domestic causes,
Moscow denied any part in it, and no planning, funding or operational support by Russia has
been reported.

Confidence is *low* because the evidence is thin either way and comes from open sources.""",
        "assumptions": "Had Moscow directed the coup, stronger signs (communications, payments, "
        "Russian personnel) would by now have surfaced in public reporting.",
        "alternatives": "Russia knew of the plot and tacitly encouraged the officers during their "
        "training without directing them; or the allegations were spread to discredit the junta, "
        "or Moscow.",
        "countries": ["ML", "RU"],
        "actors": [
            "government-of-russia",
            "malian-armed-forces-breakaway-elements",
            "malick-diaw",
            "sadio-camara",
            "oleg-morozov",
        ],
        "events": [
            "2020-08-coup-leaders-return-from-moscow",
            "2020-08-18-coup-in-mali",
            "2020-08-reports-allege-russian-alignment-with-plotters",
            "2020-08-21-gromyko-meets-cnsp",
            "2020-08-22-morozov-denies-russian-involvement",
        ],
        "excerpts": [
            "insufficient-evidence",
            "reports-alignment",
            "plotters-trained-in-moscow",
            "morozov-denial",
        ],
    },
    {
        "key": "arms-and-military-cooperation",
        "statement": "Russia is likely to use the instability that followed the coup to sell arms "
        "and deepen its military cooperation with Burkina Faso, Chad, Mali, Mauritania and Niger "
        "by September 2022.",
        "likelihood": Likelihood.LIKELY,
        "confidence": Confidence.MODERATE,
        "horizon": TWO_YEARS,
        "rationale": """Demand is visible and the frameworks exist:

- Côte d’Ivoire's ambassador in Moscow asked publicly, on 9 September, for more military
  cooperation with Russia, citing the coup;
- Russia already has military cooperation agreements with Sahel states, Mali's dating from
  June 2019;
- Malian opposition figures court Russian arms.

Arms sales suit Moscow in Africa: they cost little, pay quickly, and buy influence without a
large presence on the ground.""",
        "assumptions": "Sahel governments keep looking beyond France for counter-insurgency "
        "partners; Western sanctions do not stop Russian arms deals.",
        "alternatives": "Western states answer the coup with more security assistance of their "
        "own and crowd Russia out; or budgets strained by instability limit purchases.",
        "countries": ["BF", "TD", "ML", "MR", "NE", "CI", "RU"],
        "actors": ["government-of-russia", "roger-gnango", "umar-mariko"],
        "events": [
            "2019-06-russia-mali-military-cooperation-agreement",
            "2020-09-09-gnango-calls-for-military-cooperation-with-russia",
        ],
        "excerpts": [
            "arms-and-agreements",
            "gnango-interview",
            "military-agreement-2019",
            "mariko-courts-russia",
        ],
    },
    {
        "key": "no-pmcs-in-the-sahel",
        "statement": "Russia is unlikely to deploy private military contractors (PMCs) to the Sahel "
        "by September 2022.",
        "likelihood": Likelihood.UNLIKELY,
        "confidence": Confidence.LOW,
        "horizon": TWO_YEARS,
        "rationale": """The source judges a deployment of private military contractors unlikely and
expects Russia to work through arms sales and state-to-state agreements instead. We adopt
the judgment with **low confidence**: the source gives no reasons for it, and Russian
contractors already operate in the Central African Republic and Libya, so the precedent
exists.

*Indicators that would overturn it:* Russian security personnel reported at Malian bases;
junta statements about “diversifying” security partners; Western warnings against a
contractor deployment.""",
        "assumptions": "Moscow prefers formal defence agreements in the Sahel; France's military "
        "presence deters a contractor deployment; no Sahel government asks for one.",
        "alternatives": "A junta under Western pressure turns to Russian contractors for its own "
        "security, as the Central African Republic did; a French drawdown opens the space.",
        "countries": ["ML", "BF", "TD", "MR", "NE", "RU", "CF", "LY"],
        "actors": ["government-of-russia", "cnsp", "operation-barkhane"],
        "events": [
            "2019-06-russia-mali-military-cooperation-agreement",
            "2020-09-09-gnango-calls-for-military-cooperation-with-russia",
        ],
        "excerpts": ["pmc-unlikely", "arms-and-agreements"],
    },
    {
        "key": "economic-deals",
        "statement": "There is a roughly even chance that Russia secures new economic deals in Mali "
        "from the post-coup authorities by September 2022, nuclear energy and gold mining being "
        "the likeliest sectors.",
        "likelihood": Likelihood.ROUGHLY_EVEN,
        "confidence": Confidence.LOW,
        "horizon": TWO_YEARS,
        "rationale": """Moscow has the access (its early contact with the junta) and the motive, and
Russian companies are already in the region: **Rosatom** competes with French industry for
Sahel contracts, and **Nordgold** mines in Guinea and Burkina Faso. But the source names no
deal under negotiation, and new authorities under ECOWAS sanctions make slow commercial
partners.""",
        "assumptions": "Sanctions ease enough for investment; the junta looks beyond French partners.",
        "alternatives": "Russia's gains stay in the security field (arms, training) with no "
        "commercial follow-through; insecurity deters mining investment.",
        "countries": ["ML", "RU", "FR", "GN", "BF"],
        "actors": ["government-of-russia", "rosatom", "nordgold", "avenda", "cnsp"],
        "events": ["2020-08-21-gromyko-meets-cnsp", "2020-08-ecowas-halts-trade-with-mali"],
        "excerpts": ["economic-deals", "rosatom", "nordgold", "ecowas-halts-trade"],
    },
    {
        "key": "franco-russian-engagement",
        "statement": "France and Russia are unlikely to deepen their engagement on Sahel security "
        "by the end of 2021.",
        "likelihood": Likelihood.UNLIKELY,
        "confidence": Confidence.LOW,
        "horizon": datetime.date(2021, 12, 31),
        "rationale": """The source thinks deeper Franco-Russian engagement *conceivable*: the two
kept talking about Syria, Libya and cybersecurity despite the poisoning of Alexei Navalny.
Against it, France's defence minister doubts that Russia can stabilise the Central African
Republic, and Paris is losing ground in Mali as Moscow gains it. Rivalry is the likelier
course.""",
        "assumptions": "The Sahel stays a field of Franco-Russian rivalry rather than of shared "
        "counterterrorism interest.",
        "alternatives": "A shared jihadist threat, or France's support for leaders close to both "
        "capitals such as Chad's Idriss Deby, opens a limited dialogue on Sahel security.",
        "countries": ["FR", "RU", "ML", "CF", "SY", "LY", "TD"],
        "actors": [
            "government-of-france",
            "government-of-russia",
            "florence-parly",
            "alexei-navalny",
            "idriss-deby",
        ],
        "events": ["2020-08-18-coup-in-mali", "2020-08-21-gromyko-meets-cnsp"],
        "excerpts": ["franco-russian-engagement", "parly-skeptical", "deby", "france-leverage-dwindles"],
    },
    {
        "key": "china-friction",
        "statement": "If evidence of Kremlin involvement in the coup mounts, there is a roughly even "
        "chance that Chinese concern about Russia’s destabilising conduct in Africa becomes a "
        "source of friction between Beijing and Moscow by September 2022.",
        "likelihood": Likelihood.ROUGHLY_EVEN,
        "confidence": Confidence.LOW,
        "horizon": TWO_YEARS,
        "rationale": """China wants Sahel states in its Belt and Road Initiative, has been investing
in Burkina Faso since it cut ties with Taiwan, and views the coup with consternation.
Russia and China have **little institutionalised dialogue** on African security, so there is
no channel to absorb a dispute. Against friction: both capitals prize their wider
partnership and avoid disagreeing in public.""",
        "assumptions": "The condition holds: credible evidence of Russian involvement in the coup "
        "emerges. Without it the judgment does not come into play.",
        "alternatives": "Moscow uses the coup to show Beijing that it can contribute to regional "
        "security, and the two draw closer; or China stays commercially minded and indifferent "
        "to who rules in Bamako.",
        "countries": ["CN", "RU", "ML", "BF", "TW"],
        "actors": ["government-of-china", "government-of-russia", "belt-and-road-initiative"],
        "events": ["2020-08-18-coup-in-mali", "2020-08-reports-allege-russian-alignment-with-plotters"],
        "excerpts": ["china-consternation", "china-discord", "reports-alignment"],
    },
]

# --- The briefing --------------------------------------------------------------------

BRIEFING = {
    "title": "Mali’s coup: Russia gains ground as France’s leverage fades",
    "summary": "Russia is likely to come out of Mali’s coup of 18 August 2020 with more influence "
    "in Mali, at France’s expense. Moscow engaged the junta within days and already has military "
    "ties with the officers now in power; expect arms sales and deeper military cooperation "
    "across the Sahel, though a deployment of Russian private military contractors is unlikely. "
    "The evidence does not show that Russia directed the coup.",
    "body": """## What happened

On **18 August 2020** breakaway units of the Malian Armed Forces forced President Ibrahim
Boubacar Keita from office. The officers formed the National Committee for the Salvation of
the People (CNSP), which proposes an 18-month transition before power returns to civilians.
The United Nations condemned the coup and ECOWAS cut trade with Mali.

Russia was drawn in at once. Two of the coup's leaders, Colonels Malick Diaw and Sadio
Camara, had come home from military training in Moscow shortly before, and reports of a
covert Russian hand followed. A Russian legislator dismissed them; on 21 August, three
days after the coup, Russia's ambassador Igor Gromyko met the junta's representatives.

## Why Russia gains

Russia comes out of the coup stronger than France, for four reasons:

1. **Access.** Moscow engaged the junta within days; Paris, long Keita's closest partner,
   lost its main interlocutor and much of its leverage.
2. **Military ties.** A military cooperation agreement signed in June 2019 links Moscow
   with the officers who now hold power.
3. **Popular sympathy.** Many Malians see France's Operation Barkhane as neocolonial.
   Demonstrators in Bamako appealed to Russia for help against jihadists in November 2019,
   and Russian flags flew at the rallies that followed the coup.
4. **Commercial openings.** Rosatom competes with French industry for Sahel contracts and
   Nordgold already mines in Guinea and Burkina Faso; friendly authorities in Bamako could
   open Mali to both.

The likeliest Russian gains are **arms sales and deeper military cooperation** across the
Sahel, where governments want counter-insurgency partners and Côte d'Ivoire's ambassador in
Moscow has asked publicly for more. The source judges a deployment of Russian *private
military contractors* unlikely; we agree, with low confidence (key judgment 4).

## What we do not know

- **Russia's role in the coup.** The evidence is circumstantial: the timing of the two
  colonels' return and Moscow's quick contact with the junta. We judge Russian direction of
  the coup unlikely, with low confidence.
- **How France and China respond.** France may keep talking to Moscow where their interests
  meet, as on Syria and Libya, but its defence minister doubts Russia's worth as a
  stabiliser. China, which wants the Sahel in its Belt and Road Initiative, views the coup
  with concern; evidence of a Russian hand could strain Moscow's ties with Beijing.

## Indicators to watch

- Russian security personnel or contractors reported at Malian bases (this would overturn
  key judgment 4).
- New Russian arms contracts or training agreements with Sahel governments.
- Mining or nuclear agreements between Mali's transitional authorities and Russian firms.
- French statements on Russian activity in Mali, and any Chinese comment on Russia's role.

## Source note

This briefing rests on one open-source analysis, Samuel Ramani's for the Foreign Policy
Research Institute (23 September 2020), graded **B** (usually reliable): its dated facts
agree with wide contemporaneous reporting, and its forecasts are the author's. Two details
need checking before reuse. The article calls Oleg Morozov a State Duma member, while
Russian media reporting his denial called him a senator; and it names Rosatom's French rival
“Avenda”, a company we cannot identify (France's uranium miner in the Sahel is Orano,
formerly Areva).""",
    "status": PublicationStatus.PUBLISHED,
    "published_at": datetime.datetime(2020, 9, 25, 10, 0, tzinfo=datetime.UTC),
}


# --- The loader ----------------------------------------------------------------------


def _matches(instance: Model, values: dict) -> bool:
    """Whether the row already holds `values`; foreign keys are compared by id, without a query."""
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.many_to_one and name != field.attname:
            if getattr(instance, field.attname) != (value.pk if value is not None else None):
                return False
        elif getattr(instance, name) != value:
            return False
    return True


class _Sync:
    """Brings rows to the data's values, writing only what differs, and counts the writes."""

    def __init__(self):
        self.written = 0

    def row(self, model: type[Model], lookup: dict, values: dict) -> Model:
        instance = model._default_manager.filter(**lookup).order_by("pk").first()
        if instance is None:
            instance = model(**lookup)
        elif _matches(instance, values):
            return instance
        for name, value in values.items():
            setattr(instance, name, value)
        self.save(instance)
        return instance

    def rows_of(self, model: type[Model], parent: dict, wanted: list[dict], key: tuple[str, ...]) -> None:
        """Make `parent`'s rows of `model` exactly `wanted`, matched on the fields in `key`."""
        existing = {tuple(getattr(row, name) for name in key): row for row in model.objects.filter(**parent)}
        for values in wanted:
            row = existing.pop(tuple(values[name] for name in key), None)
            if row is None:
                row = model(**parent, **values)
            elif _matches(row, values):
                continue
            else:
                for name, value in values.items():
                    setattr(row, name, value)
            self.save(row)
        for row in existing.values():
            row.delete()
            self.written += 1

    def many(self, manager, objects) -> None:
        if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in objects}:
            manager.set(objects)
            self.written += 1

    def save(self, instance: Model) -> None:
        # The same validation as the admin's forms, so the demo obeys the analysts' rules.
        instance.full_clean()
        instance.save()
        self.written += 1


def _demo_user(sync: _Sync, *, with_demo_user: bool):
    """The briefing's author. Only `with_demo_user` gives it a password; a plain load
    leaves an existing password alone, so reloading never locks the account out."""
    user = get_user_model()._default_manager.filter(username=DEMO_USERNAME).first()
    created = user is None
    if created:
        user = get_user_model()(username=DEMO_USERNAME)
        user.set_unusable_password()
    changed = created
    wanted = {"first_name": "Demo", "last_name": "Analyst"}
    if with_demo_user:
        wanted |= {"is_active": True, "is_staff": True, "is_superuser": True}
    for name, value in wanted.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    if with_demo_user and not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        changed = True
    if changed:
        sync.save(user)
    return user


def load_demo_briefing(*, with_demo_user: bool = False) -> dict:
    """Load the curated demo briefing, or bring it back to the curation; a second run writes nothing."""
    sync = _Sync()
    with transaction.atomic():
        author = _demo_user(sync, with_demo_user=with_demo_user)
        countries = {country.iso2: country for country in Country.objects.filter(iso2__in=COUNTRIES)}
        missing = set(COUNTRIES) - set(countries)
        if missing:
            raise Country.DoesNotExist(f"ISO countries not loaded (run migrate): {sorted(missing)}")

        source = sync.row(Source, {"url": SOURCE["url"]}, {**SOURCE, "full_text": ""})
        excerpts = {
            key: sync.row(
                Excerpt,
                {"source": source, "text": data["text"]},
                {"start": data["start"], "end": data["end"], "credibility": data["credibility"]},
            )
            for key, data in EXCERPTS.items()
        }
        # Excerpts no longer in the curation would be quotations the project no longer
        # means to ship.
        for stale in source.excerpts.exclude(pk__in=[excerpt.pk for excerpt in excerpts.values()]):
            stale.delete()
            sync.written += 1

        actors = {}
        for data in ACTORS:
            actor = sync.row(
                Actor,
                {"slug": data["slug"]},
                {
                    "name": data["name"],
                    "kind": data["kind"],
                    "role_title": data.get("role_title", ""),
                    "parent": actors[data["parent"]] if data.get("parent") else None,
                    "description": data["description"],
                },
            )
            sync.many(actor.countries, [countries[iso2] for iso2 in data.get("countries", [])])
            sync.rows_of(
                ActorAlias,
                {"actor": actor},
                [{"name": alias} for alias in data.get("aliases", [])],
                key=("name",),
            )
            actors[data["slug"]] = actor

        events = {}
        for data in EVENTS:
            event = sync.row(
                Event,
                {"slug": data["slug"]},
                {
                    "title": data["title"],
                    "date": data["date"],
                    "date_precision": data["date_precision"],
                    "end_date": data.get("end_date"),
                    "kind": data["kind"],
                    "country": countries[data["country"]],
                    "place": data.get("place", ""),
                    "description": data["description"],
                },
            )
            sync.rows_of(
                EventActor,
                {"event": event},
                [{"actor_id": actors[slug].pk, "role": role} for slug, role in data["actors"]],
                key=("actor_id", "role"),
            )
            sync.many(event.excerpts, [excerpts[key] for key in data["excerpts"]])
            events[data["slug"]] = event

        judgments = []
        for data in JUDGMENTS:
            # Outcome fields are left alone: they are recorded after the horizon, not curated here.
            assessment = sync.row(
                Assessment,
                {"statement": data["statement"]},
                {
                    "likelihood": data["likelihood"],
                    "probability": None,
                    "confidence": data["confidence"],
                    "horizon": data["horizon"],
                    "rationale": data["rationale"],
                    "rationale_html": render_markdown(data["rationale"]),
                    "assumptions": data["assumptions"],
                    "alternatives": data["alternatives"],
                },
            )
            sync.many(assessment.countries, [countries[iso2] for iso2 in data["countries"]])
            sync.many(assessment.actors, [actors[slug] for slug in data["actors"]])
            sync.many(assessment.evidence_events, [events[slug] for slug in data["events"]])
            sync.many(assessment.evidence_excerpts, [excerpts[key] for key in data["excerpts"]])
            judgments.append(assessment)

        # The seed records a briefing published in 2020, so its status is written as data
        # rather than walked through the editorial workflow.
        briefing = sync.row(
            Briefing,
            {"slug": BRIEFING_SLUG},
            {**BRIEFING, "body_html": render_markdown(BRIEFING["body"])},
        )
        sync.rows_of(
            KeyJudgment,
            {"briefing": briefing},
            [{"assessment_id": assessment.pk, "order": n} for n, assessment in enumerate(judgments, 1)],
            key=("assessment_id",),
        )
        sync.many(briefing.countries, list(countries.values()))
        sync.many(briefing.actors, list(actors.values()))
        sync.many(briefing.events, list(events.values()))
        sync.many(briefing.sources, [source])
        sync.many(briefing.authors, [author])
        # The demo was last revised when it was published in 2020, not on the day it is loaded.
        if briefing.updated_at != briefing.published_at:
            Briefing.objects.filter(pk=briefing.pk).update(updated_at=briefing.published_at)
            briefing.refresh_from_db()

    return {
        "briefing": briefing.slug,
        "sources": 1,
        "excerpts": len(excerpts),
        "countries": len(countries),
        "actors": len(actors),
        "events": len(events),
        "judgments": len(judgments),
        "rows_written": sync.written,
        "demo_user": author.get_username(),
        "demo_user_can_sign_in": author.is_active and author.is_staff and author.has_usable_password(),
    }


def demo_judgment(key: str) -> Assessment:
    """The loaded assessment for a judgment's `key` in JUDGMENTS, e.g. "no-pmcs-in-the-sahel"."""
    statement = next(data["statement"] for data in JUDGMENTS if data["key"] == key)
    return Assessment.objects.filter(statement=statement).order_by("pk").first()
