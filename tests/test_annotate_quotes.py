"""Quotations and their speakers, table-driven."""
import pytest

from generator.annotate import annotate_text

# text, the quoted words we expect (a substring of the quote), kind, canonical speaker (None: unattributed)
CASES = [
    ('"We will win," said John Smith.', "We will win", "direct", "John Smith"),
    ('John Smith said: "We will win the election next year."', "We will win", "direct", "John Smith"),
    ('Mary Jones arrived late. "It was a long day," she said.', "It was a long day", "direct", "Mary Jones"),
    ('“A is fine,” Tom Baker said. “B is also fine.”', "B is also fine", "direct", "Tom Baker"),
    ('Tom Baker spoke. “First part of it.\n\n“Second part of it,” he said.', "Second part", "direct", "Tom Baker"),
    ('Anna Berg said the plan would fail within a year.', "the plan would fail", "indirect", "Anna Berg"),
    ('Anna Berg told reporters that the plan would fail.', "the plan would fail", "indirect", "Anna Berg"),
    ('The plan will fail within a year, Anna Berg said.', "The plan will fail", "indirect", "Anna Berg"),
    ('According to Anna Berg, the plan will fail within a year.', "the plan will fail", "indirect", "Anna Berg"),
    ('Then came this: "We have never seen anything like it before."', "never seen", "direct", None),
    # a nested quote closing with the outer one: '…son,'" says Golden
    ('"When it came, I said, \'Please help. I can\'t lose another son,\'" says Wendy Golden. "That was it."',
     "That was it", "direct", "Wendy Golden"),
    ('"We have no system at all," according to Dr. Keith Ahamad, a family doctor.', "no system", "direct",
     "Keith Ahamad"),
    ('Dave Martell works here.\n\nMartell, the doctor, is more blunt: "They will uncover horrifying things."',
     "horrifying", "direct", "Dave Martell"),
    # a quote that opens the next paragraph continues its speaker, whoever else the paragraph names
    ('"We are not changing it," Jody Wilson-Raybould said, rejecting a plea from Audrey Parker.\n\n'
     '"We are confident in the legislation we brought forward."', "confident", "direct", "Jody Wilson-Raybould"),
    ('Robert Strang spoke. The drugs have a limited set of uses, he says, and are meant for short use.',
     "limited set of uses", "indirect", "Robert Strang"),
    ('Robert Strang spoke. The drugs have a limited set of uses, he says, and are meant for short use.',
     "meant for short use", "indirect", "Robert Strang"),
    ('His father, Ernie LeBlanc, says his son long battled addiction.', "long battled", "indirect",
     "Ernie LeBlanc"),
    ('Mike Pompeo praised the talks and said he did not think the dispute would affect them.', "did not think",
     "indirect", "Mike Pompeo"),
    ("It's very bad for our senior population if they have nothing. Rod Peters, Lake Cowichan mayor",
     "senior population", "indirect", "Rod Peters"),
    # gender from titles: "Mr." makes a man of a name the name list cannot sex
    ('Mr. Kim Lee met Jane Smith on Monday. Smith left early. "It went well," he said.', "went well", "direct",
     "Kim Lee"),
    # round 3: pronoun chains, "X, he said", appositions, descriptions, initials, nicknames, no-cue quotes
    ('Jake Smith dragged Jane Doe outside. He pulled her to the car. Jane told police she could hear sirens. '
     'He told detectives he would have fled.', "would have fled", "indirect", "Jake Smith"),
    ('Chuck Schumer leads them. “It is old,” said Sen. Richard Blumenthal. Schumer, he said, “knows the minds and '
     'hearts of his colleagues.”', "knows the minds", "direct", "Richard Blumenthal"),
    ('Sen. Debbie Stabenow, D-Mich., a member of the leadership team, said the deal would pass next week.',
     "the deal would pass", "indirect", "Debbie Stabenow"),
    ('The Hurricanes traded Nino Niederreiter last week. The 26-year-old right wing said his new teammates have '
     'been creating chances.', "new teammates", "indirect", "Nino Niederreiter"),
    ('"Kim is eager to remind them of it," Harry J. Kazianis, director of studies at the Centre, said in a '
     'statement.', "eager to remind", "direct", "Harry J. Kazianis"),
    ('Alexander Wise drew it.\n\n"It took months and months of work," said Xander Wise.', "took months", "direct",
     "Alexander Wise"),
    ('Jeanine Durning did not need much coaxing. “I’m thankful for the invitation and this chance.”', "thankful",
     "direct", "Jeanine Durning"),
    # round 5: a quote ending its sentence takes no cue from the next one
    ('Justice Sean Dunphy ruled. “The order of the court stands as written today.” When asked about it, Brian Hemming '
     'replied that he was happy.', "The order of the court", "direct", None),
    # a quote inside a reported clause takes the clause's cue
    ('Paul Kerr said in the opening on Sunday night that they are “going to have some fun and give out awards.”',
     "going to have some fun", "direct", "Paul Kerr"),
    # a participle cue after a comma takes the sentence's subject, after an opening phrase too
    ('Later that month, Ann Lee filed an appeal in court, arguing the ruling was “an unreasonable exercise of power.”',
     "unreasonable exercise", "indirect", "Ann Lee"),
    # a name after a preposition in an apposition is not the subject
    ('Nadia Jamil, principal researcher at Dixon Hall, says the project was launched to learn why people stay.',
     "the project was launched", "indirect", "Nadia Jamil"),
    # a possessive after the cue is not who speaks; its apposition is
    ('“Most places print a thousand copies,” says Andre Campbell’s partner, Jason Louth.', "Most places", "direct",
     "Jason Louth"),
    # a reflexive tells its subject's gender for sure; the person the clause names does not say it
    ('Morgan Reid found herself alone. Tom Hale met her.\n\nMorgan Reid was afraid. But he told her, "I see you."',
     "I see you", "indirect", "Tom Hale"),
    ('Ken Olu runs a firm. Hiram Mwangi hid.\n\nMwangi and some colleagues hid under desks, he said, but one ran.',
     "one ran", "indirect", "Ken Olu"),
    # run 9: two closing single marks close a double quote
    ("I mean Alfonso Espinos. “We only sell local comic books and nothing else,’’ says Alfonso Espinos.",
     "only sell local", "direct", "Alfonso Espinos"),
    # "the founder of X": of the people named just before, the one the text names most
    ("Alfonso Espinos opened a shop. Alfonso Espinos, who like Ricardo Montalban was born in Mexico, sells comics. "
     "“We sell local books,” says the 39-year-old founder of Studiocomix Press.", "sell local", "direct",
     "Alfonso Espinos"),
    # a description opening the sentence that holds a name
    ("Having Billy Eichner show up was fun for Colton Underwood.\n\nThe Billy on the Street star said he was gay "
     "and then quipped to Colton, “That you should look into. Maybe you are the first.”", "you should look",
     "direct", "Billy Eichner"),
    # relatives: "X's father, Joseph," is not the Joseph named before; "His father said" is him
    ("Police Chief Joseph Boinnet spoke. " + "The siege went on for hours. " * 12 + "Jason Spindler died.\n\n"
     "Spindler's father, Joseph, says his son grew up in Houston.", "his son grew up", "indirect", "Joseph"),
    ("Police Chief Joseph Boinnet spoke. " + "The siege went on for hours. " * 12 + "Jason Spindler died.\n\n"
     "Spindler's father, Joseph, says his son grew up "
     "in Houston. Jason Spindler was a founder of I-DEV. His father said he worked with many companies.",
     "worked with many", "indirect", "Joseph"),
    # an indefinite description that the next sentence names
    ("A Superior Court of Ontario judge chastised the station on Friday, saying it had been “playing games.”\n\n"
     "Justice Sean Dunphy directed the station to act.", "playing games", "indirect", "Sean Dunphy"),
    ("One former director indicated on Friday that he would be pleased to return. Joseph Manzoli told the Globe he "
     "left last winter.", "pleased to return", "indirect", "Joseph Manzoli"),
    # a document's author: in the phrase, or named with the same noun before; "the city" is the city named last
    ("Those sectors are the best bets, according to a study which is being released Monday by Civic Action, a "
     "non-partisan civic engagement group.", "the best bets", "indirect", "Civic Action"),
    ("We met Civic Action, a non-partisan civic engagement group. According to the Civic Action study, "
     "retail is big. In 2017, retail employed many youth, according to the study.", "employed many youth",
     "indirect", "Civic Action"),
    ("Many homeless people sleep in Toronto every night.\n\nAccording to the city's Street Needs Assessment, the "
     "number of homeless people was estimated to be 8,715.", "estimated to be", "indirect", "Toronto"),
    # "…, the Kenya Red Cross said, raising …": the words before the cue are the report
    ("Fifty people remained unaccounted for on Wednesday, the Kenya Red Cross said, raising the possibility of a "
     "higher toll.", "Fifty people", "indirect", "Kenya Red Cross"),
    ("Tim Kaine spoke. Though that transition was relatively seamless, he said, replacing the nominee would be much "
     "more acrimonious.", "replacing the nominee", "indirect", "Tim Kaine"),
    # who is told is never who tells; a verb coordinated across a comma phrase takes the sentence's subject
    ("Demi Burnett smiled.\n\nNonetheless, she played nice by tracking down Tracy Shapoff in the bedroom and, "
     "without meaning a word of it, told Tracy she was “one of the most amazing women I have ever met.”",
     "most amazing women", "direct", "Demi Burnett"),
    ("Demi Burnett apologized to her face and then, behind her back, sniffed that “there’s no advantage to being "
     "an older woman here.”", "no advantage", "direct", "Demi Burnett"),
    # an adverb between the subject and the cue
    ("Tom Hockney spoke. Mr Hockney meanwhile told the BBC: \"I believe that he can deliver better as a leader.\"",
     "deliver better", "direct", "Tom Hockney"),
    # an apposition's name after a preposition is not the subject
    ("Ernie LeBlanc, father of Jason LeBlanc, 42, says his son long battled addiction before his death.",
     "long battled", "indirect", "Ernie LeBlanc"),
    # "the Commission's report will be released": a noun, not a cue
    ("The Commission for Africa's report will be released on 11 March, Tony Blair has said.", "will be released",
     "indirect", "Tony Blair"),
]


