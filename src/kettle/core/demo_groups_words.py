"""What the demo's groups say: rules, posts and kind replies, in the voices of Suffolk parents."""

RULES = {
    "local": "1. Be kind. We're all tired.\n2. No selling or advertising, except in the monthly swap thread.\n"
             "3. Meet-ups happen in public places: parks, cafés, libraries, children's centres.\n"
             "4. Worried about your health or your baby's? Call your midwife, health visitor, GP or NHS 111.",
    "classes": "1. What's shared here stays here.\n2. Teachers answer questions about classes; for anything "
               "medical, ask your health visitor.\n3. No photos of other people's babies without asking.",
    "dads": "1. No judgement, no one-upmanship.\n2. Banter's fine; cruelty isn't.\n3. If you're struggling, say "
            "so. Someone here has been there.",
    "loss": "1. This is a space for grief, in whatever shape it comes.\n2. No baby announcements or bump photos.\n"
            "3. For more support: Sands (stillbirth and neonatal death), the Miscarriage Association, your GP, or "
            "Samaritans on 116 123 any time.",
    "feeding": "1. Fed is fed: no judgement about how anyone feeds their baby.\n2. Anonymous posts are welcome; "
               "don't try to guess who wrote them.\n3. We share experience, not medical advice: for that, your "
               "midwife, health visitor, GP or a feeding specialist.",
}

IPSWICH_POSTS = [
    "Welcome to Ipswich Parents! Introduce yourself below: your name, your little one's age, and where you like "
    "to walk. Meet-ups are always somewhere public (the park café, the library, the museum's baby mornings).",
    "Does anyone know a baby-friendly café near the Waterfront with space for a pram? Ideally one where nobody "
    "minds a crying baby at 10am.",
    "Rhyme time at the County Library is back on Thursdays from next week. We went today and my daughter loved "
    "the bubbles.",
    "Christchurch Park was gorgeous this morning. Anyone fancy a walk next Tuesday? We'll be by the Mansion café "
    "at ten.",
    "Recommendations for a swimming class for a seven-month-old? Happy to travel a bit.",
    "Is anyone else's baby refusing the car seat lately? Every trip to Tesco is a battle.",
]

CLUB_POSTS = [
    "Hello from Bury! Anyone else finding the third trimester heartburn unbelievable?",
    "Who's been to the antenatal classes at the West Suffolk? Worth it?",
    "Hospital bag: what did you actually use? Trying not to overpack.",
    "Our little one arrived last week! Tired but so happy. How's everyone doing?",
    "Anyone up for a walk in the Abbey Gardens next week? Bumps and babies welcome.",
    "Tips for getting some sleep when everything aches?",
]

BABY_CLASS_POSTS = [
    "Thank you to everyone at Tuesday's baby massage in Kesgrave. My son slept for four hours afterwards!",
    "Is the Sudbury sensory class still on over half term?",
    "We're going for a cuppa after signing class on Friday if anyone wants to join us.",
]

DADS_POSTS = [
    "First week back at work after paternity leave. How did you all cope with leaving in the morning?",
    "Best carrier for a tall dad? My back is not a fan of ours.",
    "Football in the park with the toddlers on Sunday was chaos. Same again next week?",
]

FEEDING_POSTS = [
    "Our health visitor's drop-in at the children's centre on Wednesdays has a feeding supporter now. She was "
    "brilliant with our latch.",
    "Combination feeding from week three and it's been the best decision for us. Happy to chat if anyone's "
    "thinking about it.",
]

FEEDING_ANONYMOUS = [
    "I stopped breastfeeding at two weeks and I still feel like I failed. Does that feeling go away?",
    "My partner keeps commenting on how often the baby feeds. It's making me anxious to feed in front of him.",
    "I'm pumping exclusively and I'm exhausted. Is it OK to stop?",
]

KIND_REPLIES = [
    "You're doing so well. Honestly.",
    "Same here! You're not on your own.",
    "Sending a big hug. It does get easier.",
    "We went through exactly this. Happy to chat whenever you like.",
    "Thank you for posting this, it helps to know it's not just us.",
    "I'd love to come along!",
    "Great tip, thank you.",
    "Your health visitor will be happy to help with this too, if you want another pair of eyes.",
]
