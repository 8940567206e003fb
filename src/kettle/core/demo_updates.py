"""The words of the demo's short updates and comments, by theme.

An update is one or two lines from its theme, sometimes a question, then its hashtags, so a
few hundred posts read as a few hundred people. Members share how things are going and what
worked for them; nobody gives medical advice. demo_posts.py does the composing."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Theme:
    stages: tuple[str, ...]  # life stages at the time of posting ("any" for everyone)
    tags: tuple[str, ...]  # one or two of these go on each post
    lines: tuple[str, ...]
    asks: tuple[str, ...]
    comments: tuple[str, ...]
    hours: tuple[int, ...] = (7, 9, 10, 11, 13, 14, 15, 19, 20, 21)
    roles: tuple[str, ...] = field(default=())  # only these roles, if given


ANY = ("expecting", "newborn", "baby", "toddler", "preschool")
LITTLE = ("newborn", "baby")

THEMES: dict[str, Theme] = {
    "nightfeeds": Theme(
        stages=LITTLE, tags=("nightfeeds", "sleep"), hours=(1, 2, 3, 3, 4, 4, 5),
        lines=(
            "3 a.m. and wide awake again. The house is so quiet it's almost peaceful.",
            "Fourth wake-up tonight. I've watched an entire series I couldn't tell you a thing about.",
            "Night feed number two done. Tea has gone cold, as is tradition.",
            "Sat in the dark with a sleepy baby on me and the rain on the window. Not the worst.",
            "Just realised I've been whispering to the cat for ten minutes.",
            "Anyone else do the night shift with one hand and scroll with the other?",
            "Tonight's feed came with a very loud burp and a very proud face.",
            "The 2 a.m. club is open. Biscuits are on me (virtually).",
            "Managed a whole four-hour stretch last night and woke up panicking that something was wrong. "
            "Nothing was. Just sleep, apparently.",
            "Half asleep, singing the same three lines of a song I don't even like.",
            "Thank goodness for the big light on the landing being someone else's job tonight.",
            "Watching the sky go from black to grey to pink with a warm little weight on my chest.",
        ),
        asks=(
            "Who else is up?", "What keeps you going at this hour?", "Podcast recommendations for the small hours?",
            "Does anyone else feel like the only person awake in Suffolk?", "How are we all doing tonight?",
        ),
        comments=(
            "Up here too. Sending solidarity and a virtual biscuit.", "You're not the only one, promise.",
            "I used to count the lamp posts outside the window. Hang in there.",
            "The 3 a.m. club salutes you.", "This too shall pass. Mostly at about 5 a.m.",
            "Cold tea club checking in.", "Same here! Just finished a feed myself.",
            "Audiobooks saved me in those months. You're doing brilliantly.",
        ),
    ),
    "sleep": Theme(
        stages=("baby", "toddler"), tags=("sleep",),
        lines=(
            "Naps today: one of twenty minutes, in the car, in the Tesco car park.",
            "We had a full night. I don't want to jinx it, so I'm telling the whole internet instead.",
            "The cot is apparently lava. The big bed, however, is perfect.",
            "Bedtime took an hour and a half and three stories about a tiger. Worth it for the cuddle at the end.",
            "Teething has arrived and so has the 4 a.m. party.",
            "Contact naps only this week. Good job I like this sofa.",
            "New record: asleep before the end of the first verse.",
            "The clocks changed and nobody told the baby.",
            "Sleep regression or just a phase? Either way I'm running on toast.",
            "Finally moved into their own room. I've checked the monitor about forty times.",
        ),
        asks=(
            "What does bedtime look like in your house?", "Anyone else in the middle of a rough patch?",
            "When did it start to get easier for you?", "Does it get better? Asking for me.",
        ),
        comments=(
            "Ours went through exactly this. It did pass, honestly.",
            "Car park naps are still naps! I'm counting it.", "The lava cot is real in our house too.",
            "Well done for getting through it. Every family's different, so go easy on yourself.",
            "We're in the same boat. Coffee at the park this week?",
            "Teething is the worst. Sending sleepy vibes.", "This made me laugh, thank you.",
            "One night at a time. You're doing great.",
        ),
    ),
    "weaning": Theme(
        stages=("baby",), tags=("weaning",),
        lines=(
            "First taste of banana today. The face! Pure betrayal, then asked for more.",
            "More broccoli went on the dog than in the baby, but we're calling it a win.",
            "Today's lunch: mashed sweet potato, worn as a hat.",
            "Bought the big bib with sleeves. Best money I've ever spent.",
            "Avocado is a hit. Toast is a hit. Anything green that isn't avocado is a crime.",
            "Sat with a notepad trying to remember everything they've tried. It's a lot of pear.",
            "The high chair now has a permanent layer of porridge. It's structural.",
            "Messy, loud and joyful. Mealtimes have changed a lot round here.",
            "Tried our first family meal all together. Nobody ate much, everybody laughed.",
        ),
        asks=(
            "What was your little one's favourite first food?", "Anyone else's dog getting very well fed lately?",
            "Best thing you've bought for mealtimes?", "How do you cope with the mess?",
        ),
        comments=(
            "The betrayal face! Ours did that with every new thing.", "The sleeved bib is a game changer.",
            "Our dog has never been happier.", "Sweet potato hat is a classic look.",
            "Ours loved anything they could hold themselves.", "The mess is half the fun. Or so I tell myself.",
            "Love this. Enjoy it, it goes so fast.",
        ),
    ),
    "bump": Theme(
        stages=("expecting",), tags=("bumpbuddies",),
        lines=(
            "Felt the first proper kicks tonight. Sat very still on the sofa for an hour just waiting.",
            "Bought a tiny hat today and had to sit down in the shop.",
            "Antenatal class this week. Learnt a lot, mostly that I know nothing.",
            "Hospital bag is packed. Then unpacked. Then packed again.",
            "The bump has decided it likes being poked at 11 p.m. on the dot.",
            "Building the cot took two of us, three hours and one mysterious spare screw.",
            "Everyone keeps asking if we're ready. Is anyone ever ready?",
            "Had our scan today. Still can't quite believe it's real.",
            "Nesting has kicked in. I've cleaned the skirting boards. Twice.",
            "Walked along the river today and made plans for walks next year with a buggy.",
        ),
        asks=(
            "Who else is due around the same time?", "What did you actually use from your hospital bag?",
            "Any bump buddies near me fancy a decaf and a chat?", "How are you all feeling this week?",
        ),
        comments=(
            "Congratulations! Such an exciting time.", "We're due the same month. Hello, bump buddy!",
            "The mystery spare screw is part of every cot, I'm sure of it.",
            "Nobody feels ready and everybody manages. You'll be great.",
            "Those first kicks are the best. Enjoy them.", "Would love a decaf and a chat!",
            "Sending you lots of good wishes.",
        ),
    ),
    "toddler": Theme(
        stages=("toddler", "preschool"), tags=("toddlerlife",),
        lines=(
            "Today's meltdown was because I cut the toast into triangles. Yesterday triangles were fine.",
            "Found a raisin in my shoe, a sock in the fridge and a toy dinosaur in the washing machine.",
            "We went to see the diggers at the building site for the fifth time this week. Still thrilling.",
            "New word today: 'biscuit', used with great confidence and at great volume.",
            "Puddle jumping in full waterproofs. Soaked anyway.",
            "They put their own shoes on! On the wrong feet, but still.",
            "Spent the morning being told, very seriously, about a bus.",
            "Walked at toddler pace to the shop. Took forty minutes. Saw every snail in town.",
            "The word 'no' has arrived and it's being used for everything, including things they want.",
            "Preschool settling-in today. I cried in the car, they didn't look back.",
        ),
        asks=(
            "What's the funniest reason for a meltdown in your house this week?",
            "Rainy-day ideas, anyone?", "Where's your favourite muddy walk?",
            "Is it just mine who loves diggers this much?",
        ),
        comments=(
            "Triangle toast gate! Ours is the same with the blue cup.",
            "The snail inspection walk is a classic.", "This is brilliant. Ours is obsessed with bin lorries.",
            "Wrong feet still counts!", "The dinosaur in the washing machine made me laugh out loud.",
            "We did the preschool cry in the car too. It gets easier.",
            "Soaked anyway is the only way.",
        ),
    ),
    "dad": Theme(
        stages=ANY, tags=("dadlife",), roles=("dad",),
        lines=(
            "Only dad at baby group again. Everyone was lovely, though, and the biscuits were top notch.",
            "Mastered the one-handed nappy change. Please clap.",
            "Buggy run along the seafront this morning. Slow, sweaty and very happy.",
            "Paternity leave is nearly over and I'm not ready to go back.",
            "Bath time is officially my job now and I take it very seriously.",
            "Changing table in the gents at the café today. Small things, but it made a difference.",
            "Sang every song I know at bedtime. Turns out I only know about four.",
            "Shared parental leave has been the best decision we made.",
            "Saturday mornings are ours: park, swings, bacon roll. Non-negotiable.",
        ),
        asks=(
            "Any other dads up for a walk this weekend?", "Dads: where do you find your people?",
            "What's your go-to bedtime song?", "Any dad-friendly groups near here?",
        ),
        comments=(
            "Count me in for a walk!", "Bacon roll Saturdays sound perfect.",
            "Good to see more dads on here.", "The four-song rota is universal, I think.",
            "I'd come along to a dads' coffee morning.", "Well done, that's no small thing.",
        ),
    ),
    "out": Theme(
        stages=ANY, tags=("getoutside",),
        lines=(
            "Lovely walk along the front in {town} this morning. Windy but worth it.",
            "Found a café in {town} with space for buggies and a proper changing room. A rare treat.",
            "Baby massage class this morning. Everyone fell asleep except the babies.",
            "Rhyme time at the library in {town} was packed today. So nice to see new faces.",
            "First time out on my own with the pram. Made it to the park and back. Huge.",
            "The playground in {town} is finally open again after the works.",
            "Met two other parents on a bench today and we've already swapped numbers.",
            "Swimming lesson today: lots of splashing, a few tears (mine) and a very proud moment.",
            "The farm park was quiet today. Lambs, mud and a very excited small person.",
        ),
        asks=(
            "Anyone fancy a walk in {town} this week?", "Where's good for a rainy day round {town}?",
            "Know any buggy-friendly cafés near {town}?", "Any groups in {town} you'd recommend?",
        ),
        comments=(
            "I'd love to join next time!", "Which café? Always looking for new ones.",
            "We go to that rhyme time too. Say hello next week!", "That's a big step. Well done you.",
            "Sounds like a perfect morning.", "Love the farm park. The tractor rides are a hit here.",
            "Would be up for a walk, just say when.",
        ),
    ),
    "work": Theme(
        stages=("baby", "toddler", "preschool"), tags=("backtowork",),
        lines=(
            "First day back at work. Spent my lunch break looking at photos of the baby.",
            "Nursery drop-off went well. I didn't. Cried into a very large coffee.",
            "Keeping in touch days done. It feels strange being 'me from before' again.",
            "Three days in the office, two at home with the little one. Still working out the rhythm.",
            "Packed lunches, nursery bag, laptop bag and the wrong shoes. Tuesday.",
            "My manager asked how I was doing and I nearly told them about nappies.",
            "Settling in at nursery this week. They've already got a best friend.",
        ),
        asks=(
            "How did your first week back go?", "Any tips for the morning rush that aren't 'get up earlier'?",
            "How do you switch off after work?",
        ),
        comments=(
            "The lunch-break photo scroll is real.", "The nursery drop-off cry happens to all of us.",
            "You're doing brilliantly, juggling all that.",
            "It took me a few months to find a rhythm. Be kind to yourself.",
            "Same here. The wrong shoes are my Tuesday too.", "Lovely that they've made a friend already.",
        ),
    ),
    "wins": Theme(
        stages=ANY, tags=("smallwins",),
        lines=(
            "Small win: showered, dressed and out of the house by ten.",
            "Had a hot cup of tea. The whole thing. While it was hot.",
            "First proper giggle today. I'll be replaying it in my head all week.",
            "Rolled over for the first time and looked as surprised as we were.",
            "Cooked an actual dinner with vegetables and everything.",
            "Made it to a meetup for the first time. So glad I did.",
            "Waved bye-bye to the postman. The postman waved back. Best day.",
            "Managed a walk on my own while my partner did bath time. Felt like a holiday.",
            "Read a whole chapter of a book. For me. Not about sleep.",
        ),
        asks=("What's your small win today?", "Anyone else celebrating tiny things?"),
        comments=(
            "Hot tea is a massive win.", "The first giggle is the best sound in the world.",
            "Go you! That's not small at all.", "Love this. Celebrating with you.",
            "The postman wave! Brilliant.", "A whole chapter! Living the dream.",
        ),
    ),
    "village": Theme(
        stages=ANY, tags=("findingmyvillage",),
        lines=(
            "Moved to {town} a few months ago and don't know many people yet. Saying hello here.",
            "Had a proper chat with another parent at the park today. I didn't realise how much I needed it.",
            "My family are two hours away and some days I really feel it.",
            "Went to my first meetup. Nervous beforehand, so glad afterwards.",
            "None of my friends have kids yet, so this place has been a lifeline.",
            "Someone messaged to say they'd seen me at the library and would I like a coffee. Made my week.",
            "It's funny how quickly strangers with prams become friends.",
        ),
        asks=(
            "Anyone near {town} fancy meeting up?", "How did you find your people?",
            "Anyone else new to the area?",
        ),
        comments=(
            "Welcome! Lots of lovely people round here.", "I felt exactly the same. It does get easier.",
            "I'm nearby, would love to meet up.", "So glad you came along.",
            "This is what it's all about.", "Say hi at the next meetup!",
        ),
    ),
    "carer": Theme(
        stages=ANY, tags=("grandparentcarers",), roles=("carer",),
        lines=(
            "It's a long time since I did the toddler years. Everything has changed except the tantrums.",
            "Took my grandson to the seafront with a flask and a bag of chips. Perfect afternoon.",
            "Foster carer meeting today. Such a kind, dedicated group of people.",
            "Bedtimes were easier when I was thirty. Still worth every minute.",
            "Nobody at toddler group guesses I'm the nan until I tell them.",
        ),
        asks=("Any other grandparents doing the toddler years all over again?",
              "Where do other carers meet up round here?"),
        comments=(
            "You're amazing. It's no small thing.", "Chips on the seafront, the best kind of afternoon.",
            "There are a few of us! Let's start a group.", "Love this. Such a lucky little one.",
        ),
    ),
}

# Author replies under a comment on their own post, and replies between commenters.
AUTHOR_REPLIES = (
    "Thank you, that really helps.", "Ha, glad it's not just us!", "Thank you, honestly made my day.",
    "Yes please, let's sort something out.", "That's so kind, thank you.", "You're a star.",
    "It's good to know we're not alone in this.", "I'll let you know how we get on!",
)
# On vent-mode posts and posts behind a content note the author only ever says thank you.
GRATEFUL = (
    "Thank you, that means a lot.", "Thank you for being so kind.", "This helps more than you know.",
    "Thank you. I'm glad I posted.",
)
THREAD_REPLIES = (
    "Same here!", "This is so true.", "Completely agree.", "Ha, yes!", "Me too, every time.",
    "I'd come along too.", "Sending love.",
)

# Just-need-to-vent posts: support, not advice. Replies stay kind and suggest nothing.
VENTS = (
    "I don't need advice, I just need to say this somewhere. Today was really hard. Nothing went right, "
    "everyone was crying, including me, and I feel like I'm getting it all wrong.",
    "Just need to vent. Someone at the shop commented on how I was feeding my baby and I've been "
    "replaying it all day. I know we're doing what's right for us. It still stung.",
    "No advice please, I just need to get this out. I love my little one so much, and I also miss "
    "my old life some days, and I feel guilty for even thinking that.",
)
VENT_REPLIES = (
    "Sending you a big hug. You're doing so much better than you think.",
    "That sounds really hard. I'm glad you said it here.", "You're not getting it wrong. Thinking of you.",
    "Here for you. No advice, just a hug.", "That stinks. You didn't deserve that comment at all.",
    "Both things can be true. It doesn't make you any less of a brilliant parent.",
    "Heard and held. Look after yourself tonight.",
)

# Posts behind a content note, folded until a reader opens them.
NOTED = (
    ("loss", "followers",
     "Today would have been our due date. We lost our baby at fourteen weeks in the spring. I'm not "
     "sure why I'm writing this, except that this community has been kind and I didn't want the day "
     "to pass without saying their name somewhere, even to myself. Thank you for being here."),
    ("loss", "public",
     "A year since our miscarriage. I found it hard to talk about at the time. If you're going "
     "through it now: you're not alone, and it's OK not to be OK. Talking to my GP and to a "
     "support group helped me more than I expected."),
    ("birth story", "public",
     "Three weeks on and I finally feel able to write a little about the birth. It didn't go to "
     "plan, not even slightly, but the midwives were wonderful and we're home and healing. Full "
     "story on my blog when I'm ready."),
)

# Kind replies under the posts behind a content note.
NOTE_REPLIES = {
    "loss": (
        "I'm so sorry. Thinking of you today.", "Sending love to you and your family.",
        "Thank you for sharing this. Holding you in my thoughts.", "Saying their name with you. Much love.",
        "We went through something similar. You're not alone.",
    ),
    "birth story": (
        "Thank you for sharing. Sending healing thoughts.", "So glad you're home. Be gentle with yourself.",
        "That sounds like a lot. Well done, all of you.", "Looking forward to reading more when you're ready.",
    ),
}

# A few updates mention someone the author follows.
MENTIONS = (
    "Lovely to see @{handle} today.", "@{handle}, you'll know this feeling!", "Thinking of you, @{handle}.",
    "Thanks for the chat earlier, @{handle}.",
)