@pytest.mark.parametrize("text, words, kind, speaker", CASES)
def test_quote(text, words, kind, speaker):
    ann = annotate_text(text)
    hits = [q for q in ann.quotes if words in text[q.start:q.end]]
    assert hits, [text[q.start:q.end] for q in ann.quotes]
    assert hits[0].kind == kind
    assert hits[0].speaker_canonical == speaker


@pytest.mark.parametrize("text, words, speaker", [
    # a second cue in the sentence reports again
    ("Tom Hale has denied wrongdoing, and his supporters argue he was blamed for the leaks.", "was blamed",
     "supporters"),
    # a speaking noun narrowed by the words after it
    ("The offer was made, and sources familiar with the negotiations have said it was hoping for a deal.",
     "hoping for a deal", "sources familiar with the negotiations"),
    # a participle after a comma reports on its own, for the sentence's subject or the earlier cue's speaker
    ("Ann Lee argued that the move hurt her group, noting the board lobbies its members by e-mail.",
     "lobbies its members", "Ann Lee"),
    ("“We only print comics,” says Ann Lee, noting that her shop is the only one of its kind.", "only one of its",
     "Ann Lee"),
    # a cue joined to a cue with a noun object
    ("Police described the attack as a carjacking and said the driver was stabbed seven times.", "was stabbed",
     "Police"),
])
def test_reported_clause(text, words, speaker):
    hits = [q for q in annotate_text(text).quotes if words in text[q.start:q.end]]
    assert hits and hits[0].kind == "indirect" and hits[0].speaker == speaker, hits


