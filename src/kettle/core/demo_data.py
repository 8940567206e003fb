"""The words and people of the demo community in Suffolk, and the few small functions that
turn children's ages into words. demo.py does the planning and building.

Bios are written the way members write about themselves: warm, plain British English, no
advice. Generated members combine an opener, a middle and a closer, so 200 bios read as
200 people rather than one template."""

from __future__ import annotations

# Where the demo lives: Ipswich, the centre we measure "near" from.
CENTRE = (52.06, 1.16)
MAX_KM = 70.0

# (gazetteer name, short form for handles, weight). Names that the gazetteer lacks (or that
# it only has somewhere else in the country) are skipped by the builder.
TOWNS: list[tuple[str, str, int]] = [
    ("Ipswich", "ipswich", 30), ("Bury St Edmunds", "bury", 12), ("Lowestoft", "lowestoft", 9),
    ("Felixstowe", "felixstowe", 8), ("Stowmarket", "stowmarket", 7), ("Kesgrave", "kesgrave", 6),
    ("Woodbridge", "woodbridge", 6), ("Haverhill", "haverhill", 6), ("Sudbury", "sudbury", 5),
    ("Newmarket", "newmarket", 5), ("Beccles", "beccles", 3), ("Hadleigh", "hadleigh", 3),
    ("Needham Market", "needham", 3), ("Mildenhall", "mildenhall", 3), ("Framlingham", "fram", 2),
    ("Saxmundham", "sax", 2), ("Halesworth", "halesworth", 2), ("Leiston", "leiston", 2),
    ("Bungay", "bungay", 2), ("Brandon", "brandon", 2), ("Martlesham", "martlesham", 2),
    ("Rushmere St Andrew", "rushmere", 2), ("Aldeburgh", "aldeburgh", 1), ("Southwold", "southwold", 1),
    ("Eye", "eye", 1), ("Debenham", "debenham", 1), ("Lavenham", "lavenham", 1),
    ("Long Melford", "melford", 1), ("Wickham Market", "wickham", 1), ("Rendlesham", "rendlesham", 1),
    ("Claydon", "claydon", 1), ("Bramford", "bramford", 1), ("Capel Saint Mary", "capel", 1),
    ("East Bergholt", "bergholt", 1), ("Elmswell", "elmswell", 1), ("Thurston", "thurston", 1),
    ("Woolpit", "woolpit", 1), ("Kessingland", "kessingland", 1), ("Clare", "clare", 1),
    ("Glemsford", "glemsford", 1),
]

ROLE_WEIGHTS = {"mum": 50, "dad": 20, "parent": 9, "carer": 5, "parent_to_be": 16}

FEMALE_NAMES = [
    "aisha", "zainab", "olivia", "emily", "sophie", "ellie", "megan", "laura", "gemma", "kirsty", "stacey",
    "becky", "charlotte", "lucy", "katie", "rachel", "sarah", "helen", "claire", "nicola", "lauren", "amy",
    "holly", "zoe", "rosie", "georgia", "harriet", "freya", "imogen", "niamh", "siobhan", "aoife", "ffion",
    "cerys", "bethan", "agnieszka", "kasia", "oana", "ioana", "ana", "maria", "lucia", "fatima", "maryam",
    "yasmin", "leila", "samira", "ayesha", "sana", "anjali", "deepa", "kavita", "meera", "simran",
    "harpreet", "mei", "lin", "yuki", "chiamaka", "ngozi", "adaeze", "funmi", "tolu", "abena", "ama",
    "grace", "joy", "precious", "shanice", "jade", "kayleigh", "danielle", "natalie", "victoria", "abigail",
    "bethany", "eleanor", "florence", "matilda", "esme", "poppy", "daisy", "tilly", "nell", "kate", "anna",
    "jenny", "beth", "tash", "steph", "carly", "leanne", "donna", "tina", "mel", "vicky", "fran", "hattie",
    "iona", "kirsten", "morag", "eilidh", "roisin", "ciara",
]
MALE_NAMES = [
    "ben", "jack", "harry", "oliver", "josh", "luke", "matt", "rob", "ryan", "liam", "connor", "callum",
    "kieran", "aaron", "adam", "joe", "will", "george", "alfie", "ollie", "rhys", "owen", "gareth", "dewi",
    "ewan", "fraser", "craig", "darren", "lee", "wayne", "stuart", "gavin", "neil", "marcus", "andre",
    "tyrone", "kwame", "kofi", "emeka", "tunde", "ade", "raj", "arjun", "vikram", "sunil", "imran", "bilal",
    "omar", "tariq", "yusuf", "hamza", "ali", "piotr", "tomasz", "marek", "andrei", "mihai", "luca",
    "marco", "diego", "mateo", "kenji", "wei", "seb", "theo", "felix", "hugo", "rory", "finn", "declan",
    "cian", "patrick",
]
NEUTRAL_NAMES = [
    "sam", "charlie", "jordan", "robin", "jules", "frankie", "ash", "kit", "rowan", "sky", "morgan",
    "riley", "billie", "max", "jesse", "remy", "toni", "sasha", "eden", "quinn", "ren", "taylor", "kai",
]
INITIALS = "ABCDEFGHJKLMNOPRSTW"

