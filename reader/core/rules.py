"""The overlay's word lists and weights, named in one place.

Every rule here must hold for English news in general, not for one article:
the lists are closed-class words (titles, heads, prepositions) and the
weights say how much a kind of evidence counts in the per-article vote.
"""

from __future__ import annotations

import re

# --- evidence weights (the one-sense vote) ------------------------------------------------

MODEL_VOTE = 1.0  # one model span of a name
STRONG_CUE_VOTE = 2.0  # a span whose kind a strong cue fixed ("Brigade" in it, a title before it)
BUSINESS_VOTE = 6.0  # a company's cue ("X shares fell") on a name that starts with no given name
WEAK_CUE_VOTE = 0.5  # a preposition before a name ("in X" hints at a place)
# The model's label of a name in the headline: title case and no sentence around it
# make it a guess ("Aid convoy reaches Baidoa" read Baidoa as a person).
HEADLINE_VOTE = 0.5
COORDINATION_VOTE = 1.0  # "X and Y": Y is likely of X's kind
KNOWLEDGE_VOTE = 100.0  # the user's knowledge outweighs any amount of model evidence
CITY_VOTE = 1.5  # per mention of a known town's name (a GeoNames city that is nobody's name)
TEXT_ALIAS_VOTE = 50.0  # "Long Name (ACR)" and a surname after a full name

# --- boundaries ------------------------------------------------------------------------------

# Hyphenated prefixes that are not part of the name ("pro-Hezbollah").
NAME_PREFIXES = ("pro", "anti", "ex", "non", "post", "pre", "neo", "pan")

# Plain nouns whose possessive is part of a name ("People's Liberation Army",
# "Kurdistan Workers' Party"), unlike a country's ("Iran's Quds Force").
# Office-holders whose office is an institution's name: "the Attorney General's Office".
OFFICE_HOLDERS = frozenset(
    """attorney general sheriff prosecutor governor mayor examiner auditor comptroller
    controller solicitor registrar inspector coroner president premier minister
    commissioner treasurer ombudsman""".split()
)
NAME_POSSESSIVES = frozenset(
    """people peoples workers women woman men children martyrs citizens farmers mothers
    veterans students youth traders nations god saint st lord lords doctors nurses
    teachers journalists king queen prince princess duke duchess fishermen""".split()
)

# Holidays and seasons of the year: "after Easter", "at Christmas" (a date, not a place).
# ... and "Opposition" alone ("Opposition lawmakers walked out"): no one's name.
NEVER_NAMES_ALONE = frozenset(
    """easter christmas christmastime ramadan eid diwali thanksgiving hanukkah hanukah
    passover lent advent halloween pentecost whitsun michaelmas opposition covid covid-19
    ebola zika mpox olympic olympics paralympic paralympics finals""".split()
) | {"grand slam"}

# Universities called "<town> State", beyond the states' own ("Oregon State").
STATE_COLLEGES = frozenset(
    name.strip()
    for name in """boise, san diego, fresno, san jose, kent, ball, penn, wichita, youngstown,
    sacramento, jacksonville, kennesaw, murray, morehead, sam houston, appalachian, norfolk,
    jackson, alcorn, grambling, portland, weber, cleveland, wright, chicago, long beach, mcneese,
    nicholls, savannah, coppin, delaware, tarleton, south carolina, north dakota,
    south dakota, new mexico, kansas, iowa, ohio, michigan, florida, oklahoma, oregon,
    washington, arizona, colorado, utah, montana, idaho, georgia, mississippi, missouri,
    texas, arkansas, louisiana, illinois, indiana, tennessee, alabama""".split(",")
)

# Of those, the ones that are no word, place or common first name: a person wherever
# they stand alone, whatever the model said ("Meloni" is no place, "Xi" no blank).
FAMOUS_SURNAMES_ALONE = frozenset(
    """putin zelensky zelenskyy xi modi erdogan macron scholz meloni starmer sunak trump
    biden obama netanyahu khamenei pezeshkian lula milei bolsonaro ramaphosa ruto tinubu
    buhari sisi guterres kishida ishiba albanese trudeau orban lukashenko assad maduro
    sheinbaum jokowi prabowo duterte zuckerberg""".split()
)
# Surnames that news uses alone for the world's leaders of 2015-2025, as "Putin said":
# those above, and those that are also words, places or first names (a person's only
# where the model says so).
FAMOUS_SURNAMES = FAMOUS_SURNAMES_ALONE | frozenset(
    """erdoğan merz truss harris raisi abe yoon carney sanchez sánchez orbán kim obrador
    widodo marcos shehbaz imran sharif hasina yunus musk bezos""".split()
)

MAX_NAME = 200  # longer "names" are model noise; they would also deepen the regex tree

# --- kind from context ---------------------------------------------------------------------

