"""Hand-curated word lists: the craft knowledge of news English that no package ships."""
from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that open sentences and quotes but are never names by themselves.
FUNCTION_WORDS = _words("""
a an the this that these those it its it's he she they we i you me him her them us our your their his my mine
who whom whose what which when where why how if unless whether while as at by for from in into of on onto to
with without within about above after against along among around before behind below beneath beside between
beyond but despite down during except inside near off out outside over past since through throughout till
toward towards under until up upon via and or nor so yet also then there here now not no yes all any both each
few many more most other some such only own same than too very can will just should would could might must
shall may do does did done be is am are was were been being have has had having i'm i've i'd i'll we're
we've we'll you're they're they've he's she's that's there's here's what's let's don't doesn't didn't won't
can't isn't aren't wasn't weren't mr mrs ms dr sir one two three four five six seven eight nine ten first
second third last next new every another even still however meanwhile although though because instead
perhaps indeed thus hence therefore otherwise moreover furthermore besides anyway already yesterday today
tomorrow tonight later earlier again ago once twice never always often sometimes usually never nothing
something everything anything someone everyone anyone nobody somebody everybody well oh ok okay please thank
thanks hello hi sorry like unlike according following including regarding given whereas whatever whoever
""")

MONTHS = _words("January February March April May June July August September October November December "
                "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri Sat Sun")
TIME_WORDS = MONTHS | WEEKDAYS | _words("Christmas Easter Today Yesterday Tomorrow")

# Honorifics and titles that precede a person's name; they become the person's role, not the name.
HONORIFICS = _words("Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Sir Dame Lord Lady Prof Prof. Rev Rev. Mme M. Messrs")
TITLES = _words("""
President Vice Prime Minister Ministers Secretary Chancellor Premier Senator Sen. Sen Rep. Rep Representative
Congressman Congresswoman Governor Gov. Gov Mayor Councillor Councilor Judge Justice Chief Executive CEO CFO COO
CTO Chairman Chairwoman Chair Chairperson Director Manager Coach Captain Capt. General Gen. Gen Colonel Col.
Lieutenant Lt. Sergeant Sgt. Major Admiral Commander Officer Constable Detective Inspector Superintendent
Sheriff Commissioner Ambassador Envoy Spokesman Spokeswoman Spokesperson Leader Deputy Foreign Defence Defense
Finance Interior Health Justice Home Trade Economy Energy Education Environment Culture Sports Labour Labor
Attorney Solicitor Prosecutor Bishop Archbishop Cardinal Pope Rabbi Imam Father Pastor King Queen Prince Princess
Emperor Crown Duke Duchess Professor Founder Co-founder Chief Head Boss President-elect Senior Shadow Acting
Former Ex Late Dean Principal Chancellor Speaker Whip Auditor Treasurer Editor Correspondent Analyst Economist
Striker Midfielder Defender Goalkeeper Skipper Champion Coach Trainer Owner Producer Actor Actress Singer Star
Dep. Gov Insp. Supt. Cmdr. PM MP MPP MLA MEP MPs State Affairs Public Safety Sgt Lt Col Capt Maj. Minister-President Executive Officer Mayor-elect Governor-General
""")
# Capitalised words that describe a person before the name, not part of it: "Investor Sumner Redstone",
# "Hereditary Chief Phillip Joe", "Billionaire Warren Buffett".
PERSON_DESCRIPTORS = _words("""
investor billionaire millionaire financier tycoon magnate banker businessman businesswoman industrialist
entrepreneur philanthropist developer broker trader dealer hereditary veteran novelist playwright comedian
""")
# Lower-case role nouns for "the founder of Huawei", "Huawei's CEO Ren".
ROLE_NOUNS = _words("""
ceo cfo coo cto chairman chairwoman chair president founder co-founder owner director boss chief head leader
spokesman spokeswoman spokesperson minister secretary manager coach captain executive chief-executive governor
mayor senator premier chancellor ambassador editor analyst economist professor lawyer attorney adviser advisor
strategist general commander commissioner superintendent chairperson
""")

