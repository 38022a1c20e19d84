"""Casualty framing: (report text, expected totals) tables, in our own words."""

from __future__ import annotations

import pytest

from tests.pipeline.conftest import value

CASES = [
    # a zero said of the staff of a struck site
    (
        "Russia struck a gas plant in the Poltava region overnight. No staff were hurt, the "
        "operator said.",
        {"killed": 0, "injured": 0},
    ),
    # a recap gives the figures that now stand: one of the injured died
    (
        "Drone debris fell on homes in Belgorod. Three people were injured. Later the governor "
        "said one of them had died in hospital. Thus, one person was killed and two were "
        "injured.",
        {"killed": 1, "injured": 2},
    ),
    # the attribution after the victims is no victim ("…, relatives said")
    (
        "A strike on a house in Rafah killed a couple and their two children, aged 4 and 7, "
        "relatives said.",
        {"killed": 4, "children_killed": 2},
    ),
    # "including" with no comma still names one of the group
    (
        "A drone hit a car near Tyre. Three people including a Syrian worker were wounded.",
        {"injured": 3},
    ),
    # singular forms of the person words
    (
        "A drone hit a clinic in Kassala, killing a nurse, a patient and a security guard.",
        {"killed": 3},
    ),
    # a list of people is no apposition ("the driver, a man, died" is one person)
    (
        "A drone hit a house in Kherson, killing a man, a woman and a child.",
        {"killed": 3, "children_killed": 1},
    ),
    # "the toll" alone is the death toll
    (
        "A missile hit a shopping centre in Kremenchuk. By the evening the toll had risen to "
        "nine, among them two children.",
        {"killed": 9, "children_killed": 2},
    ),
    # the first figure of a toll that later rose is no update
    (
        "A missile hit a block of flats in Dnipro. Officials initially put the death toll at "
        "three; by the evening eight people had been killed.",
        {"killed": 8},
    ),
    # a dash-delimited share of children
    (
        "At least 11 people — four of them children — were killed when a missile hit Sumy.",
        {"killed": (11, "at_least"), "children_killed": 4},
    ),
    # a child named by the age alone
    (
        "A drone hit a shop in Kherson. Three people were injured, including a 9-year-old.",
        {"injured": 3, "children_injured": 1},
    ),
    # a further strike adds to the same city's figures
    (
        "A strike on a house in Gaza City killed a woman and her two children. Another strike "
        "on a flat in the same city killed four men.",
        {"killed": 7, "children_killed": 2},
    ),
    # the body and the wounded are words of a scene, not victims of the people before them
    (
        "A bomb hit a market in Kramatorsk, killing two people. A medic carried a wounded "
        "woman to an ambulance while neighbours covered the dead with sheets.",
        {"killed": 2},
    ),
    # the cumulative toll of an offensive is no figure of this attack
    (
        "An air strike on a home in Rafah killed six people. The offensive has killed more "
        "than 40,000 people, the ministry says.",
        {"killed": 6},
    ),
    # one determiner for two nouns; a "while" clause is another group of people
    (
        "A drone hit a house in Kursk overnight. Rescuers found the bodies of a man and a "
        "woman in the ruins, while another man and woman were taken to hospital with injuries.",
        {"killed": 2, "injured": 2, "children_killed": 0, "children_injured": 0},
    ),
    # the day's figures stand, the running total does not
    (
        "The health ministry in Gaza said 72 people were killed and 235 injured in the past 24 "
        "hours, bringing the total since October 2023 to 61,000 killed.",
        {"killed": 72, "injured": 235},
    ),
    # a dash-delimited detail names the same people again
    (
        "In Lviv, four members of one family — a married couple and their two children, aged "
        "7 and 15 — were killed when a drone hit their house.",
        {"killed": 4, "children_killed": 2},
    ),
    # a victim list right after the verb
    (
        "In Deir al-Balah, an air strike on a house killed a couple and their four children.",
        {"killed": 6, "children_killed": 4},
    ),
    # animals are not casualties
    (
        "A drone hit a farm near Berdychiv, killing about 40 cows. No people were hurt.",
        {"killed": 0, "injured": 0},
    ),
    # verb before the count, verb after the count
    (
        "A Russian missile strike on Odesa killed three people and injured 12 others on Tuesday.",
        {"killed": 3, "injured": 12},
    ),
    (
        "Russian drones attacked Odesa overnight, killing two and injuring five, including "
        "a child.",
        {"killed": 2, "injured": 5, "children_injured": 1},
    ),
    (
        "Two people were killed and five wounded in a drone attack on Odesa.",
        {"killed": 2, "injured": 5},
    ),
    ("Russian forces shelled Kherson, leaving 4 dead and 9 wounded.", {"killed": 4, "injured": 9}),
    # updates: the latest toll wins
    (
        "A missile hit Dnipro on Monday, killing five people. By evening the death toll from the "
        "strike on Dnipro had risen to 11, the mayor said.",
        {"killed": 11},
    ),
    # zeros
    (
        "A drone hit a warehouse in Odesa overnight. No casualties were reported.",
        {"killed": 0, "injured": 0},
    ),
    # combined figures
    (
        "A Russian strike on Zaporizhzhia left 19 casualties, according to local authorities.",
        {"casualties": 19},
    ),
    (
        "At least 23 people were killed and injured in an attack on Kharkiv.",
        {"casualties": (23, "at_least")},
    ),
    # qualifiers and vague amounts
    (
        "More than 40 people were wounded when missiles struck Kryvyi Rih.",
        {"injured": (40, "more_than")},
    ),
    ("Dozens of people were injured in the shelling of Kherson.", {"injured": (None, "at_least")}),
    # children
    (
        "Seven people, including two children, were killed when a missile hit an apartment block "
        "in Odesa.",
        {"killed": 7, "children_killed": 2},
    ),
    (
        "Three children were among those killed in Sumy.",
        {"children_killed": 3, "killed": (3, "at_least")},
    ),
    # named victims
    (
        "A mother and her two children died in the attack on Odesa.",
        {"killed": 3, "children_killed": 2},
    ),
    # named adults only: no child among them (the seed's convention)
    (
        "In Kyiv, a couple in their 60s died when a drone crashed into their house.",
        {"killed": 2, "children_killed": 0},
    ),
    # "another" person, "a neighbour", "a passer-by": age unknown, the children figure open
    (
        "Four people died and another was injured in Kherson.",
        {"killed": 4, "injured": 1},
    ),
    (
        "In Sumy, a man and a woman in their 40s were killed, and a neighbour was injured.",
        {"killed": 2, "injured": 1, "children_killed": 0},
    ),
    (
        "In Odesa, a 60-year-old guard and a passer-by were hurt.",
        {"injured": 2},
    ),
    # a children group after a partitive clause; "N of those killed were children"
    (
        "In Kyiv, 87 people were injured, 48 of them hospitalised, including 9 children.",
        {"injured": 87, "children_injured": 9},
    ),
    (
        "In Kharkiv, 12 people were killed and 30 injured. Three of those killed were children.",
        {"killed": 12, "injured": 30, "children_killed": 3},
    ),
    # "at least" covers an elliptic second figure, not one with its own verb
    (
        "In Kharkiv, at least 38 civilians were killed and 210 injured.",
        {"killed": (38, "at_least"), "injured": (210, "at_least")},
    ),
    (
        "A missile hit Kharkiv, killing at least six people and injuring 37.",
        {"killed": (6, "at_least"), "injured": 37},
    ),
    # "the dead included" names some of the dead
    (
        "A bomb hit the market in Kyauktaw, killing 17 people. Rescuers said the dead "
        "included a 3-year-old girl and her grandmother.",
        {"killed": 17, "children_killed": (1, "at_least")},
    ),
    # "one of them an 11-year-old boy": a child among the figure
    (
        "In Ivano-Frankivsk, debris injured two people, one of them an 11-year-old boy.",
        {"injured": 2, "children_injured": 1},
    ),
    # a figure "in three regions" is the report's, not the last place's
    (
        "In Lviv, a drone hit a warehouse. The minister said one person had been killed and "
        "seven injured in three regions.",
        {"killed": 1, "injured": 7},
    ),
    # the person named after "including" is one of the four, not a fifth
    (
        "In Shebekino, four people who were nearby, including a 14-year-old boy, were wounded.",
        {"injured": 4, "children_injured": 1},
    ),
    # "one of the wounded, a woman, died": no new wounded figure
    (
        "In Kharkiv, 12 people were wounded. One of the wounded, a 70-year-old woman, died "
        "later in hospital.",
        {"injured": 12, "killed": 1, "children_killed": 0},
    ),
    # a governor's wording: injuries named by kind; "not hurt" is no casualty
    (
        "Dunayka. A drone attacked a vehicle. A 12-year-old boy received shrapnel wounds to the "
        "back. His father was not hurt.",
        {"injured": 1, "children_injured": 1},
    ),
    (
        "Belgorod. Debris fell on an industrial enterprise. A woman received a concussion.",
        {"injured": 1, "children_injured": 0},
    ),
    # "two men": grown-ups by the word; "two employees": ages left open
    (
        "A drone strike on a car near Nabatieh killed two men, the ministry said.",
        {"killed": 2, "children_killed": 0},
    ),
    (
        "In Novomoskovsk, two employees were injured at the plant.",
        {"injured": 2},
    ),
    # ", and around 15 people were injured" starts a clause; it adds no one to the boy
    (
        "In Kyaukme, four of the dead were children, the youngest a two-year-old boy, and "
        "around 15 people were injured.",
        {"injured": (15, "about"), "children_killed": 4, "killed": (4, "at_least")},
    ),
    # wire and official phrasings of "nobody hurt"
    (
        "Drone debris fell in Klintsy overnight; there was no serious damage or casualties, "
        "the governor said.",
        {"killed": 0, "injured": 0},
    ),
    (
        "A missile hit a warehouse in Odesa. There were no immediate reports of casualties.",
        {"killed": 0, "injured": 0},
    ),
    # the zero was said of the first figure; the later one may include children
    (
        "Two children were killed and their mother was injured when a missile hit Korosten. "
        "Three neighbours were also hurt, bringing the number of wounded to four.",
        {"killed": (2, "at_least"), "children_killed": 2, "injured": 4},
    ),
    # the noun after the verb names the one victim
    (
        "One person was killed in Shostka, an elderly man who stood on the platform.",
        {"killed": 1, "children_killed": 0},
    ),
    # "among the dead" names some of them: the rest may include children
    (
        "A drone hit a bus near Putyvl, killing five people. Among the dead were a 73-year-old "
        "woman and her 47-year-old daughter.",
        {"killed": 5},
    ),
    (
        "Russia fired a ballistic missile at Odesa, injuring a 15-year-old boy and a 43-year-old "
        "man.",
        {"injured": 2, "children_injured": 1},
    ),
    (
        "Ukraine's emergency service said 17 people had sought medical help after a strike on "
        "Poltava.",
        {"injured": 17},
    ),
    (
        "A six-month-old baby and her 36-year-old mother were killed in Odesa.",
        {"killed": 2, "children_killed": 1},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_totals(run, text, expected):
    totals = run(text)["totals"]
    got = {k: value(v) for k, v in totals.items() if v is not None}
    assert got == expected


AGES_NOT_COUNTS = [
    "A 36-year-old woman was injured in Kharkiv when a drone hit her house.",
    "A couple in their 60s were injured in Kharkiv when a drone hit their house.",
    "A six-month-old baby was injured in Kharkiv when a drone hit the house.",
]


@pytest.mark.parametrize("text", AGES_NOT_COUNTS)
def test_ages_are_never_counts(run, text):
    injured = run(text)["totals"]["injured"]
    assert injured is not None and injured["value"] in (1, 2)


def test_victims_have_ages_and_sex(run):
    out = run(
        "Among the dead were a 36-year-old mother, her six-month-old baby and a "
        "12-year-old girl, officials in Odesa said after the missile strike."
    )
    assert value(out["totals"]["killed"]) == 3
    assert value(out["totals"]["children_killed"]) == 2
    victims = [v for inc in out["incidents"] for v in inc["victims"]]
    assert [(v["age"], v["sex"], v["child"]) for v in victims] == [
        (36, "female", False),
        (0, None, True),
        (12, "female", True),
    ]
    assert victims[1]["age_months"] == 6


def test_not_an_attack(run):
    out = run(
        "The foreign ministers met in Geneva on Tuesday to discuss a ceasefire. Both "
        "sides said the talks were constructive and agreed to meet again next month."
    )
    assert out["is_attack"] is False
    assert out["incidents"] == [] and out["waves"] == []
    assert any("no attack" in w for w in out["warnings"])


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        (
            "A mother, her baby and a 12-year-old girl were killed in Odesa.",
            [(None, "female", False), (None, None, True), (12, "female", True)],
        ),
        (
            "A drone struck a car in Shebekino. The driver, a man, died at the scene.",
            [(None, "male", False)],
        ),
        ("A man, 45, was killed in Kharkiv.", [(45, "male", False)]),
    ],
)
def test_victim_lists(run, text, victims):
    out = run(text)
    got = [(v["age"], v["sex"], v["child"]) for i in out["incidents"] for v in i["victims"]]
    assert got == victims


