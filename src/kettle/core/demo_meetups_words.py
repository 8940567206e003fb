"""The words of the demo's Suffolk meetups: venues, Little Steps Suffolk's courses, members'
playdates and coffees, the dads' Saturday walk, and the questions people ask under them.
demo_meetups.py does the building.

Venues are public places, given by street (never a house number). A plan names its venues in
order of preference: the first one whose town the demo has is used, and a plan none of whose
towns exist is left out."""

from __future__ import annotations

PRAM, CHANGING, FEEDING, STEP_FREE, PARKING = (
    "pram_access", "baby_changing", "breastfeeding_friendly", "step_free", "parking")
ALL = (PRAM, CHANGING, FEEDING, STEP_FREE, PARKING)

# key -> the venue. "org": added by Little Steps Suffolk's admin for its classes.
VENUES: dict[str, dict] = {
    "ipswich_library": dict(
        town="Ipswich", name="Ipswich County Library", kind="library", address="Northgate Street",
        facilities=(PRAM, CHANGING, FEEDING, STEP_FREE),
        notes="The children's library is on the ground floor, with space to park buggies by the picture books. "
              "Rhyme time is on Monday and Friday mornings."),
    "christchurch_park": dict(
        town="Ipswich", name="Christchurch Park", kind="park", address="Soane Street",
        facilities=(PRAM, CHANGING, FEEDING),
        notes="Wide tarmac paths, two playgrounds and toilets with baby changing by the Soane Street gate. "
              "The Mansion café has high chairs and is happy for you to feed."),
    "jungle_tumble": dict(
        town="Ipswich", name="Jungle Tumble Soft Play", kind="soft_play", address="Ransomes Way",
        facilities=ALL,
        notes="A separate baby and toddler area for the under-2s. Socks on for grown-ups and children."),
    "chantry_hub": dict(
        town="Ipswich", name="Chantry Family Hub", kind="childrens_centre", address="Hawthorn Drive", org=True,
        facilities=ALL,
        notes="Ring the bell at the main door; the family room is on the ground floor. Free parking out front."),
    "kesgrave_centre": dict(
        town="Kesgrave", name="Kesgrave Community Centre", kind="community_centre", address="Twelve Acre Approach",
        org=True, facilities=ALL,
        notes="The small hall at the back has carpet and heating that works. Free car park right outside."),
    "millennium_field": dict(
        town="Kesgrave", name="Millennium Field", kind="park", address="Main Road", facilities=(PRAM, PARKING),
        notes="A fenced toddler playground and plenty of grass. No toilets, but the community centre is a "
              "two-minute walk."),
    "woodbridge_hall": dict(
        town="Woodbridge", name="Woodbridge Community Hall", kind="community_centre", address="Station Road",
        org=True, facilities=(PRAM, CHANGING, FEEDING, STEP_FREE),
        notes="Step-free from the station side. Pay-and-display parking by the river, five minutes away."),
    "woodbridge_cafe": dict(
        town="Woodbridge", name="The Riverside Café", kind="cafe", address="Quayside",
        facilities=(PRAM, CHANGING, FEEDING, STEP_FREE),
        notes="Room for a few buggies at the big table by the window, and they'll warm a bottle if you ask."),
    "felixstowe_library": dict(
        town="Felixstowe", name="Felixstowe Library", kind="library", address="Crescent Road",
        facilities=(PRAM, CHANGING, STEP_FREE),
        notes="Baby and toddler books downstairs, with a lift. Story time on Thursday afternoons."),
    "felixstowe_gardens": dict(
        town="Felixstowe", name="Felixstowe Seafront Gardens", kind="park", address="Undercliff Road West",
        facilities=(PRAM, CHANGING, PARKING),
        notes="Flat paths along the prom. The kiosk by the Spa Pavilion does tea, and there are toilets with "
              "baby changing next to it."),
    "felixstowe_hub": dict(
        town="Felixstowe", name="Felixstowe Family Hub", kind="childrens_centre", address="Langer Road", org=True,
        facilities=ALL, notes="Buggy park inside the main door. Quiet room for feeding."),
    "hadleigh_guildhall": dict(
        town="Hadleigh", name="Hadleigh Guildhall", kind="church_hall", address="Market Place", org=True,
        facilities=(PRAM, CHANGING, FEEDING, STEP_FREE),
        notes="Use the side entrance on Church Street for the ramp. Parking on Magdalen Road."),
    "hadleigh_rec": dict(
        town="Hadleigh", name="Hadleigh Recreation Ground", kind="park", address="Magdalen Road",
        facilities=(PRAM, PARKING),
        notes="A big playground and a muddy path down to the river: wellies recommended."),
    "stowmarket_hub": dict(
        town="Stowmarket", name="Stowmarket Family Hub", kind="childrens_centre", address="Bury Road", org=True,
        facilities=ALL, notes="The sensory room is at the end of the corridor, past the buggy park."),
    "stowmarket_rec": dict(
        town="Stowmarket", name="Stowmarket Recreation Ground", kind="park", address="Finborough Road",
        facilities=(PRAM, CHANGING, PARKING),
        notes="Toilets with baby changing by the pavilion, and picnic benches under the trees."),
    "sudbury_hall": dict(
        town="Sudbury", name="St Gregory's Church Hall", kind="church_hall", address="Gregory Street", org=True,
        facilities=(PRAM, CHANGING, FEEDING, STEP_FREE),
        notes="Through the gate beside the church. Warm, with a small kitchen for tea."),
    "abbey_gardens": dict(
        town="Bury St Edmunds", name="Abbey Gardens Café", kind="cafe", address="Angel Hill",
        facilities=(PRAM, CHANGING, FEEDING, STEP_FREE),
        notes="Inside the Abbey Gardens gate. Plenty of room for buggies, and the gardens to wander afterwards."),
    "bury_library": dict(
        town="Bury St Edmunds", name="Bury St Edmunds Library", kind="library", address="Sergeants Walk",
        facilities=(PRAM, CHANGING, STEP_FREE), notes="Bounce and rhyme on Wednesday mornings."),
    "everitt_park": dict(
        town="Lowestoft", name="Nicholas Everitt Park", kind="park", address="Bridge Road",
        facilities=(PRAM, CHANGING, PARKING),
        notes="Next to Oulton Broad, with a playground, a café and toilets with baby changing."),
}