# Verbs that introduce speech. Base forms; inflections are derived in `cue_forms`.
SPEECH_VERBS = _words("""
say tell state add explain note argue warn deny allege claim insist admit acknowledge announce confirm declare
assert maintain predict suggest complain concede contend emphasise emphasize stress reply respond answer recall
reveal report write tweet post testify urge ask wonder agree disagree observe remark comment conclude continue
caution boast joke quip retort scold crow sniff promise pledge vow threaten accuse blame criticise criticize
describe dismiss estimate forecast indicate mention point proclaim recount reiterate repeat reckon believe think
feel hope fear assure confess concur counter cry shout yell whisper mutter exclaim lament lament highlight
underline propose recommend advise inform order demand charge complain counsel declare decry echo blurt gush
""")
IRREGULAR = {"say": ("said", "says", "saying"), "tell": ("told", "tells", "telling"),
             "write": ("wrote", "writes", "writing", "written"), "think": ("thought", "thinks", "thinking"),
             "feel": ("felt", "feels", "feeling"), "cry": ("cried", "cries", "crying"),
             "reply": ("replied", "replies", "replying"), "deny": ("denied", "denies", "denying"),
             "testify": ("testified", "testifies", "testifying"), "quip": ("quipped", "quips", "quipping"),
             "admit": ("admitted", "admits", "admitting"), "concur": ("concurred", "concurs", "concurring"),
             "retort": ("retorted", "retorts", "retorting"), "scold": ("scolded", "scolds", "scolding")}
# Verbs that are speech only with a clause ("believe that"), which PolNeAR counts and GGT mostly does not.
WEAK_CUES = _words("believe think feel hope fear wonder continue point order charge echo answer counter")


def cue_forms() -> dict[str, str]:
    """Every inflected form of a speech verb mapped to its base form."""
    forms: dict[str, str] = {}
    for verb in SPEECH_VERBS:
        if verb in IRREGULAR:
            variants = IRREGULAR[verb]
        elif verb.endswith("e"):
            variants = (verb + "d", verb + "s", verb[:-1] + "ing")
        elif verb.endswith("y") and verb[-2] not in "aeiou":
            variants = (verb[:-1] + "ied", verb[:-1] + "ies", verb + "ing")
        elif verb.endswith(("sh", "ch", "ss", "x")):
            variants = (verb + "ed", verb + "es", verb + "ing")
        else:
            variants = (verb + "ed", verb + "s", verb + "ing")
        for form in (verb, *variants):
            forms.setdefault(form, verb)
    return forms


