"""A literal port of lunr.js 2.3.9's Porter stemmer (``lunr.stemmer``).

lunr.py 0.8.0 ships a different Porter variant: it turns "today" into ``todai``
where lunr.js keeps ``today`` (lunr.js's step 1c changes a final y only after a
consonant), so an index stemmed by lunr.py cannot be searched by lunr.js.  This
module follows node_modules/lunr/lunr.js regex by regex, including its quirks.

JavaScript strings are UTF-16: outside the Basic Multilingual Plane one
character is two code units, which changes ``w.length`` and what ``.`` or a
back-reference matches.  Words holding such characters are stemmed on their
code units and converted back, so emoji and rare CJK stem exactly as in lunr.js.
"""

import re

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance",
    "izer": "ize", "bli": "ble", "alli": "al", "entli": "ent", "eli": "e",
    "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate",
    "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous",
    "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}
_STEP3 = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic",
    "ful": "", "ness": "",
}

# JS `.` (no s flag) excludes line terminators; JS `$` (no m flag) is the very
# end, which in Python is \Z (Python's `$` also matches before a final "\n").
_DOT = "[^\n\r\u2028\u2029]"
_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"

_re_mgr0 = re.compile("^(" + _C + ")?" + _V + _C)
_re_meq1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?\\Z")
_re_mgr1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_re_s_v = re.compile("^(" + _C + ")?" + _v)

_re_1a = re.compile(f"^({_DOT}+?)(ss|i)es\\Z")
_re2_1a = re.compile(f"^({_DOT}+?)([^s])s\\Z")
_re_1b = re.compile(f"^({_DOT}+?)eed\\Z")
_re2_1b = re.compile(f"^({_DOT}+?)(ed|ing)\\Z")
_re_1b_2 = re.compile(f"{_DOT}\\Z")
_re2_1b_2 = re.compile("(at|bl|iz)\\Z")
_re3_1b_2 = re.compile("([^aeiouylsz])\\1\\Z")
_re4_1b_2 = re.compile("^" + _C + _v + "[^aeiouwxy]\\Z")
_re_1c = re.compile(f"^({_DOT}+?[^aeiou])y\\Z")
_re_2 = re.compile(
    f"^({_DOT}+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization"
    "|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)\\Z"
)
_re_3 = re.compile(f"^({_DOT}+?)(icate|ative|alize|iciti|ical|ful|ness)\\Z")
_re_4 = re.compile(
    f"^({_DOT}+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate"
    "|iti|ous|ive|ize)\\Z"
)
_re2_4 = re.compile(f"^({_DOT}+?)(s|t)(ion)\\Z")
_re_5 = re.compile(f"^({_DOT}+?)e\\Z")
_re_5_1 = re.compile("ll\\Z")
_re3_5 = re.compile("^" + _C + _v + "[^aeiouwxy]\\Z")


def stem(word: str) -> str:
    """Return lunr.js 2.3.9's ``porterStemmer(word)``, code unit for code unit."""
    if word.isascii() or max(word) <= "\uffff":
        return _porter(word)
    data = word.encode("utf-16-le", "surrogatepass")
    units = "".join(chr(data[i] | data[i + 1] << 8) for i in range(0, len(data), 2))
    # lunr.js only ever cuts ASCII suffixes, so surrogate pairs come back whole.
    return _porter(units).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _porter(w: str) -> str:
    """lunr.js's ``porterStemmer`` on a string of UTF-16 code units."""
    if len(w) < 3:
        return w

    firstch = w[0]
    if firstch == "y":
        w = "Y" + w[1:]

    # Step 1a
    if _re_1a.search(w):
        w = _re_1a.sub(r"\1\2", w, count=1)
    elif _re2_1a.search(w):
        w = _re2_1a.sub(r"\1\2", w, count=1)

    # Step 1b
    fp = _re_1b.search(w)
    if fp:
        if _re_mgr0.search(fp.group(1)):
            w = _re_1b_2.sub("", w, count=1)
    else:
        fp = _re2_1b.search(w)
        if fp:
            stem_ = fp.group(1)
            if _re_s_v.search(stem_):
                w = stem_
                if _re2_1b_2.search(w):
                    w = w + "e"
                elif _re3_1b_2.search(w):
                    w = _re_1b_2.sub("", w, count=1)
                elif _re4_1b_2.search(w):
                    w = w + "e"

    # Step 1c: a final y becomes i only after a non-vowel (cry -> cri, say -> say)
    fp = _re_1c.search(w)
    if fp:
        w = fp.group(1) + "i"

    # Step 2
    fp = _re_2.search(w)
    if fp and _re_mgr0.search(fp.group(1)):
        w = fp.group(1) + _STEP2[fp.group(2)]

    # Step 3
    fp = _re_3.search(w)
    if fp and _re_mgr0.search(fp.group(1)):
        w = fp.group(1) + _STEP3[fp.group(2)]

    # Step 4
    fp = _re_4.search(w)
    if fp:
        if _re_mgr1.search(fp.group(1)):
            w = fp.group(1)
    else:
        fp = _re2_4.search(w)
        if fp:
            stem_ = fp.group(1) + fp.group(2)
            if _re_mgr1.search(stem_):
                w = stem_

    # Step 5
    fp = _re_5.search(w)
    if fp:
        stem_ = fp.group(1)
        if _re_mgr1.search(stem_) or (_re_meq1.search(stem_) and not _re3_5.search(stem_)):
            w = stem_

    if _re_5_1.search(w) and _re_mgr1.search(w):
        w = _re_1b_2.sub("", w, count=1)

    if firstch == "y":
        w = "y" + w[1:]
    return w