@pytest.mark.parametrize("text, words", [
    ("Hundreds of people fled the hotel in the night, the government said on Wednesday.", "on Wednesday"),
    ("Fifty people remained unaccounted for on Wednesday, the Kenya Red Cross said, raising the possibility of a "
     "higher toll.", "raising"),
    ("Kenyan forces helped people escape. Somali group al-Shabaab claimed responsibility for the attack.",
     "responsibility"),
    # a passive cue: the subject is who hears it
    ("The firm asked for a deal. SNC-Lavalin was informed on Oct. 9 that it would not be invited to negotiate.",
     "it would not be invited"),
    # a condition, a thing said, a reply in deeds, the topic of what was told, a place after a reversed cue, goals
    ("If the judge orders the extradition to proceed, Meng can appeal that decision to the court.",
     "the extradition to proceed"),
    ("Later, Hannah Brown worried that Caelynn Hayes would say something to Colton that would screw up her chances.",
     "would screw up"),
    ("Vancouver responded just more than a minute later with Troy Stecher getting a high pass.", "just more than"),
    ("Later, Colton Underwood told an audience about the first time he admitted that he was a virgin.", "audience"),
    ("Revenues fell by 16 per cent this year, the company wrote in a report in December.", "in a report"),
    ("Carolina added three more unanswered goals before the end of the period.", "three more"),
    # "B.C." ends no sentence: "Supreme Court." is not a pull quote's signature
    ("Once the Authority to Proceed is issued, hearings are held before a judge. In this case, it would be in the "
     "B.C. Supreme Court.", "Once the Authority"),

    ("Later, during question period in the House, Ann Lee said that she was not under pressure.", "Later"),
    ("Asked what he would tell the mayor about the shelters, Tom Hale says: 'Just listen to us.'", "Asked"),
])
def test_not_reported(text, words):
    assert not [q for q in annotate_text(text).quotes if text[q.start:q.end].startswith(words)]