@pytest.mark.parametrize(
    "text",
    [
        "Workers at the port of Antwerp went on strike for 24 hours, halting grain shipments.",
        # a drone show: the drones "launched over the city" are show drones
        "Some 400 drones rose over Riga on Saturday night in a light show for Latvia's "
        "national day. Tonight 400 drones were launched over the city to bring joy, not fear, "
        "the organiser said.",
        "Three years ago, a Russian missile hit the Kramatorsk railway station, killing 61 "
        "people. On Tuesday residents laid flowers at the station.",
        "Ukraine and Russia exchanged 84 prisoners of war on Friday, officials in Kyiv said.",
        "The company said its new delivery drone can carry 5 kg and plans to sell 1,000 of them "
        "in Texas this year.",
    ],
)
def test_no_attack_in_these(run, text):
    out = run(text)
    assert out["is_attack"] is False
    assert out["incidents"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The strike killed a 17-year-old and wounded his father, the mayor of Kherson said.",
            {"killed": 1, "children_killed": 1, "injured": 1},
        ),
        ("Rescuers pulled the bodies of six people from the rubble in Dnipro.", {"killed": 6}),
        (
            "A 9-year-old girl was among those injured in the attack on Kharkiv.",
            {"injured": (1, "at_least"), "children_injured": 1},
        ),
        ("Eleven people, including a pregnant woman, were wounded in Kryvyi Rih.", {"injured": 11}),
        (
            "Two police officers were among the wounded in Kharkiv, the ministry said.",
            {"injured": (2, "at_least")},
        ),
        (
            "The strike on Gaza City killed 12 people - eight men, three women and a child - "
            "according to the health ministry.",
            {"killed": 12, "children_killed": 1},
        ),
    ],
)
def test_more_phrasings(run, text, expected):
    totals = run(text)["totals"]
    got = {k: value(v) for k, v in totals.items() if v is not None and k in expected}
    assert got == expected