# Last words that make a capitalised phrase an organization / a place.
ORG_SUFFIXES = _words("""
Inc Inc. Corp Corp. Corporation Co Co. Ltd Ltd. Plc plc PLC LLC LLP AG SA NV GmbH Group Holdings Bank Banks
Company Companies Industries Technologies Technology Systems Airlines Airways Motors Energy Pharmaceuticals
Communications Telecom Media Network Networks News Press Times Post Journal Herald Tribune Gazette Telegraph
Guardian Mail Star Daily Broadcasting Television Radio Records Studios Pictures Entertainment Partners Capital
Securities Investments Fund Funds Trust Insurance Assurance Exchange Stores Foods Airport Railway Railways
University College School Academy Institute Institution Laboratory Lab Labs Centre Center Hospital Clinic
Ministry Department Agency Office Bureau Council Committee Commission Authority Board Service Services Court
Parliament Congress Senate Assembly Cabinet Government Administration Police Army Navy Force Forces Guard
Corps Party Union Federation Association Alliance League Club FC Society Foundation Organisation Organization
Coalition Movement Front Church Mission Brigade Command Council Tribunal Secretariat Directorate Commons Lords
United City Rovers Athletic Wanderers Team Squad Orchestra Band Museum Library Chamber Consortium Cooperative
Conference Network Channel International Consultants Hydro Tech Canucks Controls Medical Electric Power Copper
Treasury Steel Oil Petroleum Chemical Chemicals Mining Resources Bancorp Bancshares Financial Realty Properties
Semiconductor Software Pharma Marine Logistics Shipping Cement Textiles Brewery Breweries Petroleos Motor Bancorp
Telecommunications Electronics Automotive Aerospace Utilities Trading Ventures Brands Sciences National Mobile
""")
# Legal forms that end a company's name ("Western Digital Corp", "Sears, Roebuck and Co"): a name ending so is
# one company, kept whole with its nationality-like first word and an "and" inside it.
LEGAL_SUFFIXES = _words("""
Inc Inc. Corp Corp. Corporation Co Co. Cos Company Companies Ltd Ltd. Limited Plc plc PLC LLC LLP LP AG SA NV BV
GmbH Holdings Group Industries Airlines Airways Partnership Bancorp Bancshares Inc.
""")
# Wire services and a few institutions that news names by one word, which no gazetteer types.
ORG_NAMES = _words("""
Reuters Interfax AFP Xinhua Itar-Tass Tass Bloomberg Kyodo Yonhap Bernama Antara PTI ANSA Anadolu DPA EFE MENA
IRNA KCNA Fed Nasdaq Interpol Europol NATO Bundesbank Bundestag Knesset Duma Politburo Kremlin Pentagon Hamas
Hezbollah Taliban
""")
# First words of sports clubs' names ("Real Madrid", "Dynamo Moscow", "Paris St Germain" is found by its place).
CLUB_HEADS = _words("""
Real Dynamo Dinamo Spartak Lokomotiv Locomotiv CSKA Torpedo Zenit Sporting Atletico Athletic Deportivo Racing
Olympique Olympiakos Olympiacos Inter AC AS SS FC SC SV VfB VfL TSV Borussia Eintracht Hertha Werder Fortuna
Rapid Austria Ferencvaros Steaua Partizan Crvena Slavia Sparta Legia Widzew Benfica Celta Sevilla Betis Red Young
""")
# Word before a name that makes it an organization: "shares of X", "Ontario-based X".
ORG_CONTEXT_BEFORE = _words("shares stake analyst analysts spokesman spokeswoman newspaper daily agency")
# Plural party and group names, which are never a person: "Lib Dems", "the Tories", "Ulster Unionists".
PARTY_WORDS = _words("""
Dem Dems Democrats Republicans Tories Conservatives Liberals Greens Nationalists Unionists Socialists Communists
Labour Lib Reserve Nations Rangers Celtic Yankees Giants Eagles Lions Tigers Bears Bulls Kings Jets Sharks
""")
# Last words that make a capitalised phrase a work, an event, a law or a prize ("other").
OTHER_SUFFIXES = _words("""
Award Awards Prize Cup Championship Championships Games Olympics Act Bill Agreement Treaty Accord Convention
Festival Show Series Tournament Open Invitational Classic Trophy Medal Doctrine Plan Protocol Summit
""")
PLACE_SUFFIXES = _words("""
Street St Road Rd Avenue Ave Boulevard Lane Square Park Bridge River Lake Mountain Mountains Mount Valley Island
Islands Bay Sea Ocean Coast Peninsula Province Prefecture County State Region District Territory Territories
Heights Hills Beach Harbour Harbor Canyon Desert Forest Gulf Strait Creek Falls Cape Plaza Village Town City
Airport Station Stadium Arena Highway Freeway Mall Centre Pines Links Speedway Raceway Racecourse
""")
PLACE_NOUNS = _words("province state county city town village region district capital island river")
ORG_NOUNS = _words("""
company firm group giant maker manufacturer carrier operator bank lender insurer retailer airline automaker
carmaker chipmaker newspaper broadcaster agency ministry party club team union conglomerate subsidiary startup
start-up brand network outlet channel regulator watchdog charity organisation organization
""")
# Possessive cues: "X's shares" means X is an organization.
ORG_POSSESSED = _words("""
shares stock profits profit revenue revenues sales earnings board shareholders investors employees staff
workers products equipment headquarters subsidiary subsidiaries customers executives networks network
production factory factories plants brand stores spokesman spokeswoman spokesperson ceo chairman founder
chief-executive management
""")
PERSON_VERBS = _words("""
was born died married resigned smiled laughed wept joined retired
""")

DEMONYMS = _words("""
American British English Scottish Welsh Irish French German Italian Spanish Portuguese Dutch Belgian Swiss
Austrian Swedish Norwegian Danish Finnish Icelandic Polish Czech Slovak Hungarian Romanian Bulgarian Greek
Turkish Russian Ukrainian Belarusian Serbian Croatian Bosnian Slovenian Albanian Macedonian Estonian Latvian
Lithuanian Chinese Japanese Korean Taiwanese Vietnamese Thai Cambodian Malaysian Singaporean Indonesian Filipino
Indian Pakistani Afghan Bangladeshi Nepalese Iranian Iraqi Syrian Lebanese Israeli Palestinian Jordanian Saudi
Yemeni Egyptian Libyan Tunisian Algerian Moroccan Sudanese Ethiopian Somali Kenyan Ugandan Tanzanian Nigerian
Ghanaian Senegalese Congolese Angolan Zimbabwean Zambian African Canadian Mexican Cuban Brazilian Argentine
Argentinian Chilean Peruvian Colombian Venezuelan Bolivian Ecuadorian Uruguayan Paraguayan Australian Zealander
European Asian Arab Arabic Latin Western Eastern Northern Southern Kurdish Muslim Christian Jewish Catholic
Protestant Islamic Hindu Buddhist Sikh Soviet Yugoslav Kuwaiti Qatari Emirati Omani Bahraini Chechen Tibetan
Uzbek Kazakh Georgian Armenian Azerbaijani Mongolian Scandinavian Caribbean Jamaican Haitian Dominican Quebecois
Democrat Democratic Republican Conservative Liberal Tory Tories Labour Socialist Communist Olympic Nazi
Lib Dem Dems
Frenchman Frenchwoman Spaniard Briton Scotsman Welshman Irishman Englishman Dutchman Swede Dane Kiwi Aussie
""")

