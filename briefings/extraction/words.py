"""Word lists the actor recogniser reads: English words that start sentences or stand
capitalised without being names, the titles that precede a person's name, and the head
words that make a capitalised phrase an organisation (with the kind they suggest)."""


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Capitalised at the start of a sentence, or as adjectives ("Islamist", "Western"), these
# are not names. The list favours the prose of news and analysis.
COMMON_WORDS = _words(
    """
a about above according across actually after afterwards again against ago ahead all
almost alone along already also although always amid among amongst an and another any
anyone anything apart apparently are around as at away back based be because become
been before behind being below beneath beside besides between beyond both brief briefly but
by can cannot certainly clearly consequently could currently despite did do does doing done
down due during each earlier early either else elsewhere enough especially even eventually
ever every everyone everything evidently except far few finally first following for formerly
forth from further furthermore given had has have having he hence her here hereby herein
hers herself him himself his how however i if immediately importantly in including indeed
initially inside instead into is it its itself just last later lately least less let like
likewise many may maybe meanwhile might mine more moreover most mostly much must my myself
namely near nearly neither never nevertheless next no nobody none nonetheless nor not nothing
now nowhere of off often on once one only onto or other others otherwise our ours ourselves
out outside over overall own perhaps please plus possibly previously probably quite rather
really recently regardless reportedly same second seemingly several shall she should
similarly simply since so some somehow someone something sometimes somewhat soon still
subsequently such supposedly than that the their theirs them themselves then there thereby
therefore these they third this those though through throughout thus to today together
tomorrow too toward towards twice under undoubtedly unless unlike unlikely until up upon us
very via was we well were what whatever when whenever where whereas wherever whether which
while who whoever whole whom whose why will with within without would yes yesterday yet you
your yours yourself
ultimately admittedly arguably notably crucially interestingly ironically paradoxically
surprisingly unsurprisingly fortunately unfortunately additionally alternatively conversely
specifically generally typically traditionally historically officially publicly privately
prominent prominently senior junior former current recent new old young top leading major
minor key main chief principal local regional national international global foreign
domestic military political economic diplomatic strategic security civil civilian public
private official unofficial independent opposition rival allied hostile friendly powerful
influential growing rising increasing declining continued continuing ongoing renewed
further additional various numerous multiple certain particular specific general overall
entire total full partial complete initial final late early recent future past present
western eastern northern southern central islamist islamic jihadist jihadi muslim christian
catholic protestant orthodox sunni shia shiite arab soviet communist socialist democratic
republican liberal conservative nationalist separatist secular religious ethnic tribal
another analysts observers critics experts officials sources reports protesters demonstrators
residents witnesses citizens voters leaders troops soldiers forces rebels militants
insurgents fighters authorities government governments
state states country countries nation nations people peoples world region regions
like unlike amid despite following given including regarding concerning considering
critics supporters proponents opponents some many most few both each either neither all
any none no not one two three four five six seven eight nine ten hundreds thousands
millions dozens
officers members representatives elements units delegates envoys generals ministers diplomats
commanders spokesmen staff personnel workers employees managers executives negotiators
parts members groups factions units segments remnants supporters allies partners neighbours
neighbors talks negotiations attacks clashes protests elections sanctions plans efforts
why what how who where when which whom whose whichever
this that these those there here
since because although though while whereas unless until once if whether
yet still already also even just only mainly largely partly primarily mostly
breaking update updated exclusive analysis opinion commentary editorial interview
photo video image caption credit source sources read more share comment comments
note notes summary conclusion introduction background context overview abstract
keywords references bibliography acknowledgements appendix figure table chapter section
part page
"""
)

# Titles that stand before a name, capitalised ("President Ibrahim Boubacar Keita").
TITLE_WORDS = _words(
    """
president vice-president president-elect minister ambassador secretary secretary-general
chancellor king queen prince princess emir sheikh sultan general gen colonel col lieutenant
lt major maj captain capt admiral adm marshal commander chief director chairman chairwoman
chairperson chair spokesman spokeswoman spokesperson senator sen representative rep governor
gov mayor deputy speaker pope cardinal bishop archbishop imam ayatollah mr mrs ms dr prof
professor sir lord lady judge justice envoy commissioner premier leader head ceo sergeant sgt
brigadier lieutenant-colonel lieutenant-general major-general mp ambassador-designate
ministers officer counsellor counselor councillor councilor consul attache chancellor
secretary-general under-secretary undersecretary commissioner ombudsman prosecutor
"""
)

# Lower-case role nouns that put a name after them ("State Duma member Oleg Morozov").
ROLE_NOUNS = _words(
    """
member leader head chief spokesman spokeswoman spokesperson minister president ambassador
envoy commander official adviser advisor general colonel director chairman chairwoman
founder secretary deputy lawmaker senator diplomat candidate premier governor mayor officer
ceo boss activist politician journalist researcher analyst expert scholar professor figure
opponent critic representative legislator mp delegate negotiator mediator warlord strongman
ruler monarch king prince emir cleric imam correspondent editor reporter
economist historian author writer aide lieutenant captain major sergeant
"""
)