# Hobbies read well in a sentence ("Trying to get back into running"); topics are tags only.
HOBBIES = [
    "running", "wild swimming", "crafts", "walking", "swimming", "music and singing", "cooking",
    "gardening", "photography", "board games", "cycling", "knitting", "football", "baking", "camping",
    "reading",
]
TOPICS = [
    "baby massage", "slings", "baby-led weaning", "breastfeeding", "bottle feeding", "baby yoga",
    "sensory play", "forest school", "cloth nappies", "returning to work", "podcasts", "beach walks",
    "working parents", "single parents", "coffee", "dogs",
]
EXPECTING_INTERESTS = ["pregnancy yoga", "hypnobirthing", "nursery decorating", "antenatal classes"]
ROLE_INTERESTS = {
    "dad": ["dads"], "carer": ["grandparents", "fostering", "kinship care"],
    "parent": ["adoption", "lgbtq+ parents", "co-parenting"],
}

# --- Featured members: hand-written, always built first, some printed as demo logins ------
# children: ("born", months ago, weeks early) | ("due", days ahead) | ("lost", days ahead):
# a pregnancy whose loss the member has privately recorded.
FEATURED: list[dict] = [
    dict(local="amara", name="Amara O.", role="mum", town="Ipswich", pronouns="she/her",
         children=[("born", 4, 0)], interests=["baby massage", "slings", "reading"],
         visibility="everyone", discoverable=True, public=True, login=True,
         bio="Mum to a four-month-old who thinks sleep is optional. Moved to Ipswich from London "
             "last year, so I'm looking for friends with babies the same age. Baby massage on "
             "Tuesdays, long walks along the waterfront the rest of the week."),
    dict(local="tom", name="Tom H.", role="dad", town="Kesgrave", pronouns="he/him",
         children=[("born", 20, 0)], interests=["dads", "running", "baby-led weaning"],
         visibility="followed", discoverable=True, public=False, login=True,
         bio="Dad to a very busy toddler. Back at work three days a week and on toddler duty the "
             "rest. Looking for other dads up for a Saturday morning run with the buggy, or just a "
             "coffee afterwards."),
    dict(local="priya", name="Priya S.", role="parent_to_be", town="Woodbridge", pronouns="she/her",
         children=[("due", 120)], interests=["pregnancy yoga", "reading", "wild swimming"],
         visibility="everyone", discoverable=True, public=False, login=True,
         bio="First baby due in {due}. My partner and I are new to Woodbridge and don't know anyone "
             "with children yet, so hello! Keen on gentle swims, good books and anything involving cake."),
    dict(local="jo", name="Jo M.", role="mum", town="Stowmarket", pronouns="she/her",
         children=[("born", 7, 0)], interests=["lgbtq+ parents", "baby massage", "crafts"],
         visibility="everyone", discoverable=True, public=True, login=True, note="two-mum family",
         follows=["kerry", "amara"],
         bio="One of two mums to a seven-month-old (my wife Kerry is on here too). Loving the baby "
             "groups in Stowmarket and would love to swap stories with more families like ours."),
    dict(local="kerry", name="Kerry M.", role="mum", town="Stowmarket", pronouns="she/her",
         children=[("born", 7, 0)], interests=["lgbtq+ parents", "running", "returning to work"],
         visibility="followed", discoverable=False, public=False, follows=["jo"],
         bio="Mum number two in our house. Back at work and missing the daytime groups, so I'm here "
             "for weekend walks, crafts and a lot of coffee."),
    dict(local="maureen", name="Maureen B.", role="carer", town="Felixstowe",
         children=[("born", 26, 0)], interests=["grandparents", "crafts", "beach walks"],
         visibility="followed", discoverable=True, public=False, login=True, note="grandparent carer",
         bio="Nan and full-time carer for my grandson, who has just turned two and keeps me on my "
             "toes. It's a long time since I last did the toddler years, so it's lovely to find "
             "people going through it now. Usually on the seafront with a flask."),
    dict(local="alex", name="Alex R.", role="parent", town="Bury St Edmunds", pronouns="they/them",
         children=[("born", 14, 8)], interests=["premature babies", "reading", "music and singing"],
         visibility="everyone", discoverable=True, public=True, follows=["dan"],
         bio="Parent to a little one who arrived eight weeks early and is now charging about like "
             "nothing happened. Always happy to chat with anyone whose baby started out in the "
             "neonatal unit."),
    dict(local="dan", name="Dan W.", role="dad", town="Lowestoft", pronouns="he/him",
         children=[("born", 10, 4), ("born", 10, 4)], interests=["twins", "dads", "slings", "cooking"],
         visibility="everyone", discoverable=True, public=False, follows=["tom", "alex"],
         bio="Stay-at-home dad to twins. Double the nappies, double the giggles. Keen to meet other "
             "twin families around Lowestoft, or any dad who fancies a coffee while the babies nap "
             "(if they ever nap at the same time)."),
    dict(local="hannah", name="Hannah L.", role="mum", town="Hadleigh",
         children=[("born", 30, 0), ("lost", 60)], interests=["reading", "baking", "forest school"],
         visibility="everyone", discoverable=False, public=False,
         bio="Mum to a chatty two-year-old. Part-time at the library, full-time snack provider. "
             "Looking for friends for muddy walks and rainy-day play."),
    dict(local="femi", name="Femi A.", role="parent_to_be", town="Ipswich", pronouns="he/him",
         children=[("due", 200)], interests=["dads", "football", "cooking"],
         visibility="followed", discoverable=True, public=False, follows=["tom"],
         bio="Dad-to-be, due {due}. Reading everything and understanding about half of it. Would "
             "love to meet other dads-to-be in Ipswich for a walk or a pint."),
    dict(local="ruth", name="Ruth K.", role="carer", town="Haverhill", pronouns="she/her",
         children=[("born", 40, 0), ("born", 9, 0)], interests=["fostering", "sensory play", "gardening"],
         visibility="nobody", discoverable=True, public=False,
         bio="Foster carer for over ten years. Right now our house has a busy preschooler and a baby "
             "in it. Happy to chat to anyone thinking about fostering or looking after children in "
             "the family."),
    dict(local="james", name="James P.", role="dad", town="Bury St Edmunds", pronouns="he/him",
         children=[("born", 44, 0)], interests=["adoption", "lgbtq+ parents", "dads", "swimming"],
         visibility="followed", discoverable=True, public=True, follows=["alex"],
         bio="One of two dads to our daughter, who joined us through adoption last year. Preschool "
             "runs, swimming lessons and a lot of Lego. Always happy to talk adoption with anyone "
             "considering it."),
    dict(local="gemma", name="Gemma T.", role="mum", town="Beccles",
         children=[("born", 22, 0), ("lost", 90)], interests=["wild swimming", "walking", "podcasts"],
         visibility="followed", discoverable=True, public=False, follows=["dan"],
         bio="Mum to a toddler who loves diggers. Part of the furniture at the lido in summer. "
             "Here for kind people and honest chats."),
    dict(local="lily", name="Lily C.", role="mum", town="Felixstowe", pronouns="she/her",
         children=[("born", 1, 0)], interests=["bottle feeding", "music and singing", "walking"],
         visibility="everyone", discoverable=True, public=False, follows=["maureen"],
         bio="Twenty-one and mum to a brand-new baby. None of my friends have kids yet, so I'm "
             "here to find some who get it."),
    dict(local="chloe", name="Chloe D.", role="mum", town="Sudbury",
         children=[("born", 28, 0), ("due", 150)], interests=["crafts", "baking", "slings"],
         visibility="everyone", discoverable=True, public=True,
         bio="Mum to a two-year-old and expecting number two in {due}. Trying to enjoy the last "
             "months of just the three of us."),
]