MASSAGE = ("Gentle weeks learning baby massage: strokes for tummies, legs, backs and faces, with songs to go "
           "with them and time for a cuppa and a chat at the end. Bring a towel and a spare nappy; we provide "
           "unscented oil. Babies can feed, sleep or cry whenever they need to: that's all part of it.\n\n"
           "Book the whole course, or come when you can.")
SENSORY = ("Bubbles, lights, music, textures and gentle play for babies from three months to crawling and "
           "beyond. Each week has a theme (under the sea, in the garden, colours), and we finish with a song "
           "and a natter.")
MESSY = ("Every other Monday: taste-safe messy play (jelly, cooked spaghetti, yoghurt paint) for babies who can "
         "sit up, or nearly. Wear old clothes and bring a spare set for your baby!")
CLASS_ACCESS = ("Step-free, with baby changing. Mats and cushions on the floor and chairs for anyone who'd "
                "rather sit. Pay-what-you-can places: just ask.")

# Little Steps Suffolk's courses. weekday: 0 is Monday. host: a local of demo_data.FEATURED on the team.
COURSES: list[dict] = [
    dict(key="massage_kesgrave", venues=("kesgrave_centre", "woodbridge_hall"), host="amara",
         title="Baby massage (0-6 months), Tuesday mornings", description=MASSAGE, weekday=1, time=(10, 0),
         minutes=60, every=1, sessions=6, ages=(0, 6), capacity=10, cost="£6 a session, or £30 for the course",
         accessibility=CLASS_ACCESS, people=8, changes=True),
    dict(key="massage_ipswich", venues=("chantry_hub",), host="amara",
         title="Baby massage (0-6 months), Thursday afternoons", description=MASSAGE, weekday=3, time=(13, 30),
         minutes=60, every=1, sessions=5, ages=(0, 6), capacity=8, cost="£6 a session, or £25 for the course",
         accessibility=CLASS_ACCESS, people=6),
    dict(key="sensory_woodbridge", venues=("woodbridge_hall", "felixstowe_hub"), host="jo",
         title="Baby sensory (3-12 months)", description=SENSORY, weekday=2, time=(9, 30), minutes=60, every=1,
         sessions=6, ages=(3, 12), capacity=12, cost="£6.50 a session, or £35 for the course",
         accessibility=CLASS_ACCESS, people=9),
    dict(key="sensory_stowmarket", venues=("stowmarket_hub", "felixstowe_hub"), host="jo",
         title="Baby sensory (3-12 months), Friday mornings", description=SENSORY, weekday=4, time=(10, 0),
         minutes=60, every=1, sessions=6, ages=(3, 12), capacity=10, cost="£6.50 a session, or £35 for the course",
         accessibility=CLASS_ACCESS, people=7),
    dict(key="messy_fortnightly", venues=("sudbury_hall", "hadleigh_guildhall"), host="jo",
         title="Baby sensory: messy play, every other Monday", description=MESSY, weekday=0, time=(10, 30),
         minutes=60, every=2, sessions=4, ages=(6, 12), capacity=8, cost="£5 a session, and your first one is free",
         accessibility="Step-free, with baby changing. Wipe-clean mats, and we bring plenty of towels.", people=5),
]
# One course has a session moved (the first from session 3 whose new day is free) and the
# next one after it cancelled; sessions on Christmas Eve, the Christmas bank holidays and New
# Year's Day don't run at all.
MOVED = dict(course="massage_kesgrave", from_session=3, days_later=2, time=(10, 30))
CANCEL_REASON = ("The community centre is a polling station that day, so we can't have the hall. Sorry! The "
                 "other sessions are as planned.")