# Head words that make a capitalised phrase an organisation, with the kind they suggest.
ORGANISATION_HEADS: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "forces force army navy guard guards gendarmerie corps legion brigade battalion regiment military "
            "command"
        ),
        "armed_force",
    ),
    **dict.fromkeys(_words("front militia brigades brotherhood rebels mujahideen jamaat"), "armed_group"),
    **dict.fromkeys(_words("party"), "political_party"),
    **dict.fromkeys(
        _words(
            "ministry government council committee cabinet parliament assembly senate duma congress "
            "presidency office department agency service services directorate administration court "
            "tribunal police junta secretariat kremlin commission authority fund"
        ),
        "state",
    ),
    **dict.fromkeys(
        _words("nations union community organization organisation league alliance coalition bloc"),
        "international_organisation",
    ),
    **dict.fromkeys(
        _words(
            "company corporation corp inc ltd llc plc holdings group industries airlines airways motors "
            "petroleum oil gas mining resources technologies systems bank energy"
        ),
        "company",
    ),
    **dict.fromkeys(
        _words(
            "times post journal news gazette herald tribune telegraph guardian observer radio television "
            "tv broadcasting press magazine review daily channel"
        ),
        "media",
    ),
    **dict.fromkeys(_words("operation initiative program programme plan project mission"), "programme"),
    **dict.fromkeys(
        _words(
            "college institute university academy school foundation association society center centre "
            "church movement network forum"
        ),
        "other",
    ),
}
# Head words that come first and take a name after them ("Operation Barkhane").
HEAD_INITIAL = {"operation"}
# Words in an organisation's name that mark it international rather than national.
INTERNATIONAL_MARKERS = {
    "international", "intergovernmental", "world", "global", "united", "nations", "african", "european", "regional", "un", "eu",
    "au", "nato", "ecowas",
}  # fmt: skip

# Place heads: "Independence Square" is a place, not an actor.
PLACE_HEADS = _words(
    """
square street avenue road boulevard bridge airport palace river lake mountain mountains
mount desert sea ocean gulf bay island islands province region district city valley park
stadium hotel hall camp base prison hospital port canal strait peninsula county town
village forest coast border basin delta plateau highway route market mosque cathedral
cape shoal shoals reef reefs atoll cay islet archipelago dam pipeline railway corridor
terminal refinery oilfield
"""
)
# Lower-case nouns after which a capitalised name is a place: "near Reed Bank", "the
# village of Nerkin Hand", "Armenia's Syunik province".
LOCATIVE_BEFORE = _words("near off along outside around across beyond")
PLACE_NOUNS = _words(
    """
village villages town towns city cities region regions province provinces district districts
port island islands enclave area county municipality governorate prefecture oblast territory
capital coast outskirts suburb neighbourhood neighborhood commune state valley river
"""
)

# Portfolios in a title ("Assistant Secretary of State for African Affairs"): capitalised,
# but never part of a person's name.
PORTFOLIO_WORDS = _words(
    """
affairs defence defense interior justice finance treasury foreign development trade
commerce energy health education agriculture environment transport security intelligence
information communications culture tourism labour labor industry planning economy
immigration housing infrastructure fisheries mines petroleum relations cooperation
"""
)

# Given names that are also English words: a name only where the capital cannot be the
# sentence's ("said Will Tan", not "Will the alliance hold?").
GIVEN_NAME_WORDS = _words(
    "will mark may bill rose grace hope joy faith frank grant dean drew ray pat sue jack guy chase hunter"
)

# Words after a polity's possessive that make it one: "Somaliland's president".
GOVERNMENT_WORDS = _words(
    "president government prime parliament cabinet army military foreign defence defense leader authorities administration regime junta ruling"
)

# Ship prefixes and vessel nouns: the name after them is a ship, not an actor.
SHIP_PREFIXES = _words("HMS USS USNS HMAS HMCS HMNZS INS BRP MV MT RFS TCG ROKS KRI PNS HNLMS")
VESSEL_NOUNS = _words(
    "warship frigate destroyer corvette cruiser submarine tanker freighter trawler vessel ship"
)

# Heads of things that happen or are signed, not actors ("Paris Agreement", "Arab Spring").
THING_HEADS = _words(
    """
war wars agreement agreements accord accords treaty treaties summit spring revolution crisis day
declaration act law laws convention protocol games cup prize award olympics doctrine era
age dynasty empire period talks process conference elections election referendum coup
strategy policy resolution charter constitution code consensus format
"""
)