# Capitalised adjectives that describe the name after them: "Former England captain", "Veteran Spaniard X".
DESCRIPTORS = _words("Former Ex Senior Junior Top Leading Veteran Fellow Current Retired Acting Interim Rival "
                     "Teenage Defending Reigning")
# Acronyms of ordinary things, written in capitals but no more names than "television" is: "US TV", "a DVD".
COMMON_ACRONYMS = _words("TV TVs PC PCs DVD DVDs CD CDs ID IDs GMT BST DJ DJs VJ LCD MP3 PIN SMS IQ")

# Words opening an adverbial before a clause ("Originally from Arichat, …", "Later, …"), never what was said.
OPENERS = _words("""originally later finally eventually first asked speaking born like unlike despite during for after
when whenever while before at in on with without still however mostly though although because since if as by from
to until unless instead meanwhile but and so yet then now once over under among amid""")

# Head nouns of descriptions of a person: "The 26-year-old right wing said", "the affable proprietor says",
# "wardrobe stylist Tracy".
PERSON_HEADS = _words("""resident proprietor owner entrepreneur maverick star wing forward defenceman defenseman
guard centre center goaltender goalie pitcher veteran rookie native artist author writer singer actor actress
player winger striker midfielder defender mother father son daughter wife husband woman man boy girl teen teenager
youngster founder cartoonist publisher designer director producer musician chef doctor nurse teacher student
grandmother grandfather survivor victim candidate lawmaker politician activist stylist
contestant host bachelor bachelorette suitor""")

# Lower-case words inside a title ("Ralph Breaks the Internet", "A Star is Born").
TITLE_LINKS = _words("a an the of and or in on at to for is with from by")

PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female",
            "they": "plural", "it": "thing", "we": "plural", "i": "self"}
# Common nouns that speak in news ("officials said", "police said").
SPEAKER_NOUNS = _words("""
officials official police spokesman spokeswoman spokesperson sources source analysts analyst experts expert
critics residents witnesses authorities investigators prosecutors lawyers lawyer officers officer
researchers scientists doctors economists observers organizers organisers statement report reports study
survey poll polls data figures documents ministry government company firm agency group complaint suit
lawsuit document claim memo letter filing court judge utility commissioner league team club city province
board union council commission department office family father mother wife husband son daughter friend
neighbour neighbor prosecutor organization organisation party bank supporters opponents users groups members
customers patients parents students workers employees teachers activists advocates panel researcher
embassy retailer carrier airline concern corporation insurer partnership
""")

# Relatives: "Spindler's father, Joseph," is someone else than the Joseph named before; "His father said".
KIN = _words("""father mother son daughter wife husband brother sister grandmother grandfather grandson granddaughter
uncle aunt cousin nephew niece boyfriend girlfriend fiance fiancé fiancee fiancée widow widower stepfather
stepmother stepson stepdaughter dad mom mum partner""")
# "Health Canada", "Air Canada": a word naming what an agency or a firm does, before a country's name.
AGENCY_WORDS = _words("""Health Transport Air Sport Team Radio Tourism Export Finance Immigration Agriculture
Environment Industry Revenue Heritage Justice Employment Trade Energy Water Rail""")


# Abbreviations and variants of a title: general usage, not this corpus's names.
TITLE_SYNONYMS = {"pm": "prime minister", "ceo": "chief executive", "chief executive officer": "chief executive",
                  "cfo": "chief financial officer", "coo": "chief operating officer", "md": "managing director",
                  "gaffer": "manager", "skipper": "captain", "tories": "tory",
                  "conservative": "tory", "conservatives": "tory", "lib": "liberal", "dem": "democrat"}


def normalise(phrase: str) -> tuple[str, ...]:
    """"the Prime Minister" -> ("prime", "minister"); "the PM" -> ("prime", "minister")."""
    words = [w.strip(".,'’").lower() for w in phrase.replace("-", " ").split()]
    words = [w for w in words if w and w not in ("the", "a", "an", "his", "her", "its", "s")]
    joined = " ".join(words)
    for short, full in TITLE_SYNONYMS.items():
        if " " in short:
            joined = re.sub(rf"\b{short}\b", full, joined)
    return tuple(x for w in joined.split() for x in TITLE_SYNONYMS.get(w, w).split())