# A noun right after a name that says the name is an organisation's: "al-Nujaba
# militia", "Al-Akhbar daily" — even when the model thought it a place.
GROUP_HEADS = frozenset(
    """militia militias movement group groups party faction factions brigade brigades
    organisation organization newspaper daily network front coalition alliance company
    corporation battalion channel broadcaster outlet hackers gang gangs""".split()
)
# Nouns that follow a country as readily as an organisation ("US forces", "Iraqi
# government"): they only move a name that is not a place.
WEAK_GROUP_HEADS = frozenset(
    """army forces council ministry agency union bank committee authority government
    regime rebels insurgents unit units commission court parliament""".split()
)
# Words that make a name an organisation whatever the model said ("African Union").
STRONG_GROUP_WORDS = frozenset(
    """army brigade brigades battalion corps council party front movement ministry
    committee commission authority agency organisation organization union alliance
    coalition league federation association institute university company corporation
    militia parliament assembly senate congress hezbollah hizbullah hizballah
    harakat hizb jaysh jaish kata'ib liwa ansar jabhat orchestra philharmonic symphony
    choir ensemble cartel foundation department dept dept. schools""".split()
)
# Capitalised words that are given names but also begin companies and institutions
# ("Royal Caribbean", "General Motors", "Grand Hyatt"): no sign of a person.
NOT_GIVEN_NAMES = frozenset("royal general grand national central great saint".split())
# Words that open a news sentence or label and that the model takes for a person's name
# ("Turnout was 61%", "Attendance: 11,486", "Verdict: ..."): English words, no one's name.
SENTENCE_OPENING_WORDS = frozenset(
    """turnout attendance verdict explainer updated analysis map photos video listen
    correction landslides meteorologists forecasters investors analysts officials
    authorities residents correspondent critics supporters protesters organisers
    organizers lawmakers prosecutors researchers scientists voters inflation
    unemployment flooding temperatures""".split()
)
# Words that make a name an organisation unless the model thought it a place
# ("West Bank", "Gaza Strip" stay places).
WEAK_GROUP_WORDS = frozenset(
    """group force forces guard guards police service services network times post news
    press bank court""".split()
)
PLACE_HEADS = frozenset(
    """region province district city town village camp camps county valley river
    airport port base crossing governorate mountains desert strait building bridge mosque
    square checkpoint neighbourhood neighborhood circuit racecourse racetrack volcano
    island""".split()
)
PLACE_BEFORE = frozenset("""in near around across outside inside towards toward into""".split())
PLACE_OF = re.compile(
    r"\b(?:town|city|village|region|province|district|capital|port|county|camp|area|island|"
    r"governorate|state|(?:north|south|east|west)(?:east|west)?(?:ern)?|outskirts|"
    r"[Ss]ultan|[Ee]mir|[Kk]ing|[Qq]ueen|[Mm]ayor|[Gg]overnor)\s+of\s+$"
)
# "the Chechen capital Grozny", "the port city Odesa": a place noun right before a name.
PLACE_NOUN_BEFORE = re.compile(
    r"(?<![Vv]enture )(?<![Ss]ocial )\b(?:capital|town|village|city|port|suburb|province|"
    r"district|county|island|region|enclave|oblast|governorate)\s+$"
)
PERSON_TITLES = frozenset(
    """president minister ministers premier chancellor general gen. gen colonel col.
    major captain lieutenant commander sheikh shaykh ayatollah imam cleric king
    queen prince princess emir sultan mr mr. mrs mrs. ms ms. dr dr. spokesman
    spokeswoman spokesperson leader chief secretary ambassador envoy senator
    governor mayor judge pope rabbi hajiya alhaji mallam treasurer pastor reverend rev.
    bishop archbishop cardinal cllr cllr. councillor councilor councilman councilwoman
    alderman alderwoman sir dame sheriff undersheriff constable prof prof. professor
    pro tem tempore""".split()
)
MAX_TITLED_NAME_WORDS = 4  # "President X Y Z" is a person; a longer span is not a name
# Only "and"/"or" coordinate: a bare comma also separates a place from a building
# ("Paris, Elysee Palace") or a name from its description.
COORDINATION = re.compile(r",? (?:and|or) ")

# Numbered military units ("the 12th Brigade", "101st Airborne Division"): the
# model tags the ordinal alone as ORDINAL, which is not shown.
UNIT = re.compile(
    r"\b\d{1,3}(?:st|nd|rd|th)(?: [A-Z][a-z]+){0,2} "
    r"(?:Brigade|Division|Regiment|Battalion|Corps|Army|Fleet|Squadron|Wing)s?\b"
)

# --- names defined by the text ----------------------------------------------------------------

ACRONYM_DEF = re.compile(r"\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")

# People whom news calls by their initials; other capitals a model reads as a name are
# an organisation's ("BJD", "KJF").
PEOPLE_BY_INITIALS = frozenset("JFK RFK LBJ FDR MLK AOC MBS MBZ MBN OJ".split())

# Capitalised words that are far more often not a surname ("in May", "on Friday").
AMBIGUOUS_WORDS = frozenset(
    """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday will mark bill
    rose grace hope faith joy young new north south east west""".split()
)
NAME_SUFFIXES = frozenset("jr sr ii iii iv v".split())
# Arabic articles that start a name in lower case ("al-Sudani").
LOWER_NAME_STARTS = ("al-", "el-", "as-", "ad-")

# --- added for news in general (issue 7) -----------------------------------------------------

# Abbreviations whose final period belongs to the name ("Jr.", "Minn.", "St."); runs of
# single letters with periods ("U.S.", "U.N.", "N.Y.") are recognised by shape.
ABBREVIATIONS = frozenset(
    """jr sr st mt ft inc corp co ltd bros dept univ gov sen rep ave blvd rd hwy pkwy
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss
    mo mont neb nev okla ore pa tenn tex va vt wash wis wyo""".split()
)

# US states with their postal codes, Canadian provinces' codes and AP-style abbreviations:
# after "City, " each is a place ("Tampa, FL", "Toronto, ON", "Buffalo, N.Y.").
US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}  # fmt: skip
REGION_CODES = frozenset(US_STATES) | frozenset("ON QC BC AB MB SK NS NB NL PE".split())
AP_STATES = frozenset(
    """Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass.
    Mich. Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa.
    R.I. S.C. S.D. Tenn. Tex. Vt. Va. Wash. W.Va. Wis. Wyo. D.C.
    Alaska Hawaii Idaho Iowa Maine Ohio Texas Utah""".split()
)
# "Rep. Jane Doe (D-Minn.)" or "Jane Doe, D-Minn.,": the party letter is a group, the state a place.
PARTY_STATE = re.compile(r"(?:\(|, )(?P<party>[DRI])-(?P<state>[A-Z][A-Za-z.]{1,6})(?=[),])")

# Months: a span with a month and a number is a date, not a name ("July 25").
MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

