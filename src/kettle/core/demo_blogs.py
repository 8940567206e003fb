"""The words of the demo's blog posts and blog rolls.

A blog post is a hand-written title, an opening, three paragraphs from its theme, a short
list of what helped (things, people and places, never medical advice) and a closing line.
demo_posts.py picks and composes them."""

from __future__ import annotations

# (title, theme) — the theme chooses the paragraphs and hashtags; see PARAGRAPHS.
TITLES: list[tuple[str, str]] = [
    ("Month four: the one where nobody slept", "nights"), ("Notes from the 3 a.m. club", "nights"),
    ("What I wish I'd known about the nights", "nights"), ("The night shift, a love letter", "nights"),
    ("Twelve weeks in and finally finding our feet", "newborn"), ("The fog of the first fortnight", "newborn"),
    ("Visitors, boundaries and a lot of tea", "newborn"), ("Our first month, in lists", "newborn"),
    ("Weaning diaries: week one", "weaning"), ("Weaning diaries: the broccoli incident", "weaning"),
    ("Mealtimes are loud now, and I love it", "weaning"), ("Everything is a spoon", "weaning"),
    ("Thirty weeks and counting", "expecting"), ("Packing the hospital bag (three times)", "expecting"),
    ("Things nobody told me about the third trimester", "expecting"), ("Getting the nursery ready", "expecting"),
    ("The only dad at baby group", "dads"), ("Shared parental leave: what it was really like", "dads"),
    ("Saturday mornings with my daughter", "dads"), ("Buggy running, slowly", "dads"),
    ("Back to work: the first month", "work"), ("Nursery settling-in, from the car park", "work"),
    ("Being 'me from before' again", "work"), ("Keeping in touch days and mixed feelings", "work"),
    ("Toddler logic, explained (badly)", "toddler"), ("A week of diggers", "toddler"),
    ("The big puddle review", "toddler"), ("Preschool, and letting go a little", "toddler"),
    ("Finding my village in a new town", "village"), ("How a bench in the park changed my year", "village"),
    ("On being the first of my friends to have a baby", "village"), ("Walks worth doing with a buggy", "village"),
    ("Eight weeks early: our neonatal story", "early"), ("Corrected age and other new vocabulary", "early"),
    ("Grandparenting, the second time round", "carers"), ("Notes from a foster carer's kitchen table", "carers"),
    ("Double trouble: a day with twins", "twins"), ("Two mums, one baby, a lot of laundry", "family"),
    ("How we became a family through adoption", "family"), ("Our birth story", "birth"),
    ("The birth that didn't go to plan", "birth"), ("After our loss", "loss"),
]

TAGS = {
    "nights": ("nightfeeds", "sleep"), "newborn": ("newborn",), "weaning": ("weaning",),
    "expecting": ("bumpbuddies",), "dads": ("dadlife",), "work": ("backtowork",), "toddler": ("toddlerlife",),
    "village": ("findingmyvillage",), "early": ("prem",), "carers": ("grandparentcarers",), "twins": ("twins",),
    "family": ("familiesofallshapes",), "birth": ("birthstory",), "loss": ("babyloss",),
}
NOTES = {"birth": "birth story", "loss": "loss"}

OPENINGS = [
    "I've been meaning to write this for weeks, but, well, you know how it is.",
    "Writing this with a sleeping baby on my lap, so forgive any typos.",
    "A few people asked me to write this up, so here it is, warts and all.",
    "This is mostly for me, so I remember. But maybe it helps someone else too.",
    "It's been a while since my last post. Life has been full, in every sense.",
    "I'm writing this at the kitchen table with a cold cup of tea, which feels about right.",
    "Every time I sit down to write, something needs me. Third attempt lucky.",
]

