"""Made-up text for the corpus: word lists, and the headlines, sentences and paragraphs of them.

Every function takes the random generator it draws from, so the same seed gives the same words.
"""

import random

WORDS_PER_ARTICLE = 1000

VOCABULARY = [
    "team",
    "customers",
    "market",
    "product",
    "launch",
    "quarter",
    "growth",
    "office",
    "city",
    "people",
    "work",
    "year",
    "plan",
    "company",
    "leaders",
    "engineers",
    "partners",
    "question",
    "answer",
    "decision",
    "change",
    "future",
    "research",
    "data",
    "policy",
    "report",
    "week",
    "story",
    "season",
    "show",
    "lesson",
    "trust",
    "budget",
    "hiring",
    "culture",
    "design",
    "system",
    "service",
    "platform",
    "community",
    "energy",
    "climate",
    "project",
    "release",
    "feature",
    "price",
    "cost",
    "value",
    "risk",
    "strategy",
    "goal",
    "result",
    "progress",
    "problem",
    "solution",
    "idea",
    "meeting",
    "board",
    "investor",
    "region",
    "country",
    "industry",
    "standard",
    "network",
    "process",
    "practice",
    "experience",
    "moment",
    "choice",
    "reason",
    "effort",
    "habit",
]
VERBS = [
    "builds",
    "shapes",
    "changes",
    "supports",
    "explains",
    "improves",
    "reveals",
    "challenges",
    "follows",
    "measures",
    "reaches",
    "shares",
    "opens",
    "protects",
    "delivers",
    "questions",
    "rewards",
    "tests",
    "earns",
]
ADJECTIVES = [
    "new",
    "small",
    "careful",
    "honest",
    "quiet",
    "practical",
    "open",
    "public",
    "local",
    "global",
    "steady",
    "early",
    "late",
    "clear",
    "simple",
    "bold",
    "patient",
    "long",
    "short",
    "shared",
]


def headline(rng: random.Random, number: int) -> str:
    adjective, noun, verb, other = (
        rng.choice(ADJECTIVES),
        rng.choice(VOCABULARY),
        rng.choice(VERBS),
        rng.choice(VOCABULARY),
    )
    return f"How a {adjective} {noun} {verb} our {other}".capitalize()


def sentence_pool(rng: random.Random, size: int = 600) -> list[str]:
    """The sentences every article draws from: drawing them once keeps a large build fast."""
    pool = []
    for _ in range(size):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(11, 19))]
        words.insert(2, rng.choice(VERBS))
        words.insert(4, rng.choice(ADJECTIVES))
        pool.append(" ".join(words).capitalize() + ".")
    return pool


def body_paragraphs(rng: random.Random, sentences: list[str], *, spoiler: bool) -> list[str]:
    """About `WORDS_PER_ARTICLE` words from the pool, a subheading every fifth paragraph."""
    paragraphs, words = [], 0
    while words < WORDS_PER_ARTICLE:
        chosen = rng.sample(sentences, rng.randint(4, 7))
        words += sum(sentence.count(" ") + 1 for sentence in chosen)
        text = " ".join(chosen)
        if len(paragraphs) % 5 == 4:
            paragraphs.append(f"<h2>{chosen[0][:-1]}</h2>")
        paragraphs.append(f"<p>{text}</p>")
    if spoiler:
        paragraphs.insert(
            len(paragraphs) // 2,
            f'<p>In the last episode, <span class="spoiler">{rng.choice(sentences)}</span></p>',
        )
    return paragraphs