# A minister's portfolio before the title is not a name: "Defense Minister Andrei Belousov".
PORTFOLIOS = frozenset(
    """defense defence finance foreign interior health justice energy trade economy
    economic education transport environment agriculture labour labor culture home
    treasury commerce industry housing""".split()
)
# Titles that make a name whatever label the model gave it: "King Felipe VI" (an ORG
# to the model) is a person. Not "General" or "Major": "General Motors".
RULING_TITLES = frozenset(
    """king queen prince princess president senator governor mayor judge justice pope
    sheikh emir sultan ayatollah imam chancellor""".split()
)
# A role and a comma before a name: "the EU's crisis commissioner, Janez Lenarcic".
ROLE_COMMA = re.compile(
    r"\b(?:minister|commissioner|spokes(?:man|woman|person)|director|chief|head|leader|"
    r"chairman|chairwoman|chair|president|secretary|governor|mayor|ambassador|envoy|analyst|"
    r"economist|professor|researcher|official|lawyer|attorney|judge|coach|manager|captain|"
    r"founder|executive|editor|reporter|correspondent|diplomat|negotiator|adviser|advisor), $"
)

# Days: a capitalised word after a name that is a day is not part of the name.
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# The last word of an institution's name that may go on with "for" or "of" and more
# capitalised words: "U.S. Agency for International Development", "the Association for
# Computing Machinery", "Centers for Disease Control and Prevention".
INSTITUTION_HEADS = frozenset(
    """agency association board bureau center centers centre commission committee council
    court department federation foundation fund institute institutes ministry office
    organization organisation society authority administration academy alliance
    coalition corporation union league service appeals university college school transport
    archdiocese diocese dicastery secretariat congregation group""".split()
)

# Lower-case words that may sit inside a name ("Bank of America", "Customs and Border
# Protection", "Abu Bakr al-Baghdadi"); any other lower-case word inside a model span
# means it ran two names together ("Garrett hit Rudolph").
NAME_CONNECTORS = frozenset(
    """of and for the de del della der den di da do dos das du des la le van von y bin ibn
    bint al el at on in upon under am zu e of-the""".split()
)

# A named facility: a name ending in one of these is a place ("Bridgestone Arena",
# "Indiana Statehouse", "Chaoyang Hospital"), even when the model said group.
FACILITY_HEADS = frozenset(
    """airport amphitheatre amphitheater arena stadium ballpark coliseum colosseum dome
    pavilion theatre theater playhouse statehouse capitol hospital clinic museum embassy
    consulate palace castle cathedral basilica mosque church temple synagogue shrine
    bridge tunnel dam prison jail penitentiary mall plaza tower towers hotel casino
    bowl speedway raceway racecourse gardens garden field forest woods plant factory
    refinery aquarium zoo library resort building buildings station ballroom""".split()
)
# "Center"/"Centre" names a place only after these ("Pepsi Center" is a plain name, but
# "Pew Research Center" is an organisation): a name with them is a venue.
# The last word of a natural feature's or a street's name: a place when the model has
# the whole name ("Thwaites Glacier", "Abu Qir Bay", "Tahrir Square"). Not used to find
# names in capitalised runs, where "Wall Street" would cut "Wall Street Journal".
FEATURE_HEADS = frozenset(
    """glacier bay valley gulf strait peninsula island islands isle lake lakes river canyon
    coast beach harbour harbor cape delta basin plateau volcano square lane avenue boulevard
    citadel bazaar quay wharf pier promenade park street highway motorway falls parkway
    drive expressway turnpike ave ave. blvd blvd. rd. pkwy pkwy. hwy hwy. range
    mountains hills road marg chowk bhavan bhawan niwas""".split()
)
# The last word of an institution's name, for names the model missed entirely
# ("Jet Propulsion Laboratory", "Colombian Episcopal Conference").
INSTITUTION_ENDS = frozenset(
    """laboratory laboratories institute conference council commission committee association
    federation foundation society university college academy agency authority bureau
    ministry union party corporation""".split()
)
# Words that start a role after an institution's name: "Drug Enforcement Administration
# Special Agent Jo Pike" ends the name before "Special".
ROLE_STARTS = frozenset("special senior deputy acting chief assistant former executive".split())
# ... and of a region's: "Volta Region", "Cochise County".
REGION_HEADS = frozenset("region province county governorate prefecture oblast".split())
# The first word of a natural feature's name: "Mount Marapi", "Lake Chad".
# Also the words that start them in languages news quotes place names in ("Rua
# Direita", "Praia do Norte", "Lago di Como") and forts and camps ("Fort Bragg").
FEATURE_PREFIXES = frozenset(
    """mount mt. lake cape isle gulf fort forte camp rua praia lagoa castelo playa calle
    avenida piazza rue lago monte isla ilha pousada river loch sierra paseo museum
    rifugio passo museu igreja mosteiro praça largo palácio palazzo
    valle vila bahía linha""".split()
)
FACILITY_CENTRE_WORDS = frozenset(
    """music arts performing convention events event exhibition sports medical shopping
    trade civic aquatic conference""".split()
)
FACILITY_STAGES = frozenset("stage forum".split())  # "Budweiser Stage", "the Forum"
MAX_VENUE_WORDS = 7  # "Veterans United Home Loans Amphitheater" and a little more

# Corporate endings a company drops in later mentions: "Lumora Labs" is then "Lumora".
COMPANY_SUFFIXES = frozenset(
    """labs inc inc. corp corp. co co. ltd ltd. llc plc gmbh ag sa holdings developments
    technologies industries enterprises ventures systems software pharmaceuticals pharma
    therapeutics biosciences foods brands""".split()
)
# Words that end a company's or an outlet's name: the name is a group even when it
# begins with a place ("Qatar Airways", "Texas Instruments", "CBS Sports").
COMPANY_WORDS = frozenset(
    """airways airlines airline air motors motor bank bancorp energy group holdings
    capital partners media news sports times post herald tribune telegraph journal
    gazette chronicle inc inc. corp corp. co co. ltd ltd. llc plc gmbh ag sa telecom
    petroleum oil gas foods pharmaceuticals pharma technologies technology systems
    software labs laboratory laboratories communications electric electronics steel mining
    resources brands stores insurance financial securities investments ventures
    entertainment studios records pictures broadcasting network networks railways
    railroad railway rail instruments industries international enterprises racing""".split()
)