@pytest.mark.parametrize("text", [
    "Charles Falconer told BBC Radio 4's Today programme the economy was strong and growing every year.",
    "Charles Falconer told the BBC the economy was strong and growing every year.",
    "Charles Falconer told reporters the economy was strong and growing every year.",
])
def test_who_was_told_is_not_what_was_said(text):
    quotes = annotate_text(text).quotes
    assert [text[q.start:q.end] for q in quotes] == ["the economy was strong and growing every year"]
    assert quotes[0].speaker_canonical == "Charles Falconer"


def test_possessive_subject_is_not_the_speaker():
    text = 'Mark Norman’s lawyers have alleged in court documents that the prosecution was politically motivated.'
    quote = next(q for q in annotate_text(text).quotes if "prosecution" in text[q.start:q.end])
    assert quote.speaker == "Mark Norman’s lawyers" and quote.speaker_canonical != "Mark Norman"


def test_unnamed_speaker_carries_to_its_next_quote():
    text = '"The first part is long enough here," the commission said. "The second part is long enough too."'
    second = [q for q in annotate_text(text).quotes if "second part" in text[q.start:q.end]]
    assert second and second[0].speaker == "the commission"


def test_scare_quotes_are_not_quotations():
    text = 'The weather was "really awful" all week, and Kim\'s "new way" was unclear.'
    assert annotate_text(text).quotes == ()


def test_multi_paragraph_quote_is_one_quote():
    text = 'Ann Lee spoke.\n\n“One thing.\n\nAnother thing,” said Ann Lee.'
    quotes = [q for q in annotate_text(text).quotes if q.kind == "direct"]
    assert len(quotes) == 1 and "\n\n" in text[quotes[0].start:quotes[0].end]


def test_odd_marks_do_not_pair_across_paragraphs():
    text = 'He said "one two three.\n\nNo quote here at all.\n\nAnd "four five six" ends.'
    quotes = annotate_text(text).quotes
    assert not any("No quote here" in text[q.start:q.end] for q in quotes)


