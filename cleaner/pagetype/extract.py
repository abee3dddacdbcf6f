"""Page-type features: numbers read from a page's URL, its text and (for HTML) its markup.

Three feature sets, one per input format: ``html`` (URL + markup + the visible text), ``text`` and ``markdown``
(URL + text; Markdown adds its own structure). Every feature is a count or a ratio computed in one pass of a
compiled regular expression or a C-level selectolax query, so that extraction stays near a millisecond on a
typical page. The word lists are general (platform-neutral words for shops, forums, docs, services…), never
taken from one site.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np
from selectolax.lexbor import LexborHTMLParser

#: URL path words, by the page type they point at (a word may point at two)
URL_GROUPS: dict[str, frozenset[str]] = {
    "forum": frozenset((
        "forum", "forums", "thread", "threads", "topic", "topics", "viewtopic", "showthread", "discussion",
        "discussions", "community", "communities", "board", "boards", "questions", "question", "answers", "t", "r",
        "comments", "discuss", "qa", "posts", "messages", "viewthread", "coffeehouse", "talk",
    )),
    "docs": frozenset((
        "docs", "doc", "documentation", "api", "apis", "reference", "manual", "manuals", "guide", "guides", "sdk",
        "developer", "developers", "dev", "learn", "tutorial", "tutorials", "library", "wiki", "kb",
        "knowledge", "knowledgebase", "help", "support", "howto", "latest", "stable", "en-us", "current", "handbook",
        "spec", "specs", "cli", "getting-started", "get-started", "quickstart", "concepts", "install", "config",
        "configuration", "userguide", "book",
    )),
    "product": frozenset((
        "product", "products", "p", "dp", "item", "items", "itm", "sku", "buy", "pd", "prod", "gp", "ip",
        "model", "models", "shop", "store", "detail", "details",
    )),
    "collection": frozenset((
        "collection", "collections", "category", "categories", "c", "cat", "browse", "department",
        "departments", "range", "catalog", "catalogue", "all", "s", "b", "shop", "store", "brands", "brand",
        "gallery", "sale", "deals", "best-sellers", "new-arrivals", "courses", "list",
    )),
    "listing": frozenset((
        "blog", "blogs", "news", "tag", "tags", "author", "authors", "archive", "archives", "page", "events",
        "articles", "stories", "search", "results", "jobs", "list", "index", "all", "latest", "recent",
        "resources", "podcasts", "videos", "library", "directory",
    )),
    "service": frozenset((
        "services", "service", "solutions", "solution", "consulting", "agency", "pricing", "plans", "features",
        "industries", "what-we-do", "contact", "about", "about-us", "company", "enterprise", "platform", "hire",
        "repair", "cleaning", "installation", "near-me", "software", "business", "offer", "offers", "treatment",
        "treatments", "care", "insurance", "hosting", "lawyer", "attorney", "plan",
    )),
    "article": frozenset((
        "blog", "news", "article", "articles", "story", "stories", "post", "insights", "press", "magazine",
        "opinion", "feature", "features", "notes", "journal", "column", "columns", "review", "reviews", "how-to",
        "guide", "learn",
    )),
}
URL_GROUP_NAMES = tuple(URL_GROUPS)
_QUERY_GROUPS = {
    "forum": frozenset(("t", "topic", "thread", "threadid", "tid", "f", "forum", "showtopic", "p", "post")),
    "product": frozenset(("product", "product_id", "productid", "pid", "sku", "variant", "item", "id", "itemid")),
    "collection": frozenset(("sort", "order", "orderby", "filter", "category", "cat", "brand", "color", "size",
                             "q", "s", "search", "query", "view", "limit")),
    "listing": frozenset(("page", "paged", "pg", "start", "offset", "tag")),
}
_URL_WORD = re.compile(r"[a-z]+")
_YEAR_PATH = re.compile(r"/(?:19|20)\d\d/(?:[01]?\d/)?")
_EXTENSIONS = ("html", "htm", "php", "aspx", "asp", "jsp", "cfm", "shtml")


def _url_features(url: str | None, out: list[float]) -> None:
    if not url:
        out.extend([-1.0] * (9 + 4 * len(URL_GROUP_NAMES) + len(_QUERY_GROUPS)))
        return
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        parts = urlsplit("")
    path = parts.path.lower()
    segments = [s for s in path.split("/") if s]
    last = segments[-1] if segments else ""
    stem, _, ext = last.rpartition(".") if "." in last else (last, "", "")
    ext_known = 1.0 if ext in _EXTENSIONS else (0.5 if ext else 0.0)
    host_labels = (parts.hostname or "").lower().split(".")[:-2]
    query = [kv.split("=", 1)[0].lower() for kv in parts.query.split("&") if kv]
    stem_words = _URL_WORD.findall(stem)
    out.extend([
        float(len(segments)),
        float(len(path)),
        float(len(stem_words)),
        float(sum(c.isdigit() for c in path)) / max(len(path), 1),
        1.0 if last.isdigit() or (stem and stem.replace("-", "").replace("_", "").isdigit()) else 0.0,
        ext_known,
        1.0 if _YEAR_PATH.search(path) else 0.0,
        float(len(query)),
        1.0 if path.endswith("/") else 0.0,
    ])
    seg_set = set(segments[:-1])
    words = set(_URL_WORD.findall(path))
    for name in URL_GROUP_NAMES:
        group = URL_GROUPS[name]
        out.append(float(len(seg_set & group)))  # a folder named for the type
        out.append(1.0 if stem in group else 0.0)  # the page itself is named for it (/blog/, /products/)
        out.append(float(len(words & group)))  # any path word
        out.append(1.0 if any(label in group for label in host_labels) else 0.0)  # docs.example.com
    for qgroup in _QUERY_GROUPS.values():
        out.append(float(sum(1 for q in query if q in qgroup)))


def url_names() -> list[str]:
    names = ["url_depth", "url_len", "url_slug_words", "url_digit_share", "url_numeric_last", "url_ext",
             "url_year", "url_query_params", "url_trailing_slash"]
    for name in URL_GROUP_NAMES:
        names += [f"url_dir_{name}", f"url_last_{name}", f"url_word_{name}", f"url_host_{name}"]
    names += [f"url_query_{name}" for name in _QUERY_GROUPS]
    return names


# --- text -----------------------------------------------------------------------------------------------------

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
#: phrases counted (as substrings) in the lowercased page text, by what they point at
TEXT_PHRASES: dict[str, tuple[str, ...]] = {
    "cart": ("add to cart", "add to bag", "add to basket", "buy now", "in stock", "out of stock", "sold out",
             "checkout", "quantity", "sku", "free shipping", "select size",
             "pre-order", "warenkorb", "panier", "carrito", "carrello", "wishlist"),
    "reviews": (" reviews", " ratings", "out of 5", " stars", "write a review", "verified purchase"),
    "forum": ("reply", "replies", "quote", "joined", "likes", "upvote", "solved",
              "accepted answer", "answered", "asked", "moderator", "posts:", "messages:", "member",
              "report post", "thread", "posted"),
    "docs": ("on this page", "table of contents", "edit this page", "was this page helpful",
             "parameters", "returns", "example", "reference", "version",
             "install", "usage", "default", "required", "configur",
             "overview", "next", "previous"),
    "service": ("contact us", "get a quote", "free quote", "get a free", "request a demo", "book a", "schedule a",
                "call us", "our services", "our team", "why choose", "testimonial",
                "get started", "learn more", "clients", "case stud",
                "pricing", "free trial", "consultation", "estimate", "solutions", "industries"),
    "listing": ("read more", "continue reading", "load more", "show more", "see more", "next page",
                "results", "showing ", "view all", "see all", "latest",
                "categories", "archive"),
    "shop_list": ("sort by", "filter", "products", "items", "quick view", "compare", "shop now",
                  "new arrivals", "best seller", "bestseller", "sale", "from $", ),
    "byline": ("by ", "min read", "published", "updated", "written by", "author", "share this",
               "comment", "subscribe", "newsletter"),
    "you": (" you", " your", " we ", " our "),
}
#: counted with a regular expression (each starts with a literal or a character set: no slow scanning)
TEXT_PATTERNS: dict[str, str] = {
    "price": r"[$€£¥₹] ?\d",
    "ago": r"\d\s?(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|[hdwmy]) ago\b",
    "date": r"\d-\d\d-\d\d\b|\d[/.]\d\d?[/.]\d\d| 20\d\d\b",
    "question": r"\?(?:\s|$)",
    "first_person": r"(?:^| )(?:i|i'm|i've|i'd|my|me)[ ,.!?]",
    "digits": r"\d+",
}
TEXT_NAMES = (*TEXT_PHRASES, *TEXT_PATTERNS)
_TEXT_RES = {name: re.compile(p, re.MULTILINE) for name, p in TEXT_PATTERNS.items()}
#: text is read up to this many characters (the start and the end of a long page): bounds the cost per page
TEXT_LIMIT = 20_000
_CODE_LINE = re.compile(
    r"\n[ \t]*(?:\$ |>>> |import |from \w+ import|def |class \w|function|const |let |var |public |private |"
    r"#include|npm |pip |curl |git |sudo |docker |kubectl |return |if \(|for \(|//|/\*|\}|\{)"
    r"|[;{][ \t]*\n|\) ?\{\n"
)
#: Markdown structure, counted as substrings of the text (a line start is the "\n" before it)
_MD_COUNTS: dict[str, tuple[str, ...]] = {
    "md_h1": ("\n# ",), "md_h2": ("\n## ",), "md_h3": ("\n### ", "\n#### "), "md_fence": ("```", "~~~"),
    "md_link": ("](",), "md_image": ("![",), "md_list": ("\n- ", "\n* ", "\n+ ", "\n• ", "\n  - ", "\n  * "),
    "md_table": ("\n|",), "md_quote": ("\n> ",), "md_bold": ("**",),
}
_MD_RES = {"md_link_line": re.compile(r"\n[ \t]*(?:[-*+] )?\[[^\]\n]*\]\([^)\n]*\)[ \t]*(?=\n)"),
           "md_numbered": re.compile(r"\n[ \t]*\d+[.)] ")}
MD_NAMES = (*_MD_COUNTS, *_MD_RES)
_SPACE = re.compile(r"\s+")


def _log(x: float) -> float:
    return math.log1p(x)


def _text_features(text: str, out: list[float]) -> int:
    """Statistics of the page text (one line per block); returns its word count."""
    lines = [line for line in text.split("\n") if line and not line.isspace()]
    n_lines = len(lines)
    lens = np.fromiter(map(len, lines), dtype=np.float64, count=n_lines)
    words = len(text.split())
    short = int((lens < 25).sum())
    long = int((lens >= 180).sum())
    rep = n_lines - len(set(lines))
    nl = max(n_lines, 1)
    out.extend([
        _log(words), _log(n_lines), short / nl, long / nl, (n_lines - short - long) / nl, words / nl,
        float(lens.max()) if n_lines else 0.0, rep / nl,
    ])
    low = text.lower() if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT // 2].lower() + text[-TEXT_LIMIT // 2:].lower()
    low = "\n" + low + "\n"
    scale = len(text) / max(len(low), 1)
    w = max(words, 1)
    for phrases in TEXT_PHRASES.values():
        n = sum(low.count(p) for p in phrases) * scale
        out.append(n)
        out.append(n / w * 100.0)
    for rx in _TEXT_RES.values():
        n = len(rx.findall(low)) * scale
        out.append(n)
        out.append(n / w * 100.0)
    code = len(_CODE_LINE.findall(low)) * scale
    out.extend([code, code / nl])
    for parts in _MD_COUNTS.values():
        n = sum(low.count(p) for p in parts) * scale
        out.append(n)
        out.append(n / nl)
    for rx in _MD_RES.values():
        n = len(rx.findall(low)) * scale
        out.append(n)
        out.append(n / nl)
    head = " ".join(lines[:3])[:300]
    _title_features(head, out)
    return words


@lru_cache(maxsize=1)
def text_statistics(text: str) -> tuple[tuple[float, ...], int]:
    """The text columns of a page's row (:func:`text_names`) and its word count. Cached for the last page only (a
    page may be 50 MiB of text): the text front-end's block model reads them as page columns, and the page-type
    stage reads them again for the same text."""
    out: list[float] = []
    words = _text_features(text, out)
    return tuple(out), words


def text_names() -> list[str]:
    names = ["words_log", "lines_log", "short_lines", "long_lines", "mid_lines", "words_per_line", "max_line_words",
             "repeated_lines"]
    for name in TEXT_NAMES:
        names += [f"t_{name}", f"t_{name}_rate"]
    names += ["code_lines", "code_line_share"]
    for name in MD_NAMES:
        names += [name, f"{name}_rate"]
    names += [f"title_{name}" for name in _TITLE_RES]
    return names


_TITLE_PATTERNS = {
    "forum": r"\b(?:forums?|threads?|community|discussion|board|question|help|reddit|stack|answers?)\b|\?",
    "docs": r"\b(?:documentation|docs|api|reference|guide|manual|tutorial|sdk|developer|getting started|install\w*)\b",
    "product": r"\b(?:buy|price|shop|sale|\d+\s?(?:ml|g|kg|oz|mm|cm|inch|gb|tb)|model|pack|set of)\b",
    "collection": r"\b(?:shop|collection|category|products|all|range|best|sale|men'?s|women'?s|kids)\b",
    "service": r"\b(?:services?|company|agency|solutions?|near|consult\w*|professional|experts?|software|platform)\b",
    "listing": r"\b(?:blog|news|archive|page \d+|articles|posts|latest|stories|events|resources|podcast)\b",
    "article": r"\b(?:how|why|what|when|best|\d+ (?:ways|tips|things|reasons)|guide|vs)\b|:",
}
_TITLE_RES = {name: re.compile(p, re.IGNORECASE) for name, p in _TITLE_PATTERNS.items()}


def _title_features(title: str, out: list[float]) -> None:
    for rx in _TITLE_RES.values():
        out.append(float(len(rx.findall(title))))


# --- markup ---------------------------------------------------------------------------------------------------

TAGS = ("article", "nav", "aside", "form", "input", "button", "pre", "code", "table", "li", "h1", "h2", "h3",
        "time", "select", "option", "img", "a", "p", "section", "footer", "header", "blockquote", "textarea", "dl",
        "iframe", "video", "svg", "main", "figure", "label", "ul", "ol", "td", "span", "div")
PER_WORD_TAGS = ("a", "li", "p", "input", "button", "pre", "code", "table", "img", "time", "h2", "h3")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
SCHEMA_TYPES = (
    "Product", "ProductGroup", "Offer", "AggregateOffer", "AggregateRating", "Review", "Brand",
    "DiscussionForumPosting", "SocialMediaPosting", "QAPage", "Question", "Answer", "Comment", "InteractionCounter",
    "TechArticle", "APIReference", "HowTo", "NewsArticle", "BlogPosting", "Article", "Blog", "ReportageNews",
    "CollectionPage", "ItemList", "ListItem", "BreadcrumbList", "FAQPage", "Service", "ProfessionalService",
    "LocalBusiness", "Organization", "Corporation", "WebPage", "WebSite", "SoftwareApplication", "Event", "Recipe",
    "Person", "SearchResultsPage", "OfferCatalog", "Course", "VideoObject", "ImageObject", "AboutPage",
    "ContactPage", "SearchAction", "MedicalWebPage", "Place", "PostalAddress", "OpeningHoursSpecification",
)
_SCHEMA_INDEX = {name.lower(): i for i, name in enumerate(SCHEMA_TYPES)}
_LD_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"(?:https?://schema\.org/)?(\w+)"')
_ITEMTYPE = re.compile(r'itemtype\s*=\s*["\']?https?://schema\.org/(\w+)')
_META_CONTENT = re.compile(
    r'<meta\s[^>]*(?:property|name)\s*=\s*["\'](og:type|generator)["\'][^>]*content\s*=\s*["\']([^"\']*)'
    r'|<meta\s[^>]*content\s*=\s*["\']([^"\']*)["\'][^>]*(?:property|name)\s*=\s*["\'](og:type|generator)["\']',
)
OG_TYPES = ("article", "product", "website", "profile", "video", "book", "object", "blog")
#: software marks in the <head> (generator, script and style URLs), by the kind of site they run
PLATFORMS: dict[str, tuple[str, ...]] = {
    "forum_platform": ("xenforo", "discourse", "phpbb", "vbulletin", "invision", "ipboard", "mybb", "smf_",
                       "simple machines", "vanilla", "flarum", "nodebb", "khoros", "lithium", "bbpress"),
    "shop_platform": ("shopify", "woocommerce", "magento", "bigcommerce", "prestashop", "demandware",
                      "opencart", "shopware", "commercetools"),
    "docs_platform": ("docusaurus", "sphinx", "mkdocs", "gitbook", "readthedocs", "docsify", "vuepress",
                      "mintlify", "redoc", "swagger", "javadoc", "doxygen", "antora", "nextra", "starlight"),
    "blog_platform": ("wordpress", "wp-content", "ghost", "blogger", "medium.com", "substack", "hubspot"),
    "site_builder": ("wix.com", "squarespace", "webflow", "elementor", "divi", "duda", "weebly", "framer"),
}
#: words (substrings) counted in the page's class attributes
MARKUP_WORDS = (
    "post", "comment", "reply", "replies", "price", "cart", "sidebar", "toc", "breadcrumb", "card", "grid",
    "product", "thread", "forum", "message", "user", "avatar", "author", "docs", "menu", "pagination", "pager",
    "tile", "item", "entry", "article", "hero", "cta", "testimonial", "service", "feature", "pricing", "quantity",
    "variant", "sku", "rating", "review", "filter", "facet", "sort", "highlight", "syntax", "signature", "quote",
    "vote", "answer", "question", "excerpt", "summary", "teaser", "tag", "share", "related", "byline", "swatch",
    "checkout", "wishlist", "stock", "gallery", "thumbnail", "listing", "result", "collection", "category",
    "language-", "copy", "search", "prose", "markdown", "admonition", "callout", "permalink", "anchor", "member",
    "username", "join", "like", "badge", "accordion", "faq", "form", "contact", "slider", "carousel", "modal",
    "newsletter", "footer", "widget", "blog", "news", "date", "time", "meta", "headline", "content", "main",
    "section", "container", "col-", "row", "btn", "button", "icon", "logo", "nav", "header", "sponsor", "cookie",
)
_CLASS = re.compile(r'class="([^"]*)"')
_SKIP_TEXT = "script,style,noscript,template"


def page_text(tree: LexborHTMLParser) -> str:
    """The text of the page's body, one text node per line, without the text of scripts and styles."""
    body = tree.body
    if body is None:
        return ""
    skip = {node.text(deep=False, strip=True) for node in tree.css(_SKIP_TEXT)}
    fragments = body.text(separator="\x00", strip=True, skip_empty=True).split("\x00")
    if skip:
        return "\n".join([f for f in fragments if f not in skip])
    return "\n".join(fragments)


