"""`manage.py seed_demo`: fill an empty newsroom with demo content for Northwind Labs.

Everything is keyed by slug (tags by name) and only ever added, never overwritten, so the command
can run again at any time, also after editors have changed the demo pieces.
"""

import io
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont
from taggit.models import Tag

from articles.models import Article, Author, Byline, ContentWarning
from newsroom.checks import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from newsroom.models import SitePage, SiteSettings

ORGANISATION = "Northwind Labs"
ADMIN_URL = "http://127.0.0.1:8000/admin/"

SITE_SETTINGS = {
    "site_name": "Northwind Labs Newsroom",
    "news_heading": "News",
    "news_introduction": "Announcements, op-eds and stories from the people who build Fieldbook "
    "and the other tools of Northwind Labs.",
    "news_description": "News, press releases and op-eds from Northwind Labs, the company behind "
    "the Fieldbook app for field researchers.",
}


@dataclass(frozen=True)
class DemoAuthor:
    slug: str
    name: str
    role: str
    bio: str
    colour: str

    @property
    def initials(self) -> str:
        return "".join(word[0] for word in self.name.split())


@dataclass(frozen=True)
class DemoImage:
    """A generated illustration; `alt` describes what `motif` actually draws."""

    motif: str  # "ferry", "buildings", "bars-down", "steps" or "circles"
    sky: tuple[str, str]
    accents: tuple[str, ...]
    alt: str
    caption: str
    credit: str = "Illustration: Northwind Labs"


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    headline: str
    kind: str
    dek: str
    body: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    # Days before the run; negative schedules it. None leaves the time empty (drafts).
    days_ago: int | None
    hour: int = 9
    status: str = Article.Status.PUBLISHED
    introduction: str = ""
    image: DemoImage | None = None
    is_featured: bool = False
    # (text, subject) of a spoiler warning, e.g. ("contains spoilers for season one", "A show")
    spoiler_warning: tuple[str, str] | None = None
    origin_url: str = ""
    origin_platform: str = ""
    origin_days_earlier: int | None = None


@dataclass(frozen=True)
class DemoPage:
    slug: str
    title: str
    body: str
    nav_order: int = 0
    status: str = SitePage.Status.PUBLISHED
    show_in_navigation: bool = True


AUTHORS = [
    DemoAuthor(
        slug="dana-whitfield",
        name="Dana Whitfield",
        role="Co-CEO",
        bio="Dana Whitfield co-founded Northwind Labs and has led it alongside Marcus Ellis since "
        "its first day. Before that she spent a decade building data tools for coastal survey "
        "teams.",
        colour="#1f6f78",
    ),
    DemoAuthor(
        slug="marcus-ellis",
        name="Marcus Ellis",
        role="Co-CEO",
        bio="Marcus Ellis co-founded Northwind Labs and, as co-CEO, leads its product and "
        "engineering work. He writes now and then about planning, product design and running a "
        "company in the open.",
        colour="#7a3e65",
    ),
    DemoAuthor(
        slug="ruth-calloway",
        name="Ruth Calloway",
        role="Head of Communications",
        bio="Ruth Calloway leads communications at Northwind Labs, from this newsroom to the "
        "company's press relations. She joined after several years as an editor of a science "
        "magazine.",
        colour="#b5562b",
    ),
    DemoAuthor(
        slug="theo-marsh",
        name="Theo Marsh",
        role="Staff Writer",
        bio="Theo Marsh writes news and features for the Northwind Labs newsroom. He is most "
        "often found interviewing the people who build and support Fieldbook.",
        colour="#3b5b92",
    ),
]

SHOWCASE_INTRODUCTION = """\
<p>Our co-CEO Dana Whitfield wrote this piece for her LinkedIn followers after a winter weekend \
spent with a television drama about a small island ferry company. It drew more replies than \
anything she has posted, many of them from colleagues here at Northwind Labs.</p>
<p>We are re-publishing it with her permission and without changes. Dana discusses how the first \
season ends, so if you plan to watch the show, you may want to save this for later.</p>"""