@pytest.mark.parametrize("text, name, kind", [
    ("Prime Minister Tony Blair visited Paris on Monday.", "Tony Blair", "person"),
    ("Prime Minister Tony Blair visited Paris on Monday.", "Paris", "place"),
    ("Shares of Acme Corp rose in London.", "Acme Corp", "organization"),
    ("The World Health Organization (WHO) warned. The WHO said more.", "World Health Organization", "organization"),
    ("The Lib Dems said so, and Lib Dem leader Charles Kennedy agreed.", "Lib Dems", "organization"),
    ("The Lib Dems said so, and Lib Dem leader Charles Kennedy agreed.", "Charles Kennedy", "person"),
    ("Investors reacted to British Prime Minister Theresa May's plan.", "Theresa May", "person"),
    ("Halle Berry and Bradley Cooper arrived in Regina.", "Bradley Cooper", "person"),
    ("CRICKET - ENGLISH COUNTY RESULTS.\n\nLONDON 1996-08-30\n\nLeicestershire beat Somerset by an innings. "
     "Somerset 83 and 174. Essex 372, Kent 108.", "Somerset", "organization"),
    ("CRICKET - ENGLISH COUNTY RESULTS.\n\nLONDON 1996-08-30\n\nLeicestershire beat Somerset by an innings. "
     "Somerset 83 and 174. Essex 372, Kent 108.", "LONDON", "place"),
    ("CRICKET - ENGLISH COUNTY RESULTS.\n\nLONDON 1996-08-30\n\nLeicestershire beat Somerset by an innings. "
     "Somerset 83 and 174. Essex 372, Kent 108.", "Essex", "organization"),
    ("Shares rose, Reuters reported on Monday.", "Reuters", "organization"),
    ("Family-controlled Douglas & Lomason rose.", "Douglas & Lomason", "organization"),
    ("SOCCER - RESULTS.\n\nMOSCOW 1996-08-30\n\nDynamo Moscow beat Rotor 2-1 in the league match.", "Dynamo Moscow",
     "organization"),
    ("SOCCER - KOREAN LEAGUE STANDINGS.\n\nSEOUL 1996-08-30\n\nPuchon 3 1 0 6 1 10\n\nChonan 3 0 1 13 10 9",
     "Puchon", "organization"),
])

def test_entity(text, name, kind):
    ann = annotate_text(text)
    assert (name, kind) in {(m.canonical, m.type) for m in ann.mentions}


@pytest.mark.parametrize("text", ["It was late.", "As ever, we won.", "Monday came. In May it rained.",
                                  "“Trade is good,” he said.", "Allowing this is wrong."])
def test_no_junk_entities(text):
    assert annotate_text(text).mentions == ()


@pytest.mark.parametrize("text, name", [("Canada decried the Huawei CFO arrest.", "Huawei CFO"),
                                        ("She won for her role in The Night Manager in 2017.", "Night Manager")])
def test_not_people(text, name):
    assert (name, "person") not in {(m.canonical, m.type) for m in annotate_text(text).mentions}


def test_abbreviation_needs_matching_initials():
    ann = annotate_text("2. Michael Johnson (U.S.) 20.02\n\n3. Jack Pierce (U.S.) 13.60")
    assert {m.type for m in ann.mentions if m.text == "U.S."} == {"place"}


def test_bylines_and_credits_name_no_one():
    text = ("Amy Forliti and Todd Richmond, The Associated Press\n\nJohn Smith spoke.\n\n"
            "Tijana Martin / The Canadian Press Anne Marie Cerato at home.")
    people = {m.canonical for m in annotate_text(text).mentions if m.type == "person"}
    assert people == {"John Smith"}


@pytest.mark.parametrize("text, content", [
    # archives typed without curly quotes: '' or `` before a word opens a quotation, '' after one closes it
    ("Tax rules vary. ''It is more tinkering at the edges,'' said Alan Cole, an economist. ''I would not call "
     "it reform.''", ["It is more tinkering at the edges,", "I would not call it reform."]),
    ("He said ``It is fine.'' Then he left.", ["It is fine."]),
    ("The word ''only'' is a quote, and Ann's book isn't one.", ["only"]),
])
def test_doubled_single_marks_are_quote_marks(text, content):
    from generator.annotate.quotes import direct_quotes
    assert [text[s.start:s.end] for s in direct_quotes(text)] == content


def test_doubled_marks_give_the_speaker():
    text = "Tax rules vary. ''It is more tinkering at the edges,'' said Alan Cole, an economist at a think tank."
    quotes = annotate_text(text).quotes
    assert [(text[q.start:q.end], q.speaker_canonical) for q in quotes] == \
        [("It is more tinkering at the edges,", "Alan Cole")]