PARAGRAPHS: dict[str, list[str]] = {
    "nights": [
        "The nights are the part I found hardest to explain to anyone who hadn't done them. It isn't just "
        "the tiredness. It's the strange, quiet loneliness of being the only one awake, and the way the "
        "small hours make every worry feel bigger than it is.",
        "What got me through was small and silly: a flask of tea by the bed, a playlist of songs I knew "
        "all the words to, and a group chat full of other parents who were also up.",
        "Some nights were lovely, honestly. A warm, heavy baby, a street light outside, and nothing to do "
        "but sit there. I didn't expect to miss them, but I think I might.",
        "We stopped keeping score of who did more wake-ups. It wasn't helping either of us.",
        "Nobody warned me about the dawn chorus. Birds at 4 a.m. are much less charming when you've "
        "just got someone back to sleep.",
    ],
    "newborn": [
        "The first weeks went by in a blur of feeds, nappies and visitors. I remember very little except "
        "the smell of the top of their head and a lot of toast.",
        "We learnt to say no to visitors, or at least 'not yet'. The people who loved us understood, and "
        "the ones who brought food were welcomed like heroes.",
        "I cried at adverts, at the washing machine finishing, at a kind text from a neighbour. My health "
        "visitor was lovely about it and I'm glad I mentioned it to her.",
        "At some point, around week ten, I realised I'd stopped counting the days and started enjoying "
        "some of them.",
        "Our lists saved us: who'd fed when, which side of the bed the muslins were on, whose turn it was "
        "to shower. Romance is not dead, it just has a spreadsheet now.",
    ],
    "weaning": [
        "We started slowly, with a lot of mess and a lot of laughing. I've given up trying to keep the "
        "kitchen floor clean before three o'clock.",
        "Some foods are loved, some are thrown, and some are loved one day and thrown the next. I've "
        "stopped taking it personally.",
        "The best part has been eating together. Even when it's chaos, it feels like we're a little "
        "family round a table.",
        "Our dog has become very fond of the high chair. I suspect he thinks it was bought for him.",
        "I keep a list on the fridge of what we've tried. It's mostly fruit, a lot of toast and one "
        "memorable encounter with a lemon.",
    ],
    "expecting": [
        "Everyone tells you about the kicks. Nobody tells you that they'll come exactly when you've got "
        "comfortable in bed.",
        "We've been to antenatal classes and I've come away with a head full of new words and a room full "
        "of new friends, which might be the best bit.",
        "The nursery is nearly ready. By nearly, I mean the cot is built and everything else is in bags.",
        "Some days I feel completely ready. Other days I look at the car seat and wonder how anyone does this.",
        "My midwife has been brilliant at answering my questions, even the ones I was embarrassed to ask.",
    ],
    "dads": [
        "I'm often the only dad in the room, and I used to find that awkward. These days I just bring "
        "biscuits and it seems to work.",
        "Time on my own with the baby has been the making of me as a dad. I learnt their cries, their "
        "jokes and exactly how they like their socks.",
        "I'd love more dads to feel they belong at groups and classes. We're here, we're tired, we want to "
        "chat too.",
        "The Saturday morning routine is sacred now: park, swings, a bacon roll and home before the nap.",
        "Going back to work after leave was harder than I expected. I missed the ordinary Tuesday stuff.",
    ],
    "work": [
        "The first morning back I was more organised than I've ever been, and still forgot my lanyard.",
        "Nursery settling-in was harder for me than for them. They waved me off; I sat in the car park "
        "for ten minutes.",
        "It's odd being 'me from before' again. Some of her is still there, some of her has changed, and "
        "I'm working out how I feel about that.",
        "Colleagues have been kind. It helps that half of them have been through it too.",
        "The best thing I did was talk honestly with my manager about the days that would be tricky.",
    ],
    "toddler": [
        "Toddlers have their own logic, and once you accept it, life gets funnier. The blue cup is "
        "sacred. The red cup is an insult.",
        "We spend a lot of time looking at diggers. I now have opinions about excavators.",
        "Every puddle is a challenge to be met with full commitment. Waterproofs are a suggestion.",
        "There's a new word every day now, and a new question, and the questions are getting harder.",
        "Letting go at the preschool door is one of those small moments that feels enormous.",
    ],
    "village": [
        "When we moved here I didn't know a single other parent. The first few months were lonely in a "
        "way I didn't expect.",
        "It started with a bench in the park and a stranger asking how old the baby was. We now meet "
        "every week.",
        "Going to my first meetup took three attempts. I got as far as the door twice and went home. The "
        "third time, someone held the door open and said hello, and that was that.",
        "Our village is a group chat, two benches, a café that doesn't mind buggies and a handful of "
        "people I'd now call friends.",
        "If you're reading this and feeling on your own: it does change, and it often starts with one "
        "small hello.",
    ],
    "early": [
        "Our little one arrived eight weeks early, and the neonatal unit became our whole world for a while.",
        "The nurses were extraordinary. They taught us how to hold someone so small and made us feel like "
        "parents, not visitors.",
        "Coming home was joyful and terrifying at once. Every little sound at night had us wide awake.",
        "'Corrected age' became part of our vocabulary. It helped to stop comparing with other babies.",
        "Charities like Bliss were a lifeline, and so were other parents who'd been there.",
    ],
    "carers": [
        "I brought up my own children a long time ago. Doing it again, for a grandchild, is a different "
        "kind of love and a different kind of tired.",
        "The toddler groups have changed a lot, but the welcome is the same. Nobody minds that I'm older.",
        "Foster caring is full of hellos and goodbyes. The hellos are wonderful. The goodbyes never get easier.",
        "We've found a lovely group of other carers. We swap stories, lend each other car seats and share "
        "a lot of cake.",
    ],
    "twins": [
        "Two babies means two of everything, except hands, which is a design flaw.",
        "People stop us in the street every single time. I've got my answers down to a fine art.",
        "When they both sleep at once, I don't know whether to nap, eat or stare at the wall. Usually the wall.",
        "Twins Trust and a local twins group have made such a difference. Other twin parents just get it.",
    ],
    "family": [
        "Our family doesn't look like the ones in the baby books, and that's fine. It looks like us.",
        "We get questions, mostly kind, occasionally clumsy. We answer the ones we want to.",
        "Finding other families like ours has been one of the best things about this community.",
        "The laundry, it turns out, is the same for everybody.",
    ],
    "birth": [
        "Nothing went to plan, and in the end that didn't matter nearly as much as I'd feared.",
        "The midwives were calm and kind, and they explained everything, even when I wasn't taking much in.",
        "I've found it helpful to talk it through, with my partner, my health visitor and a friend who'd "
        "had a similar experience.",
        "If your birth didn't go the way you hoped, you're allowed to have feelings about that, all of them.",
    ],
    "loss": [
        "We lost our baby in the spring. I've started and deleted this post many times.",
        "Some days are fine and some days aren't, and I'm learning that both are allowed.",
        "Talking helped more than I expected: to my partner, to our GP, and to a support group where "
        "nobody needed anything explained.",
        "If you're going through it too, I'm so sorry. Charities like Tommy's and Sands have kind, "
        "practical support and people to talk to.",
    ],
}