SHOWCASE_BODY = """\
<p>Over the holidays my family talked me into a show I had been avoiding for months: \
<em>Low Tide at Marrow Bay</em>, a slow drama about the crew of a two-boat ferry company that \
keeps a small island connected to the mainland. I expected something cosy. What I got was the \
most accurate portrait of a workplace I have seen on screen, and I have not stopped thinking about \
it.</p>
<h2>The captain everyone trusted</h2>
<p>For most of the first season, Captain Penhale is the heart of the company. He knows every rock \
in the channel, every regular passenger by name and every trick for nursing an ageing engine \
through one more winter. The crew adore him, and so did I. Then, in the seventh episode, we learn \
<span class="spoiler">that the engine has been failing inspections for two years, and that \
Penhale has been signing off repairs that were never made, because he could not bear to tell the \
owners the boat needed replacing</span>.</p>
<p>He is not a villain. He is a decent man who became the only one allowed to know how things \
really were. Everyone around him had handed over their judgement along with their trust, and the \
company was one storm away from disaster.</p>
<h2>The deckhand with the notebook</h2>
<p>The person who saves the company is Wren, the youngest deckhand, who has spent the whole season \
writing things down: departure times, fuel use, the noises the engine makes on cold mornings. \
Nobody asked her to. When the crisis comes, her notebook is the only honest record anyone has, and \
it lets the owners make a hard decision quickly instead of a desperate one slowly.</p>
<p>Watching it, I made a list of what I want to be true at Northwind Labs:</p>
<ul>
<li>Nobody should be the only person who knows how something really works.</li>
<li>Raising a problem early should be the most rewarded thing you can do, not the riskiest.</li>
<li>Writing things down is not bureaucracy; it is how a team remembers.</li>
<li>The people who notice small noises are worth hearing, whatever their job title.</li>
</ul>
<blockquote><p>“I didn’t keep the book to catch anyone out. I kept it because the boat was \
trying to tell us something, and somebody ought to be listening.”</p></blockquote>
<p>That line from the finale is now on a note stuck to my monitor. I have been the captain in \
that story more often than I like to admit: the one who absorbs the bad news to spare everyone \
else, and in doing so makes sure nobody can help. If you lead a team, watch it, then ask who the \
Wren is in your organisation and whether you have made it safe for her to open her notebook.</p>"""

MEDIUM_BODY = """\
<p>Every December for six years, we wrote an annual plan. Every March, we quietly stopped reading \
it. The plan was never wrong when we wrote it; the world simply moved faster than a document \
could.</p>
<p>Two years ago we switched to planning in seasons: four stretches of about thirteen weeks, each \
with no more than three goals for the whole company. This is what we learned.</p>
<h2>What changed</h2>
<ul>
<li>Goals became smaller and sharper: thirteen weeks is short enough to picture the end.</li>
<li>Teams stopped padding estimates, because a missed season costs weeks rather than a year.</li>
<li>The end of each season became a natural moment to stop work that was not paying off.</li>
</ul>
<h2>What we gave up</h2>
<p>We lost the comfort of one document that seemed to answer every question. Some partners found \
the change unsettling, and we had to get better at explaining the direction behind the seasons, \
not just the seasons themselves.</p>
<blockquote><p>A plan is a conversation you agree to keep having, not a promise you agree to stop \
thinking about.</p></blockquote>
<p>If your annual plan is already gathering dust, try a single season. The worst that can happen \
is that you learn something by spring.</p>"""