def _markup_features(html: str, tree: LexborHTMLParser, words: int, out: list[float]) -> None:
    found = Counter(_TAG.findall(html))
    counts = {tag: found.get(tag, 0) + found.get(tag.upper(), 0) for tag in TAGS}
    total_tags = max(sum(found.values()), 1)
    w = max(words, 1)
    for tag in TAGS:
        out.append(_log(counts[tag]))
    for tag in PER_WORD_TAGS:
        out.append(counts[tag] / w * 100.0)
    out.append(_log(total_tags))
    out.append(words / total_tags)
    out.append(_log(len(html)))
    schema = [0.0] * len(SCHEMA_TYPES)
    n_types = 0
    for rx, mark in ((_LD_TYPE, '"@type"'), (_ITEMTYPE, "itemtype")):
        for name in rx.findall(html) if mark in html else ():
            n_types += 1
            i = _SCHEMA_INDEX.get(name.lower())
            if i is not None:
                schema[i] += 1.0
    out.extend(_log(x) for x in schema)
    out.append(_log(n_types))
    head_end = html.find("</head>")
    head = html[: head_end if 0 < head_end < 200_000 else 50_000]
    og = [0.0] * (len(OG_TYPES) + 1)
    generator = ""
    for m in _META_CONTENT.finditer(head):
        key = (m.group(1) or m.group(4) or "").lower()
        value = (m.group(2) if m.group(1) else m.group(3)) or ""
        if key == "og:type":
            v = value.strip().lower().split(".")[0].split(":")[0]
            og[OG_TYPES.index(v) if v in OG_TYPES else len(OG_TYPES)] = 1.0
        else:
            generator += " " + value
    out.extend(og)
    marks = (head[:30_000] + generator).lower()
    for software in PLATFORMS.values():
        out.append(1.0 if any(w in marks for w in software) else 0.0)
    for count in _class_word_counts(html):
        out.append(_log(count))
    title_node = tree.css_first("title")
    title = title_node.text() if title_node is not None else ""
    _title_features(title[:300], out)
    h1 = tree.css_first("h1")
    _title_features(h1.text()[:300] if h1 is not None else "", out)