HELPED = [
    "A flask of tea within reach", "The library's rhyme time", "A group chat that's awake at 3 a.m.",
    "Walks, even short ones", "Saying yes when people offered to help", "Our health visitor",
    "Batch-cooked dinners from my mum", "A sling for the grumpy evenings", "A good podcast",
    "Friends who didn't mind a messy house", "Getting outside every day, rain or shine",
    "Being honest about how I was feeling", "The café with the big changing room",
]

CLOSINGS = [
    "If you're in the middle of it, I'm sending you a cup of tea and a hug.",
    "Thanks for reading. Come and say hello at a meetup.", "That's all for now. More when I've slept.",
    "I'd love to hear how it's going for you, so leave a comment.",
    "Be gentle with yourselves. We're all working it out.",
]

BLOG_COMMENTS = [
    "This is beautifully written. Thank you for sharing it.", "I felt every word of this.",
    "Saving this to read again at 3 a.m.", "So much of this was us too.",
    "Thank you. I needed to read this today.", "Lovely post. Looking forward to the next one.",
    "Sending you so much love.", "I laughed, I nearly cried, I shared it with my partner.",
]

# External blogs and sites for blog rolls: real, long-standing places for parents.
EXTERNAL_BLOGS = [
    ("NHS Start for Life", "https://www.nhs.uk/start-for-life/"),
    ("Bliss", "https://www.bliss.org.uk/"),
    ("Twins Trust", "https://twinstrust.org/"),
    ("Tommy's", "https://www.tommys.org/"),
    ("NCT", "https://www.nct.org.uk/"),
]