ARTICLES = [
    DemoArticle(
        slug="what-a-tv-show-teaches-us-about-work",
        headline="What a TV show teaches us about work",
        kind=Article.Kind.OP_ED,
        dek="A quiet drama about an island ferry crew has more to say about honesty at work than "
        "most management books, argues our co-CEO.",
        introduction=SHOWCASE_INTRODUCTION,
        body=SHOWCASE_BODY,
        authors=("dana-whitfield",),
        tags=("Leadership", "Culture", "Television"),
        days_ago=45,
        hour=10,
        is_featured=True,
        spoiler_warning=("contains spoilers for season one", "Low Tide at Marrow Bay"),
        origin_url="https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana-whitfield/",
        origin_platform="LinkedIn",
        origin_days_earlier=4,
        image=DemoImage(
            motif="ferry",
            sky=("#1d2a4d", "#e0894a"),
            accents=("#f4c26b", "#14203b", "#f2efe6"),
            alt="Illustration of a small white ferry on dark water under an orange evening sky "
            "with a low yellow sun.",
            caption="The first season follows the crew of a two-boat island ferry company.",
        ),
    ),
    DemoArticle(
        slug="plan-in-seasons-not-years",
        headline="Plan in seasons, not years",
        kind=Article.Kind.OP_ED,
        dek="Why Northwind Labs replaced its annual plan with four short seasons, and what it "
        "cost.",
        introduction="<p>Marcus Ellis first published this essay on Medium, where readers asked "
        "how the change worked in practice. We share it here as he wrote it.</p>",
        body=MEDIUM_BODY,
        authors=("marcus-ellis",),
        tags=("Leadership", "Product"),
        days_ago=100,
        hour=8,
        origin_url="https://medium.com/@marcus-ellis/plan-in-seasons-not-years-5c1e0a7d2b94",
        origin_platform="Medium",
        origin_days_earlier=2,
    ),
    DemoArticle(
        slug="northwind-labs-opens-a-second-studio-in-lisbon",
        headline="Northwind Labs opens a second studio in Lisbon",
        kind=Article.Kind.PRESS_RELEASE,
        dek="The new studio will be home to forty people building research tools by the end of "
        "next year.",
        body="""\
<p><strong>Lisbon</strong> — Northwind Labs, the company behind the Fieldbook app for field \
researchers, today opened its second studio, in a converted warehouse near the river.</p>
<p>The studio starts with twelve people from the product, research and support teams and will grow \
to about forty by the end of next year. Most new roles will be advertised locally.</p>
<ul>
<li>Two floors with space for forty people</li>
<li>A workshop for testing devices in rain, heat and dust</li>
<li>A support desk that extends Fieldbook's help hours into the evening</li>
</ul>
<blockquote><p>“Our users work in every time zone and every kind of weather. A second studio \
means more of them reach a person who can help, at a reasonable hour,” said Marcus Ellis, \
co-CEO of Northwind Labs.</p></blockquote>
<h2>About Northwind Labs</h2>
<p>Northwind Labs builds software for people who do research outdoors. Logos and fact sheets are \
in our <a href="/press-kit/">press kit</a>.</p>""",
        authors=("ruth-calloway",),
        tags=("Hiring", "Research"),
        days_ago=170,
        hour=9,
        image=DemoImage(
            motif="buildings",
            sky=("#cfe3e8", "#f5f1e6"),
            accents=("#2f6d5a", "#4c8c6f", "#7fb08a", "#f5f1e6"),
            alt="Illustration of a row of simple green buildings with square windows against a "
            "pale sky.",
            caption="The studio occupies two floors of a former warehouse.",
        ),
    ),
    DemoArticle(
        slug="we-will-publish-our-carbon-accounts-every-quarter",
        headline="We will publish our carbon accounts every quarter",
        kind=Article.Kind.ANNOUNCEMENT,
        dek="Starting this quarter, Northwind Labs will report its emissions four times a year, "
        "including the parts that are hard to measure.",
        body="""\
<p>Northwind Labs will publish its carbon accounts every quarter instead of once a year. The \
first report covers the three months to the end of last month.</p>
<h2>What the reports will include</h2>
<ul>
<li>Electricity and heating in both studios</li>
<li>Business travel, by train, car and plane</li>
<li>The servers that run Fieldbook's sync service</li>
<li>An honest estimate of what we cannot yet measure well</li>
</ul>
<p>Reporting more often lets us see the effect of a decision within months rather than a year, \
and makes it harder to explain away a bad quarter.</p>
<blockquote><p>We would rather publish an imperfect number every quarter than a polished one every \
year.</p></blockquote>
<p>Questions about the method are welcome; contact the <a href="/media-contacts/">communications \
team</a>.</p>""",
        authors=("ruth-calloway",),
        tags=("Sustainability",),
        days_ago=130,
        hour=11,
        image=DemoImage(
            motif="bars-down",
            sky=("#f5f1e6", "#e9e3d2"),
            accents=("#1f6f78", "#3f8f7f", "#6aae8c", "#9ccc99"),
            alt="Illustration of a bar chart in shades of green whose bars grow shorter from left "
            "to right.",
            caption="Each report will show the quarter next to the ones before it.",
        ),
    ),
    DemoArticle(
        slug="fieldbook-passes-100000-weekly-users",
        headline="Fieldbook passes 100,000 weekly users",
        kind=Article.Kind.NEWS,
        dek="The notebook app for field researchers doubled its weekly users in a year, most of "
        "the growth coming from volunteer survey groups.",
        body="""\
<p>Fieldbook, the notebook app Northwind Labs makes for people who collect data outdoors, now has \
more than 100,000 weekly users.</p>
<p>The number has doubled in twelve months. Most of the growth came from volunteer groups that \
count birds, map plants or measure rivers, often in places with no mobile signal.</p>
<h2>Where the new users are</h2>
<ul>
<li>Volunteer survey groups, which now make up a third of weekly users</li>
<li>University field courses, which adopted Fieldbook for teaching</li>
<li>Small environmental consultancies</li>
</ul>
<p>The product team plans to spend the coming season on features those groups asked for most: \
shared checklists and better photo handling. Read more \
<a href="/about/">about the company</a>.</p>""",
        authors=("theo-marsh",),
        tags=("Product",),
        days_ago=20,
        hour=14,
    ),
    DemoArticle(
        slug="a-week-with-the-people-who-answer-every-support-ticket",
        headline="A week with the people who answer every support ticket",
        kind=Article.Kind.FEATURE,
        dek="Fourteen people across three time zones read every message Fieldbook users send. "
        "We spent a week alongside them.",
        body="""\
<p>At seven on a Monday morning, the support queue holds forty-one messages. By nine it holds \
three. The people who emptied it will tell you that is the easy part.</p>
<h2>Reading between the lines</h2>
<p>Most messages are not really about the question they ask. A user who wants to know how to \
export a notebook is often worried about losing a season of work, and the team has learned to \
answer the worry as well as the question.</p>
<ul>
<li>Every message is read by a person, not sorted by a script.</li>
<li>Anyone on the team can pause a release if users report data loss.</li>
<li>Each week, one engineer joins the rota and answers tickets.</li>
</ul>
<blockquote><p>“The best bug reports we get start with someone apologising for bothering us. We \
spend a lot of time telling people they are not bothering us.”</p></blockquote>
<h2>What the rest of us can learn</h2>
<p>By Friday the pattern was clear. The team is fast because it writes everything down: every \
answer becomes a note the next person can reuse, and every recurring problem becomes a request to \
the product team with the users' own words attached.</p>
<p>If you use Fieldbook, the team would like you to know that no question is too small. You can \
reach them from the app's help menu.</p>""",
        authors=("theo-marsh", "ruth-calloway"),
        tags=("Culture", "Product"),
        days_ago=75,
        hour=9,
        image=DemoImage(
            motif="circles",
            sky=("#1c2e4a", "#2b4570"),
            accents=("#f2a65a", "#e56b5d", "#f4d35e", "#8fc1a9", "#c5a3d9", "#f7f0e6"),
            alt="Illustration of six overlapping circles in orange, red, yellow, green, lilac "
            "and cream on a dark blue background.",
            caption="The support rota covers three time zones with fourteen people.",
        ),
    ),
    DemoArticle(
        slug="marcus-ellis-on-building-tools-people-keep",
        headline="Marcus Ellis on building tools people keep",
        kind=Article.Kind.INTERVIEW,
        dek="Our co-CEO on saying no to features, listening to support, and why the best "
        "software is a little boring.",
        body="""\
<p>Marcus Ellis has led product work at Northwind Labs since the first version of Fieldbook. We \
asked him what keeps people using a tool for years.</p>
<h2>On saying no</h2>
<p><strong>What do you turn down most often?</strong> Features that would impress in a \
demonstration and confuse in a swamp. If a researcher cannot use it with cold hands and one bar \
of battery, it waits.</p>
<p><strong>How do you decide what comes next?</strong> I read a sample of support messages every \
week. They are more honest than any survey we could run.</p>
<h2>On being boring</h2>
<p><strong>Is there a risk in being too cautious?</strong> Of course. But people trust us with \
data they cannot collect twice. Being a little boring is part of the promise.</p>
<blockquote><p>“A tool people keep is one that never makes them think about it on the worst day \
of their fieldwork.”</p></blockquote>
<p>His essay on planning, <a href="/news/plan-in-seasons-not-years/">Plan in seasons, not \
years</a>, is also in the newsroom.</p>""",
        authors=("theo-marsh",),
        tags=("Product", "Leadership"),
        days_ago=60,
        hour=13,
    ),
    DemoArticle(
        slug="northwind-labs-joins-a-regional-apprenticeship-programme",
        headline="Northwind Labs joins a regional apprenticeship programme",
        kind=Article.Kind.NEWS,
        dek="Six apprentices will join the engineering and support teams this autumn, with a "
        "mentor each and a guaranteed interview at the end.",
        body="""\
<p>Northwind Labs has joined a regional apprenticeship programme and will take on six apprentices \
in engineering and customer support this autumn.</p>
<p>Each apprentice works four days a week with a team and spends one day at college. They will \
have a mentor from outside their own team, so there is always someone to ask who is not their \
manager.</p>
<ul>
<li>Six places: four in engineering, two in support</li>
<li>Paid from the first day, at the same rate as our junior roles</li>
<li>A guaranteed interview for a permanent role at the end</li>
</ul>
<p>Applications are handled by the programme itself. Questions from the press go to our \
<a href="/media-contacts/">media contacts</a>.</p>""",
        authors=("ruth-calloway",),
        tags=("Hiring", "Community"),
        days_ago=8,
        hour=10,
        image=DemoImage(
            motif="steps",
            sky=("#15294a", "#23406b"),
            accents=("#f08a4b",),
            alt="Illustration of a staircase of orange blocks rising from left to right on a "
            "navy background.",
            caption="Apprentices split their week between a team and college.",
        ),
    ),
    DemoArticle(
        slug="applications-open-for-the-northwind-summer-residency",
        headline="Applications open for the Northwind summer residency",
        kind=Article.Kind.ANNOUNCEMENT,
        dek="Researchers can spend eight paid weeks with our product team, shaping tools they "
        "will use in the field.",
        body="""\
<p>Applications are open for this year's summer residency, which brings working field researchers \
into the Northwind Labs product team for eight paid weeks.</p>
<h2>Who should apply</h2>
<ul>
<li>Researchers who collect data outdoors, at any stage of their career</li>
<li>Volunteers who coordinate survey groups</li>
<li>Teachers who run field courses</li>
</ul>
<p>Residents join design reviews, test early versions of Fieldbook and are paid for their time. \
No software experience is needed.</p>
<blockquote><p>Some of Fieldbook's most used features began as a resident's complaint.</p>\
</blockquote>
<p>Details are on our <a href="/about/">About page</a>; the deadline is the end of next \
month.</p>""",
        authors=("ruth-calloway",),
        tags=("Hiring", "Research"),
        days_ago=30,
        hour=12,
    ),
    DemoArticle(
        slug="inside-the-saturday-repair-cafe",
        headline="Inside the Saturday repair café our engineers run",
        kind=Article.Kind.FEATURE,
        dek="Once a month, Northwind engineers fix neighbours' kettles, radios and bicycles. "
        "Draft: waiting for photographs.",
        body="""\
<p>On the first Saturday of every month, the ground floor of our studio fills with broken \
kettles, radios and bicycles.</p>
<p>A group of engineers started the repair café three years ago, and neighbours now queue before \
the doors open.</p>
<ul>
<li>Around thirty repairs each session</li>
<li>Spare parts donated by local shops</li>
<li>Tea, always</li>
</ul>
<p>To do: add quotes from the volunteers and photographs from next month's session.</p>""",
        authors=("theo-marsh",),
        tags=("Community", "Sustainability"),
        days_ago=None,
        status=Article.Status.DRAFT,
    ),
    DemoArticle(
        slug="fewer-meetings-better-notes",
        headline="Fewer meetings, better notes",
        kind=Article.Kind.OP_ED,
        dek="Why our co-CEO wants every meeting to leave something written behind.",
        body="""\
<p>A meeting that leaves nothing written behind happened only for the people in the room.</p>
<p>This season, we are trying a simple rule: no meeting without a note that someone who missed it \
can read in two minutes.</p>
<ul>
<li>What was decided</li>
<li>What was left open, and who owns it</li>
<li>What anyone outside the room needs to know</li>
</ul>
<p>Early results are promising: fewer meetings, shorter ones, and far fewer “quick catch-ups” to \
repeat them.</p>""",
        authors=("marcus-ellis",),
        tags=("Culture", "Leadership"),
        days_ago=None,
        status=Article.Status.IN_REVIEW,
    ),
    DemoArticle(
        slug="northwind-labs-publishes-its-first-impact-report",
        headline="Northwind Labs publishes its first impact report",
        kind=Article.Kind.PRESS_RELEASE,
        dek="The report covers emissions, hiring and the research Fieldbook helped collect over "
        "the past year.",
        body="""\
<p>Northwind Labs today published its first impact report, covering the company's emissions, \
hiring and the research its tools helped collect over the past year.</p>
<h2>Highlights</h2>
<ul>
<li>Emissions reported quarterly, with methods published alongside</li>
<li>Six apprentices and eight summer residents welcomed</li>
<li>More than two million field observations recorded in Fieldbook</li>
</ul>
<blockquote><p>“We measure what we can, say plainly what we cannot, and publish both,” said Dana \
Whitfield, co-CEO of Northwind Labs.</p></blockquote>
<p>The full report and fact sheets are in our <a href="/press-kit/">press kit</a>.</p>""",
        authors=("ruth-calloway",),
        tags=("Sustainability", "Research"),
        days_ago=-3,
        hour=8,
        image=DemoImage(
            motif="circles",
            sky=("#f5f1e6", "#e6efe4"),
            accents=("#2f6d5a", "#4c8c6f", "#7fb08a", "#a9cf9f", "#d3e8c2", "#1f4f45"),
            alt="Illustration of six overlapping circles in shades of green on a cream background.",
            caption="The report covers the company's first full year of quarterly reporting.",
        ),
    ),
]