def _class_word_counts(html: str) -> list[int]:
    """Per word of MARKUP_WORDS, its count in the page's class attributes (lowercased, joined by spaces)."""
    values = _CLASS.findall(html)
    classes = " ".join(values).lower()
    # a word (no spaces) found anywhere is found in one class value: the distinct values, far shorter on pages of
    # repeated cards and rows, tell which words to count at all
    distinct = " ".join(dict.fromkeys(values)).lower()
    return [classes.count(word) if word in distinct else 0 for word in MARKUP_WORDS]


def markup_names() -> list[str]:
    names = [f"tag_{t}" for t in TAGS]
    names += [f"tag_{t}_per_100w" for t in PER_WORD_TAGS]
    names += ["tags_log", "words_per_tag", "html_len_log"]
    names += [f"schema_{s}" for s in SCHEMA_TYPES] + ["schema_types"]
    names += [f"og_{t}" for t in OG_TYPES] + ["og_other"]
    names += list(PLATFORMS)
    names += [f"mw_{w.rstrip('-')}" for w in MARKUP_WORDS]
    names += [f"htitle_{n}" for n in _TITLE_RES] + [f"h1_{n}" for n in _TITLE_RES]
    return names


def names(fmt: str) -> list[str]:
    """Feature names of format ``fmt`` ('html', 'text' or 'markdown'), in row order."""
    base = url_names() + text_names()
    return base + markup_names() if fmt == "html" else base


def features(fmt: str, text: str, url: str | None, tree: LexborHTMLParser | None = None) -> tuple[list[float], int]:
    """The feature row of a page (see :func:`names`) and the word count of its text. For HTML, ``text`` is the
    markup and ``tree`` its parse (parsed here when not given)."""
    out: list[float] = []
    _url_features(url, out)
    if fmt == "html":
        if tree is None:
            tree = LexborHTMLParser(text)
        row, words = text_statistics(page_text(tree))
        out.extend(row)
        _markup_features(text, tree, words, out)
    else:
        row, words = text_statistics(text)
        out.extend(row)
    return out, words
