import datetime as dt

from generator.models import Article
from generator.slugs import article_slug, assign_unique_slugs, slugify


def article(path: str, slug: str) -> Article:
    return Article(source_path=path, slug=slug, title="t", title_derived=False, date=dt.date(2021, 1, 1), text="x")


def test_slugify_folds_accents_and_cuts_at_a_word():
    assert slugify("José Núñez") == "jose-nunez"
    assert slugify("Erdoğan’s “new” deal & <more>") == "erdogans-new-deal-more"
    assert len(slugify("word " * 50)) <= 60
    assert slugify("!!!") == "untitled"


def test_article_slug_has_the_date():
    assert article_slug("Hello World", dt.date(2021, 2, 14)) == "2021-02-14-hello-world"


def test_collisions_get_a_suffix_from_their_own_path_only():
    first = assign_unique_slugs([article("a.txt", "s"), article("b.txt", "s"), article("c.txt", "other")])
    slugs = [a.slug for a in first]
    assert len(set(slugs)) == 3 and slugs[2] == "other"
    # adding a third colliding article renames neither of the first two again
    second = assign_unique_slugs([article("a.txt", "s"), article("b.txt", "s"), article("0.txt", "s")])
    assert {a.slug for a in second} >= set(slugs[:2])


def test_a_slug_is_made_once_per_text_and_is_a_function_of_it_alone():
    from generator import slugs
    before = slugs._slug.cache_info().hits
    assert slugify("Zqx Fresh Name") == slugify("Zqx Fresh Name") == "zqx-fresh-name"
    assert slugs._slug.cache_info().hits > before