# Online services and media brands that news names as companies; the model often
# calls them people or places ("Twitter" as a person).
SERVICE_NAMES = (
    "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "WhatsApp", "Snapchat", "LinkedIn",
    "Reddit", "WeChat", "Weibo", "Google", "Microsoft", "Netflix", "Spotify", "Airbnb",
    "PayPal", "Wikipedia", "Telegram", "Bluesky", "Truth Social", "Getty Images",
    "Shutterstock", "Alamy",
)  # fmt: skip
# Seats of government that news uses for the government itself: groups, not buildings
# ("Downing Street on Monday ruled out an early election").
SEATS_OF_POWER = (
    "White House", "Pentagon", "Kremlin", "Downing Street", "Élysée Palace", "Élysée",
    "Elysee Palace", "Elysee", "Blue House", "Zhongnanhai", "Whitehall",
)  # fmt: skip
# Leagues, tours and governing bodies of sport: groups ("the PGA Tour" is not an event).
SPORTS_BODIES = (
    "Premier League", "Indian Premier League", "Champions League", "Europa League", "La Liga",
    "Serie A", "Bundesliga", "Ligue 1", "Eredivisie", "Major League Soccer",
    "Major League Baseball",
    "NBA", "WNBA", "NFL", "NHL", "MLB", "MLS", "NCAA", "PGA Tour", "LPGA Tour", "DP World Tour",
    "LIV Golf", "ATP", "WTA", "FIFA", "UEFA", "World Rugby", "Eastern Conference",
    "Western Conference",
)  # fmt: skip
# Places the model often passes by in running text ("a flat open on Wall Street").
KNOWN_PLACES = (
    "Wall Street",
    "Silicon Valley",
    "West Bank",
    "Gaza Strip",
    "Soviet Union",
    "Russian Federation",
    "Flushing Meadows",
)
# Groups the news names often that the model misses or calls people ("al-Shabaab").
KNOWN_GROUPS = (
    "Houthis", "Houthi", "Daesh", "al-Shabaab", "Al-Shabaab", "Al Shabaab", "al Shabaab",
    "al-Shabab", "Al-Shabab", "Al Shabab", "Mounties", "Boko Haram", "AMISOM",
    "al Qaeda", "Al Qaeda", "al-Qaida", "Al-Qaida", "Al Qaida",
    "Liberation Tigers of Tamil Eelam", "Tamil Tigers", "El Al",
    # Parties whose names say nothing of a party, and that the model takes for people or
    # places. Not those that are also words or first names ("Vox", "Morena", "Renaissance").
    "Sinn Féin", "Sinn Fein", "Fine Gael", "Fianna Fáil", "Fianna Fail", "Plaid Cymru",
    "Fidesz", "Jobbik", "Likud", "Shas", "Yesh Atid", "Podemos", "Syriza", "Pasok",
    "Ennahda", "Forza Italia", "Fratelli d'Italia", "Vlaams Belang", "Komeito",
    "Kuomintang", "Rashtriya Janata Dal", "Janata Dal", "Trinamool Congress", "Trinamool",
    "Samajwadi Party", "Shiv Sena", "Pakatan Harapan", "Perikatan Nasional", "Golkar",
    "Gerindra", "Pheu Thai", "Bhumjaithai", "Azimio la Umoja", "Azimio", "Kenya Kwanza",
    "Chama Cha Mapinduzi", "Frelimo", "Renamo", "Fatah", "Reform UK",
    "Alternative for Germany", "Alternative für Deutschland", "GroenLinks", "PvdA",
    "Christian Social Union", "Christian Democratic Union", "WHO", "AAP",
    "GroenLinks-PvdA", "Party for the Animals", "Forum for Democracy",
    "Christian Democratic Appeal", "D66", "Rassemblement National", "La France Insoumise",
    "Les Républicains", "Movimento 5 Stelle", "Five Star Movement", "Partido Popular",
    "Sweden Democrats", "Finns Party", "Danish People's Party", "FPÖ", "ÖVP", "SPÖ",
    "Die Linke", "Pakistan Tehreek-e-Insaf", "Pakistan Tehreek-i-Insaf", "Tehreek-e-Insaf",
    "Pakistan Muslim League-Nawaz", "Pakistan Peoples Party", "Muttahida Qaumi Movement",
    "Jamiat Ulema-e-Islam", "Jamaat-e-Islami", "Awami League", "Bangladesh Nationalist Party",
    "Bharatiya Janata Party", "Aam Aadmi Party", "Bahujan Samaj Party", "Telugu Desam Party",
    "Biju Janata Dal", "Dravida Munnetra Kazhagam", "Nationalist Congress Party", "Zanu-PF",
    "Orange Democratic Movement", "All Progressives Congress", "Peoples Democratic Party",
    "Economic Freedom Fighters", "Umkhonto we Sizwe",
    "Andreessen Horowitz",
    "Kleiner Perkins",
    # News outlets and agencies the model passes by or takes for people and places.
    "Le Monde", "Le Figaro", "Le Parisien", "Libération", "Der Spiegel", "Die Zeit",
    "Süddeutsche Zeitung", "Frankfurter Allgemeine", "El País", "El Mundo", "La Repubblica",
    "Corriere della Sera", "La Stampa", "Aftenposten", "Dagens Nyheter", "Helsingin Sanomat",
    "De Telegraaf", "Kommersant", "Vedomosti", "Interfax", "RIA Novosti", "Yonhap", "Kyodo",
    "Asahi Shimbun", "Yomiuri Shimbun", "Mainichi Shimbun", "Caixin", "Xinhua", "Haaretz",
    "Al-Ahram", "Asharq Al-Awsat", "Al Arabiya", "Al-Monitor", "Al Jazeera", "Anadolu",
    "Hürriyet", "Rappler", "Daily Maverick", "News24", "Premium Times", "Folha de S.Paulo",
    "O Globo", "Clarín", "La Nación", "Hollywood Reporter", "Axios", "Politico",
    "Semafor", "TechCrunch", "Bloomberg News", "Deutsche Welle", "France 24", "NHK", "RTÉ",
    "ZDF", "ARD", "TVNZ", "SABC", "NDTV", "Geo News", "ARY News", "Antara", "Bernama",
    "Kompas", "VnExpress", "Tuoi Tre", "Dawn.com",
    # Bodies, movements and armed groups of international news, and parliaments by name.
    "Mercosur", "Interpol", "Europol", "Frontex", "Greenpeace", "Oxfam", "Caritas",
    "Taliban", "Hamas", "Wagner Group", "al-Qaeda", "Al-Qaeda", "Tatmadaw", "Janjaweed", "Fano",
    "Hayat Tahrir al-Sham", "Hashd al-Shaabi", "Kataib Hezbollah", "Médecins Sans Frontières",
    "Doctors Without Borders", "Amnesty International", "Human Rights Watch", "Red Crescent",
    "UNICEF", "UNHCR", "UNRWA", "UNESCO", "OPEC", "ASEAN", "ECOWAS", "IGAD", "SADC", "BRICS",
    "Bundeswehr", "Knesset", "Verkhovna Rada", "Lok Sabha", "Rajya Sabha", "Dáil", "Seanad",
    "Oireachtas", "Storting", "Riksdag", "Sejm", "Folketing", "Bundesrat", "Senedd",
    "Border Patrol", "Group of Seven", "Group of 20",
    # Large companies that no index in the company list holds (state-owned, private,
    # listed elsewhere), under names that are no one's and no word.
    "Alibaba", "Tencent", "Baidu", "ByteDance", "Huawei", "Xiaomi", "Meituan", "Didi",
    "JD.com", "BYD", "CATL", "Nio", "Li Auto", "XPeng", "Geely", "Foxconn", "TSMC", "Samsung",
    "Hyundai", "SK Hynix", "SK hynix", "Infosys", "Wipro", "Gazprom", "Rosneft", "Lukoil",
    "Saudi Aramco", "Aramco", "ADNOC", "QatarEnergy", "Petrobras", "Pemex", "Trafigura",
    "Vitol", "Gunvor", "Cargill", "SpaceX", "OpenAI", "Anthropic", "Databricks", "Revolut",
    "Klarna", "TikTok", "Etihad", "Ryanair", "Sinopec", "PetroChina", "CNOOC", "Minmetals",
    # Unions, universities and research bodies known by a name that says nothing of them.
    "Unison", "GMB", "RMT", "Aslef", "ASLEF", "TSSA", "NASUWT", "Usdaw", "AFL-CIO", "Teamsters",
    "UAW", "SEIU", "Cosatu", "COSATU", "Karolinska", "Karolinska Institutet", "Johns Hopkins",
    "Caltech", "ETH Zurich", "EPFL", "Sciences Po", "Sorbonne", "Fraunhofer", "Inserm", "CNRS",
    "JAXA", "ISRO", "Roscosmos", "CNSA",
)  # fmt: skip
SERVICES = frozenset(
    name.casefold() for name in SERVICE_NAMES + SEATS_OF_POWER + SPORTS_BODIES + KNOWN_GROUPS
)

