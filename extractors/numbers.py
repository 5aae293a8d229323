"""Numerals to Decimal, no context: "110.06", "一百零五", "3400多万", "1—2".

The grammar is hand-written on purpose.  cn2an (pinned in requirements) was
tried as the main path: it returns floats (零点零…一 comes back as 1e-15),
runs at ~20k calls/s, and rejects forms that economic text uses (十余万,
四万万, 五兆六十二亿, 百三, 一百零十万, 1/2, 百分之五).  It is kept as a
test oracle instead: tests/test_numbers.py round-trips cn2an.an2cn output for
many numbers through parse_number.

Layers, outermost first: sign (负, -), Arabic fractions and powers (1/2,
4 6/3, 2^5), Chinese fractions (三分之一, 3又一千分之23), the cheque form
(壹拾壹元壹角), then one token stream: digits, units 十百千, magnitudes
万亿兆 (data/magnitudes.tsv), 点 + decimals, approximation words 多余几,
dozen 打.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal, Inexact, InvalidOperation, localcontext
from functools import lru_cache
from pathlib import Path

CTX = Context(prec=28)  # non-terminating fractions (三分之一) to 28 digits
# Everything else is exact: a numeral with more significant digits than that
# raises instead of being rounded without a word.
EXACT = Context(prec=28, traps=[Inexact, InvalidOperation])
# Longest text read as one numeral (the longest real ones, 九千八百七十六万…,
# have about 30 characters); longer input is refused before any parsing.
MAX_NUMERAL_CHARS = 64

# -- lexicon -------------------------------------------------------------------


def load_magnitudes(path: Path = Path(__file__).parent / "data" / "magnitudes.tsv") -> dict[str, Decimal]:
    """Magnitude word -> multiplier, from the TSV (word, value, comment)."""
    table: dict[str, Decimal] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            word, value = line.split("\t")[:2]
            table[word] = Decimal(value)
    return table


MAGNITUDES = load_magnitudes()
# 十百千 in a magnitude word: that word is a multiplier only after Arabic
# digits ("1.5千万"); in Chinese numerals 一千二百万 they are positional.
POSITIONAL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
MAG_CHARS = {w: v for w, v in MAGNITUDES.items() if len(w) == 1 and w not in POSITIONAL}
LATIN_MAGS = {w for w in MAG_CHARS if w.isascii()}  # 40k, -2.5M: only right after Arabic digits
MAG_WORDS = sorted(MAGNITUDES, key=len, reverse=True)  # longest first

DIGITS = {c: d for d, cs in enumerate([
    "零〇○", "一壹幺弌", "二贰貳两兩倆俩弍", "三叁參叄弎仨", "四肆", "五伍",
    "六陆陸", "七柒", "八捌", "九玖"]) for c in cs}
CAPITALS = set("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")  # 大写 cheque numerals
# 廿 = 二十 etc.: rewrite to the long form before tokenising.
CONTRACTIONS = str.maketrans({"廿": "二十", "卅": "三十", "卌": "四十", "皕": "二百"})
POINTS = set("点點")
APPROX = set("多余餘几幾来來")  # 3400多万, 十余万, 二十几万: value kept, bound set by the rules
SIGNS = {"-": -1, "−": -1, "负": -1, "負": -1, "+": 1}
DOZEN = "打"  # 五十打 = 600
HALF = "半"  # 半百 = 50

# -- patterns ------------------------------------------------------------------

ARABIC = r"""(?: \d{1,3}(?:,\d{3}){1,21} | \d{1,64} )(?:\.\d{1,64})? | \.\d{1,64}"""  # 1,050,000.5 / 12 / .5
NUM_RE = re.compile(rf"(?:{ARABIC})(?:[eE][-+]?\d{{1,4}})?", re.X)  # scientific: -127.32e13
SIGNED_ARABIC_RE = re.compile(rf"[-+]?(?:{ARABIC})", re.X)
FAST_RE = re.compile(  # plain Arabic plus one magnitude word: the engine's common case
    rf"""\s{{0,64}}(?P<head>[-+]?(?:{ARABIC}))\s{{0,64}}
         (?P<mag>{'|'.join(map(re.escape, MAG_WORDS))})?\s{{0,64}}""", re.X)
MIXED_FRACTION_RE = re.compile(r"([-+]?)(\d{1,64})\s{1,8}(\d{1,64})\s{0,8}/\s{0,8}(\d{1,64})")  # 4 6/3 = 4 + 6/3
FRACTION_RE = re.compile(r"(\d{1,64}(?:\.\d{1,64})?)/(\d{1,64}(?:\.\d{1,64})?)")  # 3/5
POWER_RE = re.compile(r"(\d{0,64}\.?\d{1,64})\^([-+]{0,8})(\d{1,4})")  # 2^5, 1.1^+23, 2.5^-1
CHEQUE_RE = re.compile(  # 玖仟陆佰陆拾伍圆壹角捌分, 壹拾壹元整
    r"""(?P<yuan>.{1,64}?)[元圆]
        (?:零?(?P<jiao>[^角分])角)?
        (?:零?(?P<fen>[^角分])分)?
        [整正]?""", re.X)
RANGE_SEP_RE = re.compile(r"—{1,4}|–|-|~|〜|至|到")
WHITESPACE_RE = re.compile(r"\s{1,64}")
SPLIT_DIGITS_RE = re.compile(r"\d\s{1,64}\d")  # "2021 3" is two numbers; "4 6/3" is caught before


def _fail(text: str, why: str = "not a numeral") -> ValueError:
    return ValueError(f"{why}: {text!r}")


def _fold(text: str) -> str:
    """NFKC (１２．５ -> 12.5, －→-), no whitespace, 廿 -> 二十."""
    return WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", text)).translate(CONTRACTIONS)


def _canon(value: Decimal) -> Decimal:
    """Integral values without a fraction part: 11006000000.00 -> 11006000000."""
    if value == value.to_integral_value():
        return value.to_integral_value()
    return value.normalize(EXACT)


# -- tokens and the positional grammar -----------------------------------------


def _tokenize(s: str, text: str) -> list[tuple[str, object]]:
    tokens: list[tuple[str, object]] = []
    i = 0
    while i < len(s):
        c = s[i]
        m = NUM_RE.match(s, i)
        if m:
            tokens.append(("NUM", m.group()))
            i = m.end()
            continue
        if c in DIGITS:
            tokens.append(("DIG", DIGITS[c]))
        elif c in POSITIONAL:
            tokens.append(("UNIT", POSITIONAL[c]))
        elif c in MAG_CHARS:
            if c in LATIN_MAGS and (not tokens or tokens[-1][0] != "NUM"):
                raise _fail(text)  # PM2.5, k alone
            if tokens and tokens[-1][0] == "MAG":  # 万万, 万亿: one multiplier
                tokens[-1] = ("MAG", tokens[-1][1] * MAG_CHARS[c])
            else:
                tokens.append(("MAG", MAG_CHARS[c]))
        elif c in POINTS:
            tokens.append(("POINT", c))
        elif c in APPROX:
            if not tokens:
                raise _fail(text)  # 多万, 几十: no written value
            tokens.append(("APPROX", c))
        elif c == DOZEN:
            tokens.append(("DOZEN", 12))
        elif c == HALF:
            tokens.append(("HALF", Decimal("0.5")))
        else:
            raise _fail(text)
        i += 1
    return tokens


def _integer_part(tokens: list, text: str, bare_magnitude: bool) -> tuple[Decimal, bool]:
    """Positional value of the tokens before 点; also whether a magnitude was seen.

    Elision (二百五 = 250, 三万五 = 35000) applies to a single final digit
    right after a unit or magnitude, unless 零 intervenes (一百零五 = 105).
    """
    if len(tokens) >= 2 and all(k == "DIG" for k, _ in tokens):
        # digit by digit: 二〇二四 = 2024, 零零三 = 3 (a range 八九 is parse_range's)
        return Decimal("".join(str(d) for _, d in tokens)), False
    total = section = Decimal(0)
    max_mag = Decimal(0)
    num: Decimal | None = None
    num_elidable = False  # single digit, may stand for 五 in 二百五
    last_unit = None  # unit order inside a section: 五百三千 is not a numeral
    prev = None  # kind of the previous token
    prev_scale = None
    zero_gap = False
    seen_mag = False
    for kind, val in tokens:
        if kind == "DIG" and val == 0:
            if num is not None:
                raise _fail(text)  # 五零 inside a positional numeral
            zero_gap = True
        elif kind in ("DIG", "NUM", "HALF"):
            if num is not None:
                raise _fail(text, "two numbers without a unit between (a range like 三四十?)")
            if kind == "NUM":
                num = Decimal(val.replace(",", ""))
                num_elidable = len(val) == 1 and val != "0"
            else:
                num = Decimal(val)
                num_elidable = kind == "DIG"
        elif kind == "UNIT":
            if last_unit is not None and val >= last_unit:
                raise _fail(text)
            if num is None and prev not in (None, "UNIT", "MAG", "DIG"):
                raise _fail(text)
            section += (1 if num is None else num) * val
            num, last_unit, prev_scale, zero_gap = None, val, val, False
        elif kind == "MAG":
            cur = section + (num or 0)
            if prev is None and num is None:
                if not bare_magnitude:
                    raise _fail(text)  # 万 alone; 万分之三 is fine
                cur = Decimal(1)
            elif cur == 0 and num is None:
                raise _fail(text)  # 一万零亿
            if val > max_mag:
                total, max_mag = (total + cur) * val, val
            else:
                total += cur * val
            section, num, last_unit, prev_scale, zero_gap = Decimal(0), None, None, val, False
            seen_mag = True
        elif kind == "APPROX":
            pass  # 十余万: approximation, the rules record it as bound
        else:
            raise _fail(text)
        if kind != "DIG" or val != 0:
            prev = kind
    if prev == "HALF":
        raise _fail(text)  # 半 only before a unit: 半百
    if num is not None:
        if prev in ("DIG", "NUM") and num_elidable and not zero_gap and prev_scale and prev_scale >= 100:
            num = num * prev_scale / 10  # 二百五 = 250, 九萬四 = 94000
        section += num
    if prev is None and not zero_gap:
        raise _fail(text)
    return total + section, seen_mag


def _parse_tokens(s: str, text: str, bare_magnitude: bool = False) -> Decimal:
    tokens = _tokenize(s, text)
    dozen = 1
    if tokens and tokens[-1][0] == "DOZEN":
        tokens.pop()
        dozen = 12
    if not tokens or any(k == "DOZEN" for k, _ in tokens):
        raise _fail(text)
    point = next((i for i, (k, _) in enumerate(tokens) if k == "POINT"), None)
    if point is None:
        value, _ = _integer_part(tokens, text, bare_magnitude)
        return value * dozen
    value, seen_mag = _integer_part(tokens[:point], text, bare_magnitude)
    digits, rest = "", tokens[point + 1:]
    while rest and (rest[0][0] == "DIG" or (rest[0][0] == "NUM" and rest[0][1].isdigit())):
        digits += str(rest.pop(0)[1])
    if not digits:
        raise _fail(text)
    value += Decimal("0." + digits)
    for kind, val in rest:  # 一点二万, 三点五亿: the magnitude scales the decimal
        if kind == "MAG" and not seen_mag:
            value, seen_mag = value * val, True
        elif kind != "APPROX":
            raise _fail(text)
    return value * dozen


# -- outer layers ----------------------------------------------------------------


def _parse_unsigned(s: str, text: str, bare_magnitude: bool = False) -> Decimal:
    if m := POWER_RE.fullmatch(s):
        base, exponent = Decimal(m.group(1)), int(m.group(3)) * (-1 if m.group(2).count("-") % 2 else 1)
        if base == 0 and exponent < 0:
            raise _fail(text, "zero to a negative power")
        # a negative power is a fraction (rounded like 三分之一); a positive one is exact
        return (CTX if exponent < 0 else EXACT).power(base, exponent)
    if m := FRACTION_RE.fullmatch(s):
        return _divide(Decimal(m.group(1)), Decimal(m.group(2)), text)
    if "又" in s:  # 三百五又三分之一 = 350 + 1/3
        whole, _, frac = s.partition("又")
        if "分之" not in frac:
            raise _fail(text)
        return CTX.add(_parse_signed(whole, text), _parse_signed(frac, text))   # the fraction is rounded already
    if "分之" in s:  # denominator 分之 numerator: 三分之一, 百分之五, 负3分之负157
        den, _, numr = s.partition("分之")
        return _divide(_parse_signed(numr, text), _parse_signed(den, text, bare_magnitude=True), text)
    if (m := CHEQUE_RE.fullmatch(s)) and CAPITALS & set(m.group("yuan")):
        value = _parse_tokens(m.group("yuan"), text)
        for key, scale in (("jiao", Decimal("0.1")), ("fen", Decimal("0.01"))):
            if m.group(key):
                if m.group(key) not in DIGITS:
                    raise _fail(text)
                value += DIGITS[m.group(key)] * scale
        return value
    return _parse_tokens(s, text, bare_magnitude)


def _divide(num: Decimal, den: Decimal, text: str) -> Decimal:
    if den == 0:
        raise _fail(text, "zero denominator")
    return CTX.divide(num, den)


def _parse_signed(s: str, text: str, bare_magnitude: bool = False) -> Decimal:
    sign = 1
    if s and s[0] in SIGNS:
        sign, s = SIGNS[s[0]], s[1:]
    if not s:
        raise _fail(text)
    return sign * _parse_unsigned(s, text, bare_magnitude)


def _check_length(text: str) -> None:
    if len(text) > MAX_NUMERAL_CHARS:
        raise ValueError(f"numeral of {len(text)} characters (limit {MAX_NUMERAL_CHARS}): {text[:24]!r}…")


def _exactly(parse):
    """Run a parser in the EXACT context: a numeral needing more than 28
    significant digits is refused (ValueError) instead of rounded; so is any
    result that is not a finite number."""
    def run(text: str):
        try:
            with localcontext(EXACT):
                result = parse(text)
        except Inexact:
            raise _fail(text, "more than 28 significant digits") from None
        except (InvalidOperation, ArithmeticError):
            raise _fail(text) from None
        values = result if isinstance(result, tuple) else (result,)
        if not all(v.is_finite() for v in values):
            raise _fail(text, "not a finite number")
        return result
    run.__name__, run.__doc__ = parse.__name__, parse.__doc__
    return run


@lru_cache(maxsize=65536)
@_exactly
def _parse(text: str) -> Decimal:
    if m := FAST_RE.fullmatch(text):
        return _canon(Decimal(m.group("head").replace(",", "")) * MAGNITUDES.get(m.group("mag"), 1))
    if any(unicodedata.category(c) == "No" for c in text):
        raise _fail(text)  # ① ² ½: NFKC would turn list markers into numerals
    nfkc = unicodedata.normalize("NFKC", text).strip()
    if m := MIXED_FRACTION_RE.fullmatch(nfkc):  # needs the space: 4 6/3
        sign = -1 if m.group(1) == "-" else 1
        return _canon(sign * CTX.add(int(m.group(2)), _divide(Decimal(m.group(3)), Decimal(m.group(4)), text)))
    if SPLIT_DIGITS_RE.search(nfkc):
        raise _fail(text, "digits split by a space")
    s = _fold(text)
    if not s:
        raise _fail(text)
    return _canon(_parse_signed(s, text))


def parse_number(text: str) -> Decimal:
    """A lone numeral -> its exact value; ValueError naming the text otherwise.

    Arabic (82,225.00, １２．５, -1e1), Chinese (一千二百万, 二〇二四, 壹拾壹,
    二百五 = 250, 十余万 = 100000), mixed (1.2万亿), fractions (百分之五 = 0.05,
    1/2).  Units, % and ordinals are not numerals.

    >>> parse_number("110.06亿"), parse_number("二〇二四"), parse_number("一千二百万")
    (Decimal('11006000000'), Decimal('2024'), Decimal('12000000'))
    """
    if not isinstance(text, str):
        raise ValueError(f"not a numeral: {text!r}")
    _check_length(text)
    return _parse(text)


@lru_cache(maxsize=65536)
@_exactly
def _split(text: str) -> tuple[Decimal, Decimal]:
    if m := FAST_RE.fullmatch(text):
        value = Decimal(m.group("head").replace(",", ""))
        value.normalize()          # Inexact beyond 28 significant digits
        return value, MAGNITUDES.get(m.group("mag"), Decimal(1))
    full = _parse(text)
    s = _fold(text)
    for word in MAG_WORDS:
        head = s[: -len(word)]
        if not s.endswith(word) or not head:
            continue
        arabic_head = SIGNED_ARABIC_RE.fullmatch(head)
        if word[0] in POSITIONAL and not arabic_head:
            continue  # 一千二百万 is 1200 × 万, not 一千二 × 百万
        if any(c in MAG_CHARS for c in head):
            break  # 四十五亿四千零四万: no single multiplier
        try:
            value = Decimal(head.replace(",", "")) if arabic_head else _parse(head)
        except ValueError:
            continue
        if value * MAGNITUDES[word] == full:
            return value, MAGNITUDES[word]
    if SIGNED_ARABIC_RE.fullmatch(s):
        return Decimal(s.replace(",", "")), Decimal(1)
    return full, Decimal(1)


def split_magnitude(text: str) -> tuple[Decimal, Decimal]:
    """(value as written before the trailing magnitude word, multiplier).

    The multiplier is the longest magnitude word of data/magnitudes.tsv that
    ends the numeral and whose head parses alone to a value with
    value × multiplier == parse_number(text).  Words with 十百千 (千万, 百亿)
    count only after Arabic digits: "5千万" -> (5, 10**7) but "一千二百万" ->
    (1200, 10**4).  When the head itself holds a magnitude (四十五亿四千零四万)
    or nothing trails (三万五, 五十打), the result is (full value, 1).
    Approximation words stay out of the value: "3400多万" -> (3400, 10**4).

    >>> split_magnitude("110.06亿"), split_magnitude("82,225.00")
    ((Decimal('110.06'), Decimal('100000000')), (Decimal('82225.00'), Decimal('1')))
    """
    if not isinstance(text, str):
        raise ValueError(f"not a numeral: {text!r}")
    _check_length(text)
    return _split(text)


def _share_magnitude(left: str, lo: Decimal, hi_mult: Decimal, hi: Decimal) -> Decimal:
    """3—5亿 means 3亿—5亿; but 8500到3万 keeps 8500 (8500万 would exceed 3万)."""
    if hi_mult > 1 and split_magnitude(left)[1] == 1 and lo * hi_mult <= hi:
        return _canon(lo * hi_mult)
    return lo


def parse_range(text: str) -> tuple[Decimal, Decimal]:
    """(low, high) of a written range: "1—2", "6.5－7", "1至2", "八九", "三四十".

    A magnitude written only on the high end also scales the low end when the
    result stays ordered (1—2万 = 10000–20000, but 8500到3万 = 8500–30000).
    Adjacent Chinese digits (八九, 三四十, 十二三万) give the two readings.

    >>> parse_range("8500到3万"), parse_range("三四十")
    ((Decimal('8500'), Decimal('30000')), (Decimal('30'), Decimal('40')))
    """
    if not isinstance(text, str):
        raise ValueError(f"not a range: {text!r}")
    _check_length(text)
    s = _fold(text)
    for m in RANGE_SEP_RE.finditer(s):
        left, right = s[: m.start()], s[m.end():]
        if not left or not right or left[-1] in SIGNS:
            continue
        try:
            lo, hi = parse_number(left), parse_number(right)
            hi_mult = split_magnitude(right)[1]
        except ValueError:
            continue
        return _share_magnitude(left, lo, hi_mult, hi), hi
    for i in range(len(s) - 1):  # 八九, 三四十, 十二三万: two neighbouring digits
        a, b = DIGITS.get(s[i]), DIGITS.get(s[i + 1])
        if not a or not b or (b - a != 1 and (a, b) != (3, 5)):
            continue
        if (i > 0 and s[i - 1] in DIGITS) or (i + 2 < len(s) and s[i + 2] in DIGITS):
            continue  # 一二三 is digit by digit, not a range
        try:
            lo, hi = parse_number(s[:i + 1] + s[i + 2:]), parse_number(s[:i] + s[i + 1:])
        except ValueError:
            continue
        if lo < hi:
            return lo, hi
    raise ValueError(f"not a range: {text!r}")