HOLIDAY_REASON = "No class over the Christmas break. Have a lovely time, and see you after!"

# The dads' Saturday morning, in Little Steps Suffolk's Suffolk Dads group.
DADS = dict(
    venues=("christchurch_park", "millennium_field"), host="tom", title="Saturday dads' walk and coffee",
    description="A loop of the park with buggies and carriers, then coffee. Toddlers on scooters welcome. Dads, "
                "step-dads, granddads and dads-to-be: just turn up, and look for the orange buggy.",
    weekday=5, time=(9, 0), minutes=90, every=1, sessions=4, cost="Free (the coffee's on you)",
    accessibility="Tarmac paths all the way round, fine for any buggy.", people=6)
DADS_MESSAGE = ("Morning all! We're meeting at the main gate this week, not the café. If it's pouring, we'll "
                "skip the walk and go straight for coffee.")

# Members' own meetups. audience: "public", "followers" or a group's name. host: a featured
# local if they live near the venue, else the nearest member who can host it.
MEETUPS: list[dict] = [
    dict(key="park_walk", venues=("christchurch_park",), audience="Ipswich Parents", kind="coffee", host="",
         title="Wednesday pram walk and coffee", weekday=2, time=(10, 0), minutes=90, ages=(0, 18),
         description="You voted for Wednesdays! A slow lap of the park with the prams, then the Mansion café. "
                     "I'll wait by the Soane Street gate until ten past.", people=8),
    dict(key="soft_play", venues=("jungle_tumble",), audience="public", kind="playdate", host="",
         title="Under-2s soft play morning", weekday=4, time=(9, 30), minutes=90, ages=(0, 24), capacity=6,
         cost="£4.50 a child, grown-ups free", full=True,
         description="I've booked the baby area, which fits six families, so places are limited. Crawlers, "
                     "shufflers and early walkers all welcome.", people=9),
    dict(key="rhyme_time", venues=("ipswich_library",), audience="Ipswich Parents", kind="playdate", host="",
         title="Rhyme time, then a natter", weekday=0, time=(10, 0), minutes=75, ages=(0, 36),
         description="The library's free rhyme time, then whoever fancies it goes for a coffee round the corner.",
         people=6),
    dict(key="bump_coffee", venues=("woodbridge_cafe",), audience="public", kind="coffee", host="priya",
         title="Bump and baby coffee: new to Woodbridge", weekday=3, time=(11, 0), minutes=60, capacity=8,
         approval=True,
         description="I'm new here and due soon, so I'd love to meet other parents-to-be and new parents. I'm "
                     "approving people as they ask, just so I know who to look out for. Big table by the window.",
         people=4),
    dict(key="seafront", venues=("felixstowe_gardens",), audience="public", kind="coffee", host="maureen",
         title="Seafront stroll and a cuppa", weekday=1, time=(10, 30), minutes=90,
         description="Along the prom towards the Spa Pavilion and back, with a tea at the kiosk. Grandparents "
                     "and carers very welcome; I'm one myself.", people=5),
    dict(key="toddler_field", venues=("millennium_field",), audience="followers", kind="playdate", host="tom",
         title="Toddler run-around at Millennium Field", weekday=6, time=(10, 0), minutes=90, ages=(12, 36),
         description="Just letting the toddlers burn off some energy in the fenced playground. Bring a snack.",
         people=4),
    dict(key="muddy_walk", venues=("hadleigh_rec",), audience="public", kind="playdate", host="hannah",
         title="Muddy walk and playground", weekday=3, time=(10, 0), minutes=90, ages=(18, 48),
         description="Down to the river and back via the big playground. Wellies and waterproofs!", people=4),
    dict(key="preemie_coffee", venues=("abbey_gardens",), audience="public", kind="coffee", host="alex",
         title="Coffee for parents of babies born early", weekday=2, time=(11, 0), minutes=90,
         description="For anyone whose baby spent time in the neonatal unit, however long ago. No need to talk "
                     "about it unless you want to; cake is compulsory.", people=4),
    dict(key="twins", venues=("everitt_park",), audience="public", kind="playdate", host="dan",
         title="Twins and multiples meet-up", weekday=4, time=(10, 0), minutes=90, ages=(0, 24),
         description="Double buggies welcome (the café door is wide enough, I've checked). Expecting twins? "
                     "Come along too.", people=3),
    dict(key="lgbtq_picnic", venues=("stowmarket_rec",), audience="public", kind="playdate", host="kerry",
         title="LGBTQ+ families' picnic", weekday=5, time=(12, 0), minutes=120,
         description="A relaxed picnic for LGBTQ+ parents, parents-to-be and their little ones, and anyone who'd "
                     "like to come along. Bring a blanket and something to share.", people=4),
]