# A noun before a name that says what it is: "gas company Burisma", "the band X". Not
# "partner", "operator" or "developer": "her partner Sarah Jones", "crane operator Luis".
GROUP_BEFORE = frozenset(
    """company firm group agency newspaper network band team club airline carrier
    startup start-up broadcaster outlet charity party automaker retailer insurer
    bank lender conglomerate publisher magazine website militia chipmaker carmaker
    drugmaker steelmaker shipbuilder planemaker miner brewer refiner supermarket
    manufacturer giant brokerage practice outfit daily weekly tabloid broadsheet chain
    consultancy distributor franchise""".split()
)
# Business words after a name ("Nvidia shares fell"): a company, not a place.
GROUP_AFTER_BUSINESS = frozenset("shares stock shareholders subsidiary".split())
# ... and before it: "shares of Alibaba", "a stake in Foxconn", "analysts at Jefferies".
GROUP_OF = re.compile(
    r"\b(?:shares|stock|stake|subsidiary|unit)\s+(?:of|in)\s+$|\banalysts?\s+at\s+$|"
    r"\b(?:takeover|buyout|acquisition) of\s+$|\bmerger with\s+$|\bpremium to\s+$|"
    # "would buy 80 percent of X", "sold its 40% stake in X"
    r"\b(?:buy|buys|buying|bought|acquire|acquires|acquired|acquiring|sell|sells|selling|"
    r"sold|own|owns|owned|hold|holds|held|take|takes|took)\s+(?:(?:its|a|their|his|her)\s+)?"
    r"\d[\d.,]*\s*(?:percent|per cent|%)\s+(?:stake\s+)?(?:of|in)\s+$|"
    # "a ransomware gang known as X", "a band called X"
    r"\b(?:gang|group|militia|band|collective|outfit|firm|company|faction|label)\s+"
    r"(?:known as|called|named)\s+$",
    re.I,
)