PAGES = [
    DemoPage(
        slug="about",
        title="About",
        nav_order=1,
        body="""\
<p>Northwind Labs builds software for people who do research outdoors: ecologists, surveyors, \
hydrologists and the volunteers who work with them. Our best-known product, Fieldbook, is a \
notebook app that works without a signal and syncs when it finds one.</p>
<h2>How we are run</h2>
<p>The company is led by its two founders, Dana Whitfield and Marcus Ellis, as co-CEOs. About 120 \
people work in our two studios and from home.</p>
<h2>What we care about</h2>
<ul>
<li>Tools that keep working in bad weather and with bad connections</li>
<li>Publishing what we learn, including our mistakes</li>
<li>Measuring and reducing our own footprint</li>
</ul>
<p>Journalists can find the right person on our <a href="/media-contacts/">media contacts</a> \
page.</p>""",
    ),
    DemoPage(
        slug="media-contacts",
        title="Media contacts",
        nav_order=2,
        body="""\
<p>The communications team answers press enquiries on weekdays between 9:00 and 18:00.</p>
<ul>
<li>Email: <a href="mailto:press@northwind.example">press@northwind.example</a></li>
<li>Phone: +44 20 7946 0123</li>
</ul>
<h2>Interview requests</h2>
<p>Ruth Calloway, our head of communications, arranges interviews with our co-CEOs and research \
staff. Tell us your deadline: we answer most requests within one working day.</p>""",
    ),
    DemoPage(
        slug="press-kit",
        title="Press kit",
        nav_order=3,
        body="""\
<p>Logos, headshots and fact sheets for coverage of Northwind Labs.</p>
<h2>Company facts</h2>
<ul>
<li>Founded by Dana Whitfield and Marcus Ellis, who lead it as co-CEOs</li>
<li>About 120 people in two studios</li>
<li>Fieldbook is used by more than 100,000 people every week</li>
</ul>
<h2>Using our logo</h2>
<p>Please place the logo on a plain background and keep its colours. The \
<a href="/media-contacts/">communications team</a> can send high-resolution files.</p>""",
    ),
    DemoPage(
        slug="careers",
        title="Careers",
        status=SitePage.Status.DRAFT,
        show_in_navigation=False,
        body="""\
<p>We are rewriting this page. In the meantime, read about our \
<a href="/news/applications-open-for-the-northwind-summer-residency/">summer residency</a>.</p>""",
    ),
]