# (meetup or course key, who asks, question, the host's answer). The asker is one of the people who
# answered: the latest, or the latest first-timer or person on the waitlist.
QUESTIONS: list[tuple[str, str, str, str]] = [
    ("massage_kesgrave", "", "Is there parking?",
     "Yes, there's a free car park right outside the community centre, and it's step-free from there."),
    ("sensory_woodbridge", "", "Can I bring my 2-year-old too?",
     "Of course: siblings are welcome, and there's a box of toys for them. The activities are for the babies, "
     "so if they're happy playing alongside, that's perfect."),
    ("park_walk", "first_timer", "First time coming to anything like this, a bit nervous! What do you look like?",
     "You'll be very welcome! I'll be the one with the green pram and a flask. Say hi and I'll introduce you."),
    ("soft_play", "waitlisted", "Is there room for one more if someone drops out?",
     "You're on the waitlist, so if someone can't come you'll get their place straight away and hear about it."),
    ("dads", "", "Is the path all right for a normal pram, not an off-road one?",
     "Tarmac all the way round, so any buggy is fine."),
    ("bump_coffee", "requested", "Is it OK if my partner comes too?", "Definitely, partners very welcome."),
    ("seafront", "", "What happens if it rains?", "We'll go into the Spa Pavilion café instead. See you there!"),
]