# Untagged names after these words are companies: "analysts at Jefferies", "polling firm X"
# (a pattern to put before the name's).
COMPANY_CUE = (
    r"\b(?:(?:[Aa]nalysts?|[Ee]conomists?|[Ss]trategists?) at|[Ss]hares (?:of|in)|stake in|"
    r"(?:polling|law|consulting|research|brokerage|investment|accounting) firm|"
    r"chipmaker|carmaker|automaker|drugmaker|planemaker|retailer|broadcaster|lender|"
    r"(?:the )?ticker|(?:fan |streaming |online )?platform|record label|girl group|boy band|"
    r"news agency|newspaper|daily|tabloid) (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
)
# Capitals that are not a name: "the CEO", "the GDP", "the VAR" ("the ELN" is one).
NOT_NAME_ACRONYMS = frozenset(
    """CEO CFO COO CTO CMO GDP GNP IPO AI TV PM AM GMT UTC BST EST EDT PST PDT CET CST MP MPS
    MEP MEPS MVP ERA RBI DNA RNA HIV AIDS COVID SARS ID VAR OK IT EV EVS LNG LPG GPS ATM
    VAT UV ICU ER CCTV NGO NGOS SUV SUVS RPM KM MPH FAQ PR HR USB LED LCD HD ESG ETF ETFS
    API CPU GPU NB PS AGM CBD QB WR TE RB LB DB DL OL LBW ODI VIP VIPS CV PHD MBA CPI PPI
    PMI FDI ACR AKA TBA TBD ETA FYI RSVP SOS SMS PDF URL WIFI APP APPS END BC AD BCE CE II
    III IV VI VII VIII IX XI XII XIII XIV XV XX MLA MLAS MPP MSP MSPS MS TD OT GDPR DNS SQL
    HTTP HTTPS
    TCP UDP VPN SSD HDD RAM SDK CLI IOPS JSON XML HTML CSS LLM LLMS NFT NFTS""".split()
)
# Time zones, which are no names after a time ("10:40 p.m. CDT"); as often states' codes
# ("MT", "CT") elsewhere.
TIME_ZONES = frozenset(
    """ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST AKDT HST AST ADT NST NDT GMT UTC BST
    CET CEST EET EEST WET WEST MSK IST PKT ICT WIB SGT HKT JST KST AEST AEDT ACST AWST
    NZST NZDT EAT WAT CAT SAST""".split()
)
# Capitals that stand for places: "the UAE", "the DRC".
PLACE_ACRONYMS = frozenset("US USA UK UAE DRC USSR PRC ROK DPRK NSW QLD".split())

# Country codes after an athlete's name in results ("Jo Pike (BEL)"): the country, not the
# initials of an organisation. The Olympic codes, and ISO's where they differ.
COUNTRY_CODES = frozenset(
    """AFG ALB ALG AND ANG ARG ARM AUS AUT AZE BAH BAN BAR BDI BEL BEN BER BHU BIH BLR BOL
    BOT BRA BRN BUL BUR CAM CAN CHA CHI CHN CIV CMR COD COL CRC CRO CUB CYP CZE DEN DOM ECU
    EGY ERI ESA ESP EST ETH FIJ FIN FRA GAB GBR GEO GER GHA GRE GUA GUY HAI HKG HON HUN INA
    IND IRI IRL IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KOR KOS KSA KUW LAT LBA LBN LIE LTU
    LUX MAD MAR MAS MDA MEX MGL MKD MLI MLT MNE MON MOZ MRI MYA NAM NCA NED NEP NGR NIG NOR
    NZL OMA PAK PAN PAR PER PHI PLE POL POR PRK PUR QAT ROU RSA RUS RWA SEN SGP SLO SMR SRB
    SRI SUD SUI SVK SWE SYR TAN THA TJK TKM TPE TTO TUN TUR UAE UGA UKR URU USA UZB VEN VIE
    YEM ZAM ZIM DEU NLD DNK CHE PRT HRV GRC ZAF IDN IRN MYS PHL SAU SVN BGR LVA LKA VNM CHL
    NGA""".split()
)

# News agencies in parentheses: "(AP)" after a place is a dateline, not a stock ticker.
NEWS_AGENCIES = frozenset("AP AFP CP AAP UPI DPA ANSA EFE PTI IANS ANI TASS RIA APA".split())