# Connectors allowed inside an organisation's name ("Committee for the Salvation of the People").
CONNECTORS = {
    "of", "for", "the", "and", "de", "du", "des", "la", "le", "on", "against", "to", "del", "di", "das", "los", "las",
}  # fmt: skip
# Particles inside a person's name ("Osama bin Laden", "Ursula von der Leyen").
NAME_PARTICLES = {
    "bin",
    "ben",
    "al",
    "el",
    "ibn",
    "abu",
    "van",
    "von",
    "der",
    "den",
    "de",
    "da",
    "dos",
    "ould",
    "ag",
    "wal",
    "wa",
}

# Cues around a single capitalised word that make it a company or a media outlet.
KIND_CUES_BEFORE = {
    **dict.fromkeys(
        _words(
            "company firm giant conglomerate corporation miner producer operator contractor "
            "manufacturer supplier exporter importer bank lender insurer group"
        ),
        "company",
    ),
    **dict.fromkeys(
        _words(
            "outlet broadcaster newspaper daily agency channel network magazine website tabloid weekly radio"
        ),
        "media",
    ),
    **dict.fromkeys(_words("militia"), "armed_group"),
    **dict.fromkeys(_words("consultancy"), "company"),
    **dict.fromkeys(_words("mission operation programme program initiative"), "programme"),
    "counterpart": "",  # the kind of the actor it is the counterpart of
}
# Cue nouns that also name the thing in apposition ("its own mission, Aspides,").
APPOSITION_CUES = _words(
    "company firm giant newspaper broadcaster outlet channel mission operation programme initiative"
)
# Plural cue nouns before a list ("shipping firms such as Maersk and Hapag-Lloyd").
LIST_CUES = {
    **dict.fromkeys(
        _words("firms companies groups conglomerates miners producers operators contractors lenders banks"),
        "company",
    ),
    **dict.fromkeys(_words("outlets newspapers broadcasters channels media"), "media"),
    **dict.fromkeys(_words("militias"), "armed_group"),
    **dict.fromkeys(_words("parties"), "political_party"),
}
# Lower-case nouns right after a name that make it something other than a person:
# "Yemen's Ansar Allah movement", "the Addis Standard newspaper", "the Georgian Dream party".
KIND_CUES_AFTER = {
    **dict.fromkeys(
        _words("newspaper daily weekly broadcaster outlet channel website magazine agency"), "media"
    ),
    **dict.fromkeys(_words("party"), "political_party"),
    **dict.fromkeys(_words("militia rebels insurgents"), "armed_group"),
    **dict.fromkeys(_words("company firm group conglomerate corporation"), "company"),
    **dict.fromkeys(_words("programme program initiative mission operation"), "programme"),
    **dict.fromkeys(_words("movement organisation organization network coalition"), "other"),
}
MEDIA_CUE_PHRASES = (
    "interview with",
    "interview to",
    "interviewed by",
    "told",
    "according to",
    "reported by",
    "quoted by",
    "speaking to",
    "speaking with",
    "wrote in",
    "writing in",
    "published in",
    "broadcast on",
    "aired on",
)
MEDIA_CUE_AFTER = ("reported", "reports", "reporting", "quoted", "broadcast")

# Acronyms that are words of the trade, not actors.
NON_ACTOR_ACRONYMS = _words(
    """
GDP GNP CEO CFO COO CTO PhD MP MPs TV PM AM OK USD EUR FOB UAV UAVs IED IEDs PMC PMCs HIV
AIDS COVID NGO NGOs CSO CSOs ID IDs IT AI PR HQ VIP FAQ PDF URL HTML CV ISBN DNA WMD WMDs
ICBM ICBMs SAM SAMs APC APCs RPG RPGs AK EU-27 QA UN-led DPhil BA MA MSc MBA LLM JD GMT UTC
BCE CE BC AD CIA-backed II III IV VI VII VIII IX XI XII XX XXI
"""
)

# Major news organisations, named without a cue as often as with one ("Al Jazeera
# reported", "told Reuters"); a two-word name here is an outlet, not a person.
KNOWN_MEDIA = frozenset(
    """
reuters;associated press;agence france-presse;afp;bloomberg;al jazeera;al arabiya;bbc;
bbc news;cnn;fox news;rfi;radio france internationale;france 24;deutsche welle;voice of america;
sputnik;rt;russia today;tass;ria novosti;interfax;xinhua;global times;people's daily;cgtn;
kyodo;yonhap;anadolu;the new york times;new york times;the washington post;washington post;
the wall street journal;wall street journal;financial times;the guardian;the economist;
le monde;jeune afrique;the times;the telegraph;politico;axios;nikkei;al-monitor;middle east eye;
the hindu;dawn;daily maverick;premium times;punch;the east african;ap
""".replace("\n", "").split(";")
) - {""}