# --- Bio fragments for everyone else ------------------------------------------------------
# {kids}: "a four-month-old", "twins", "a toddler and a baby"; {due}: "March"; {town}; {interest}.
OPENERS: dict[str, list[str]] = {
    "mum": [
        "Mum to {kids}.", "Mum of {kids} and running on tea.", "First-time mum to {kids}.",
        "Mum to {kids}, part-time finder of lost socks.", "Proud, tired mum to {kids}.",
        "Mum to {kids} and slowly getting the hang of it.", "Mama to {kids}.",
        "Mum to {kids}, back from maternity leave and missing the daytime groups.",
        "Mum to {kids} and very good at one-handed toast.", "One of two mums to {kids}.",
    ],
    "dad": [
        "Dad to {kids}.", "Stay-at-home dad to {kids}.", "Dad of {kids}, learning as I go.",
        "Dad to {kids} and the household's chief nappy changer.", "Shift-working dad to {kids}.",
        "Dad to {kids}. Usually the only bloke at baby group, and happy to change that.",
        "On shared parental leave with {kids}.", "Dad to {kids} and a very patient dog.",
        "One of two dads to {kids}.",
    ],
    "parent": [
        "Parent to {kids}.", "Adoptive parent to {kids}.", "Solo parent to {kids}.",
        "Co-parenting {kids} across two homes, and it mostly works.", "Parent to {kids}, by way of adoption.",
        "Parent to {kids} and still surprised every day.",
        "Parent to {kids}, sharing the load with my partner.",
    ],
    "carer": [
        "Grandparent and full-time carer for {kids}.", "Foster carer, currently looking after {kids}.",
        "Kinship carer for {kids} in the family.", "Bringing up our grandchild with my husband.",
        "Special guardian to {kids}.",
    ],
    "parent_to_be": [
        "Expecting our first in {due}.", "First-time parent-to-be, due in {due}.",
        "Counting down to {due}.", "Baby due in {due} and trying not to buy everything in sight.",
        "Expecting a little one in {due}, and a bit overwhelmed by it all.",
        "Due in {due}. Mostly excited, occasionally terrified.",
    ],
}
MIDDLES = [
    "New to {town} and keen to meet other parents nearby.",
    "Lived in {town} all my life; happy to share the best baby-friendly cafés.",
    "Moved to {town} last year and still finding my feet.",
    "Usually found at the park in {town} with a flask.",
    "Into {interest} and always up for a chat about it.",
    "Trying to get back into {interest}, slowly.",
    "Would love to find a {interest} buddy near {town}.",
    "My family are miles away, so I'm building a village in {town}.",
    "Big fan of {interest}, small fan of early mornings.",
    "Work part-time and spend the rest of the week exploring {town} with the buggy.",
    "Recently discovered {interest} and a bit hooked.",
    "",
]
CLOSERS = [
    "Always up for a walk and a coffee.", "Awake at 3 a.m. more often than not, so say hello.",
    "Come and say hi at a meetup.", "Tea, biscuits and honest chat welcome.",
    "No judgement here; we're all working it out.", "Looking for my village.",
    "Say hi if you're nearby!", "Will swap tips for cake.", "Happy to listen if you need a natter.",
    "Rainy-day play dates very welcome.", "Here for the laughs as much as anything.", "",
]
PRONOUNS = {"female": "she/her", "male": "he/him", "neutral": "they/them"}


# --- Ages in words ------------------------------------------------------------------------
NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "twenty-one", "twenty-two", "twenty-three",
]


def _an(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def one_child(months: int) -> str:
    if months < 3:
        return "a newborn"
    if months < 24:
        return _an(f"{NUMBER_WORDS[months]}-month-old")
    if months < 60:
        return _an(f"{NUMBER_WORDS[months // 12]}-year-old")
    return "a school starter"


def _noun(months: int) -> str:
    return "a baby" if months < 12 else "a toddler" if months < 36 else "a preschooler"


def kids_phrase(children: list[tuple]) -> str:
    born = sorted((c[1] for c in children if c[0] == "born"), reverse=True)
    if len(born) == 2 and born[0] == born[1]:
        return "twins"
    if len(born) >= 2:
        older, younger = _noun(born[0]), _noun(born[1])
        return f"{older} and {younger}" if older != younger else "two little ones"
    return one_child(born[0]) if born else "a little one"