def headshot_png(*, initials: str, colour: str, size: int = 400) -> bytes:
    """A square portrait placeholder: the initials in white on a flat colour."""
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size * 2 // 5)
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    # Centre the ink, not the text origin: glyphs start below and right of it.
    position = ((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top)
    draw.text(position, initials, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def illustration_jpeg(*, image: DemoImage, width: int = 1600, height: int = 900) -> bytes:
    """A 16:9 picture of `image.motif` over a vertical gradient, matching its alt text."""
    size = (width, height)
    top, bottom = image.sky
    gradient = Image.linear_gradient("L").resize(size)
    canvas = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), gradient)
    draw = ImageDraw.Draw(canvas)
    accents = image.accents

    if image.motif == "ferry":
        sun, water, boat = accents
        draw.ellipse((1080, 260, 1320, 500), fill=sun)
        draw.rectangle((0, 560, width, height), fill=water)
        for y in range(610, height, 70):
            draw.line((80, y, width - 80, y), fill=top, width=6)
        draw.polygon([(460, 520), (860, 520), (810, 590), (510, 590)], fill=boat)
        draw.rectangle((560, 450, 720, 520), fill=boat)
    elif image.motif == "buildings":
        heights = (420, 560, 360, 640, 480, 520)
        slot = width // len(heights)
        for index, building_height in enumerate(heights):
            x0, y0 = index * slot + 30, height - building_height
            draw.rectangle((x0, y0, x0 + slot - 60, height), fill=accents[index % 3])
            for wy in range(y0 + 40, height - 60, 90):
                for wx in range(x0 + 30, x0 + slot - 100, 70):
                    draw.rectangle((wx, wy, wx + 36, wy + 44), fill=accents[3])
    elif image.motif in {"bars-down", "steps"}:
        count = 6
        slot = (width - 200) // count
        for index in range(count):
            step = count - index if image.motif == "bars-down" else index + 1
            bar_height = 110 * step
            x0 = 100 + index * slot
            gap = 40 if image.motif == "bars-down" else 0
            fill = accents[index % len(accents)]
            draw.rectangle((x0, height - 80 - bar_height, x0 + slot - gap, height - 80), fill=fill)
    elif image.motif == "circles":
        for index, fill in enumerate(accents):
            cx = 300 + index * 200
            cy = 450 + (90 if index % 2 else -90)
            draw.ellipse((cx - 190, cy - 190, cx + 190, cy + 190), fill=fill)
    else:
        raise ValueError(f"Unknown illustration motif: {image.motif}")

    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def at(*, now: datetime, days_ago: int, hour: int) -> datetime:
    """`days_ago` days before `now` on the hour, so the timetable reads like a real one."""
    return (now - timedelta(days=days_ago)).replace(hour=hour, minute=0, second=0, microsecond=0)