# Sports roles: "Cleveland quarterback Jane Doe" makes "Cleveland" the team (a group),
# and the role before a name makes it a person.
SPORTS_ROLES = frozenset(
    """quarterback qb center centre coach manager pitcher catcher shortstop outfielder
    infielder linebacker lb receiver wr cornerback cb safety tackle end guard forward
    striker goalkeeper keeper goalie defender midfielder winger defenseman defenceman
    rusher dl de dt ol rb te running kicker punter captain owner reliever starter closer
    slugger rookie""".split()
)
# Players' positions that make the name before them a team even with no name after:
# "the England striker volleyed", "the Leeds manager said".
TEAM_ROLES = frozenset(
    """striker goalkeeper keeper goalie defender midfielder winger quarterback pitcher
    coach manager captain skipper batsman batter bowler opener fly-half scrum-half
    full-back fullback linebacker receiver shortstop outfielder spinners bowlers batters
    batsmen seamers openers strikers forwards defenders coaching squad selectors""".split()
)
# Roles written as letters: a role only in capitals ("Browns DE"); in lower case
# they are name particles ("Charles de Gaulle", "Luis de Guindos").
LETTER_ROLES = frozenset("qb lb wr cb dl de dt ol rb te".split())
# Lower-case roles that precede a person's name ("rapper Jane Doe").
PERSON_ROLES = frozenset(
    """rapper singer actor actress artist author writer novelist director producer
    journalist reporter columnist ceo founder co-founder chairman chairwoman chairperson
    president-elect superintendent attorney lawyer prosecutor detective officer sergeant
    sgt. lt. capt. rep. sen. gov. gen. adm. cmdr. supt. sgt cpl pvt lt capt maj cmdr supt
    coach chef dona bowler batter
    batsman spinner seamer paceman wicketkeeper all-rounder skipper fly-half scrum-half
    flanker winger striker midfielder defender goalkeeper quarterback pitcher linebacker
    shortstop outfielder""".split()
)
# Events, weapon systems and market indices the model takes for organisations: not entities.
KNOWN_THING_NAMES = tuple(
    name.strip()
    for name in """Tour de France, Giro d'Italia, Vuelta a España, Vuelta a Espana, Six Nations,
    Champions League, Europa League, Conference League, Copa América, Copa America,
    Copa Libertadores, Super Bowl, World Series, ALCS, NLCS, ALDS, NLDS,
    American League Championship Series, National League Championship Series,
    American League Division Series, National League Division Series, Grand National,
    Eurovision, NASAMS, HIMARS, ATACMS, IRIS-T, CAMM, Iron Dome, Storm Shadow, Kinzhal,
    Iskander, Kalibr, Tomahawk, Shahed, F-16, F-35, C-130, S-400, S-300, FTSE 100, FTSE 250,
    S&P 500, Nasdaq 100, Nasdaq Composite, Nikkei 225, Topix, Hang Seng, KOSPI, Kospi,
    Stoxx 600, STOXX 600, Euro Stoxx 50, CAC 40, Sensex, Nifty 50, MSCI World,
    Dow Jones Industrial Average, Russell 2000, Brent crude, Brent Crude,
    West Texas Intermediate,
    iPhone, iPad, iPod, iMac, iTunes, iCloud, iOS, macOS, MacBook, AirPods, Apple Watch,
    Android, Kindle, PlayStation, Xbox, Nintendo Switch""".split(",")
)
KNOWN_THINGS = frozenset(name.casefold() for name in KNOWN_THING_NAMES)
# "Patriot" is a weapon only before these ("Patriot batteries"), else a person or a team.
WEAPON_AFTER = re.compile(
    r" (?:air[- ]defen[cs]e |missile )?(?:systems?|missiles?|batteries|battery|interceptors?|"
    r"launchers?|units)\b"
)
# Korean surnames in their usual romanisations: "Kang Min" + "-seok" is one name.
KOREAN_SURNAMES = frozenset(
    """kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim
    im han oh seo suh shin kwon hwang ahn an song yoo yu ryu hong jeon chun ko go moon mun
    yang son bae baek paik heo huh nam shim sim noh roh ha kwak sung cha joo ju woo koo ku
    min na jin ji eom um chae won cheon bang kong hyun yeo rhee""".split()
)
# Chinese family names in pinyin and the usual Hong Kong and Taiwan spellings: in
# "Wang Donghai", "Xi Jinping" and "Tsai Ing-wen" the family name comes first, and a
# later "Wang" is the person.
CHINESE_SURNAMES = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang
    yu du ye cheng wei su lu ding ren shen yao jin qiu jia tan fu zou xiong bai meng qin yan
    xue hou lei long duan hao kong shao shi mao wan gu lai kang qian niu hong gong wen xi
    fang fan zhong tsai chan wong leung lam tsang cheung ho ng chow chiang hsu kuo ko""".split()
)
# Motor racing teams: in a race report "McLaren" and "Williams" are teams, not people.
RACING_TEAMS = frozenset(
    name.strip().casefold()
    for name in """McLaren, Williams, Aston Martin, Sauber, Kick Sauber, Haas, Alpine, Red Bull,
    Red Bull Racing, Ferrari, Mercedes, Racing Bulls, AlphaTauri, Alfa Romeo, Renault,
    Toro Rosso, Force India, Racing Point, Lotus, Brawn, Audi, Cadillac, Ducati, Yamaha,
    Honda, KTM, Aprilia, Gresini, Pramac, Penske, Team Penske, Andretti, Ganassi,
    Chip Ganassi Racing, Hendrick Motorsports, Joe Gibbs Racing""".split(",")
)
RACING = re.compile(r"\b(?:Formula One|Formula 1|F1|Grand Prix|MotoGP|IndyCar|NASCAR)\b")
# Titles only count before a name when written with a capital ("Major Smith"), since
# in lower case they are often adjectives ("a major US ally", "the chief Iran negotiator").
LOWERCASE_IS_ADJECTIVE = frozenset("major general chief leader secretary king queen".split())

# Nicknames of the major North American leagues' teams (NFL, NBA, MLB, NHL, MLS) and
# common European club names: as a name on their own they are teams (groups).
# Words that end a club's name but name no team alone ("United" is an airline too).
CLUB_ENDINGS = frozenset("united fc cf afc rovers wanderers albion hotspur".split())
TEAM_NAMES = frozenset(
    name.strip()
    for name in """cardinals, falcons, ravens, bills, panthers, bears, bengals, browns, cowboys,
    broncos, lions, packers, texans, colts, jaguars, chiefs, raiders, chargers, rams, dolphins,
    vikings, patriots, saints, giants, jets, eagles, steelers, 49ers, niners, seahawks,
    buccaneers, bucs, titans, commanders, redskins, hawks, celtics, nets, hornets, bulls,
    cavaliers, cavs, mavericks, mavs, nuggets, pistons, warriors, rockets, pacers, clippers,
    lakers, grizzlies, bucks, timberwolves, pelicans, knicks, 76ers, sixers, suns,
    trail blazers, blazers, spurs, raptors, wizards, diamondbacks, braves, orioles, red sox,
    cubs, white sox, reds, guardians, rockies, tigers, astros, dodgers, marlins, brewers,
    twins, mets, yankees, athletics, phillies, pirates, padres, mariners, rays, rangers,
    blue jays, ducks, coyotes, bruins, sabres, flames, hurricanes, blackhawks, avalanche,
    blue jackets, red wings, oilers, canadiens, canucks, predators, devils, islanders,
    flyers, penguins, sharks, kraken, maple leafs, golden knights, sounders, timbers,
    whitecaps, earthquakes, thunder, heat, jazz, magic, kings, capitals, senators, stars,
    blues, lightning, united, fc, cf, afc, rovers, wanderers, albion, hotspur,
    tar heels, hokies, blue devils, wolfpack, crimson tide, buckeyes, wolverines, longhorns,
    aggies, seminoles, hoosiers, jayhawks, sooners, razorbacks, gamecocks, demon deacons,
    yellow jackets, fighting irish, cornhuskers, nittany lions, terrapins, boilermakers,
    hoyas, bearcats, sun devils, seagulls, magpies, gunners, toffees, hammers, wolves,
    red devils, super kings, knight riders, royal challengers, sunrisers, super giants,
    cougars, beavers, huskies, wildcats, bulldogs, gators, spartans, hawkeyes, gophers,
    golden gophers, mountaineers, horned frogs, red raiders, buffaloes, utes,
    golden bears, tarheels, commodores, cowboys, owls, bobcats, mustangs, golden hurricane,
    rainbow warriors, lobos, mean green, roadrunners, all blacks, springboks, wallabies,
    socceroos, matildas, lionesses, azzurri, black caps, proteas, super eagles, black stars,
    saracens, harlequins, wasps""".split(",")
)
# Football clubs whose names are no town's: a group wherever the model sees them, and in
# a match report where it does not. The last word of a two-word one ("Villa") is the club
# too where the article names it in full.
CLUB_NAME_LIST = tuple(
    name.strip()
    for name in """Aston Villa, Everton, Tottenham, Tottenham Hotspur, Arsenal, Crystal Palace,
    Golden State,
    Nottingham Forest, Celtic, Juventus, Ajax, PSV, PSV Eindhoven, Benfica, Galatasaray,
    Fenerbahce, Fenerbahçe, Besiktas, Beşiktaş, Olympiacos, Panathinaikos, Schalke,
    Atalanta, Fiorentina, Real Betis, Osasuna, Anderlecht, Feyenoord, Club Brugge,
    Shakhtar Donetsk, Red Star Belgrade, Boca Juniors, River Plate, Flamengo, Corinthians,
    Palmeiras, Kaizer Chiefs, Orlando Pirates, Al Ahly, Al Hilal, Al Nassr,
    Paris Saint-Germain, Bayern Munich, Borussia Dortmund, RB Leipzig, Bayer Leverkusen,
    Athletic Bilbao, Atletico Madrid, Atlético Madrid, West Ham, West Ham United,
    Brighton & Hove Albion, Queens Park Rangers, Hibernian, St Mirren,
    Dundee United, Sporting CP, Sporting Lisbon, AZ Alkmaar, Red Bull Salzburg, Dinamo Zagreb,
    Dynamo Kyiv, Zenit, Spartak Moscow, CSKA Moscow, Olympique Lyonnais, Real Sociedad,
    Athletic Club, Celta Vigo, Espanyol, Sampdoria, Udinese, Eintracht Frankfurt,
    VfB Stuttgart, Werder Bremen, Hertha Berlin, Union Berlin, Hoffenheim, Inter Milan,
    AC Milan, Newcastle United, Manchester United, Leeds United, Sheffield Wednesday,
    Wolverhampton Wanderers, Mamelodi Sundowns, Wydad, Raja Casablanca, Persepolis,
    Urawa Reds, Ulsan Hyundai, Inter Miami, LA Galaxy, Club América, Cruz Azul,
    Atletico Mineiro, Fluminense, Botafogo, Manchester City, Leicester City, Stoke City,
    Hull City, Cardiff City, Swansea City, Norwich City, Bristol City, Birmingham City,
    Coventry City, Melbourne City, Sheffield United""".split(",")
)
CLUB_NAMES = frozenset(name.casefold() for name in CLUB_NAME_LIST)
# First words of football clubs' names ("Real Madrid", "Inter Milan", "FC Porto").
TEAM_PREFIXES = frozenset(
    """real fc ac inter atletico atlético borussia olympique deportivo dynamo dinamo
    sporting spartak lokomotiv cska zenit""".split()
)
# A last word that makes a name an event's ("Paris Air Show", "Doobie Brothers Tour"):
# cut when the rest is named elsewhere in the article, else the span is not an entity.
EVENT_HEADS = frozenset(
    """tour show festival games cup open championship championships summit conference expo
    fair marathon awards war flu crisis scandal olympics award prize medal trophy treaty
    act finals""".split()
)
# Nationality or religious words before these are part of an event's name, not a group.
EVENT_AFTER_NORP = frozenset("flu influenza revolution spring war".split())

# Words that end a place's name: a name with them is not a person ("Marshall Islands").
GEO_WORDS = frozenset(
    """island islands beach springs falls city county hills heights lake lakes river bay
    valley mountain mountains mount park creek harbor harbour point village town
    township borough parish island isle coast gulf sea ocean peninsula""".split()
)
# A lower-case noun after a name that makes the name a modifier, not a person:
# "the chief Iran negotiator", "President Biden's" is fine, "Minister Paris office" not.
NOUNS_AFTER_MODIFIER = frozenset(
    """negotiator negotiators official officials government ally allies forces troops
    embassy office delegation team army military border""".split()
)

# A single word ending like a nationality ("Ukrainian", "Japanese") is a group word
# even when the model calls it a place.
DEMONYM = re.compile(r"(?:ian|ians|ese)$")
MAX_HEADLINE = 300  # characters: a longer line is no headline
# Words a Title Case headline leaves in lower case.
TITLE_SMALL_WORDS = frozenset(
    "a an the and or but nor for to of in on at by with from as vs vs. via per".split()
)

# A one-word name with a capital inside ("WeWork", "PayPal", "SoftBank") is a brand,
# not a person, unless the part before the inner capital starts surnames and given
# names that way ("McDonald", "DeSantis", "LeBron", "JaVale").
INNER_CAPITAL = re.compile(r"^([A-Z][a-z]+)[A-Z][a-z]")
NAME_PREFIXES_BEFORE_CAPITAL = frozenset(
    "mc mac de di da du la le van von st fitz ja ke ta ka ra sha ty dar jar mar".split()
)


# Capitals before a dash or colon at the start of a paragraph that are a story's
# label, not the place it was filed from ("UPDATE 2-", "EXCLUSIVE:", "FACTBOX-").
NEWS_KICKERS = frozenset(
    """update updated breaking exclusive analysis factbox explainer watch live opinion
    editorial comment review interview photos photo video correction corrected refile
    refiled urgent flash alert preview recap timeline column commentary insight
    update: note editor's read more related pictured watched listen published posted""".split()
)

# Numbered roads are places, not product designations ("Route 66", "Interstate 44").
ROAD_WORDS = frozenset("interstate highway route road motorway freeway autobahn".split())