def seed_site_settings() -> bool:
    """Name the demo site; a setting an editor has changed from its default is left alone."""
    site_settings = SiteSettings.load()
    changed = []
    for name, value in SITE_SETTINGS.items():
        default = SiteSettings._meta.get_field(name).get_default()
        current = getattr(site_settings, name)
        if current == default and current != value:
            setattr(site_settings, name, value)
            changed.append(name)
    if changed:
        # A full save: `load()` may hand back defaults that have no row yet.
        site_settings.save()
    return bool(changed)


def seed_authors(*, created: Counter) -> dict[str, Author]:
    authors = {}
    for spec in AUTHORS:
        author, is_new = Author.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "role": spec.role,
                "organisation": ORGANISATION,
                "bio": spec.bio,
                "linkedin_url": f"https://www.linkedin.com/in/{spec.slug}/",
            },
        )
        created["authors"] += is_new
        if not author.headshot:
            content = ContentFile(headshot_png(initials=spec.initials, colour=spec.colour))
            author.headshot.save(f"{spec.slug}.png", content, save=True)
            created["images"] += 1
        authors[spec.slug] = author
    return authors


def seed_articles(*, authors: dict[str, Author], now: datetime, created: Counter) -> None:
    for spec in ARTICLES:
        published_at = (
            None if spec.days_ago is None else at(now=now, days_ago=spec.days_ago, hour=spec.hour)
        )
        origin_published_on = (
            published_at.date() - timedelta(days=spec.origin_days_earlier)
            if published_at and spec.origin_days_earlier is not None
            else None
        )
        article, is_new = Article.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "kind": spec.kind,
                "headline": spec.headline,
                "dek": spec.dek,
                "introduction": spec.introduction,
                "body": spec.body,
                "status": spec.status,
                "published_at": published_at,
                "is_featured": spec.is_featured,
                "origin_url": spec.origin_url,
                "origin_platform": spec.origin_platform,
                "origin_published_on": origin_published_on,
                "indexing": Article.Indexing.ORIGIN,
                "featured_image_alt": spec.image.alt if spec.image else "",
                "featured_image_caption": spec.image.caption if spec.image else "",
                "featured_image_credit": spec.image.credit if spec.image else "",
            },
        )
        created["articles"] += is_new
        if is_new and spec.spoiler_warning:
            text, subject = spec.spoiler_warning
            ContentWarning.objects.create(
                article=article, kind=ContentWarning.Kind.SPOILERS, text=text, subject=subject
            )
        for position, slug in enumerate(spec.authors):
            _, is_new = Byline.objects.get_or_create(
                article=article, author=authors[slug], defaults={"position": position}
            )
            created["bylines"] += is_new
        article.tags.add(*spec.tags)
        # Alt text is required with an image: only add one where the alt is still there.
        if spec.image and not article.featured_image and article.featured_image_alt:
            content = ContentFile(illustration_jpeg(image=spec.image))
            article.featured_image.save(f"{spec.slug}.jpg", content, save=True)
            created["images"] += 1


def seed_pages(*, created: Counter) -> None:
    for spec in PAGES:
        _, is_new = SitePage.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "title": spec.title,
                "body": spec.body,
                "status": spec.status,
                "show_in_navigation": spec.show_in_navigation,
                "nav_order": spec.nav_order,
            },
        )
        created["site pages"] += is_new


def seed_demo_content(*, now: datetime) -> tuple[Counter, bool]:
    """Add whatever demo content is missing; returns what was created and whether settings were."""
    created = Counter()
    tags_before = Tag.objects.count()
    with transaction.atomic():
        settings_changed = seed_site_settings()
        authors = seed_authors(created=created)
        seed_articles(authors=authors, now=now, created=created)
        seed_pages(created=created)
    created["tags"] = Tag.objects.count() - tags_before
    return created, settings_changed


def ensure_demo_admin() -> bool:
    """Create the demo superuser if there is no `admin` yet; True when it was created."""
    user_model = get_user_model()
    if user_model._default_manager.filter(username=DEMO_ADMIN_USERNAME).exists():
        return False
    user_model._default_manager.create_superuser(
        username=DEMO_ADMIN_USERNAME, email="admin@northwind.example", password=DEMO_ADMIN_PASSWORD
    )
    return True


class Command(BaseCommand):
    help = (
        "Add demo content for Northwind Labs (authors, articles, site pages) and, with DEBUG on, "
        "an admin login. Safe to run again: existing content is never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Add no content when the database already has an article.",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Article.objects.exists():
            self.stdout.write("The database already has content, so no demo content was added.")
        else:
            created, settings_changed = seed_demo_content(now=timezone.localtime())
            self.report_content(created, settings_changed=settings_changed)
        self.report_admin()

    def report_content(self, created: Counter, *, settings_changed: bool) -> None:
        if settings_changed:
            self.stdout.write("Site settings: named the site “Northwind Labs Newsroom”.")
        if not +created:
            self.stdout.write(self.style.SUCCESS("Demo content is already in place: nothing new."))
            return
        labels = ["authors", "articles", "bylines", "tags", "site pages", "images"]
        counts = ", ".join(f"{created[label]} {label}" for label in labels)
        self.stdout.write(self.style.SUCCESS(f"Demo content created: {counts}."))

    def report_admin(self) -> None:
        # A known password is fine on a developer's machine and never acceptable anywhere else:
        # `check --deploy` fails and every start warns while it works (newsroom/checks.py).
        if not settings.DEBUG:
            self.stdout.write("No demo login was created because DEBUG is off.")
            return
        created = ensure_demo_admin()
        self.stdout.write(self.style.SUCCESS("Log in to the admin:"))
        self.stdout.write(f"  URL:      {ADMIN_URL}")
        self.stdout.write(f"  Username: {DEMO_ADMIN_USERNAME}")
        if created:
            self.stdout.write(f"  Password: {DEMO_ADMIN_PASSWORD}")
        else:
            self.stdout.write("  Password: unchanged (the user already existed)")
