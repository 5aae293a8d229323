"""Table-driven tests of extractors.numbers: numerals, magnitudes, ranges, rejections."""
import doctest
import random
from decimal import Decimal
from pathlib import Path

import cn2an
import pytest

from extractors import numbers
from extractors.numbers import parse_number, parse_range, split_magnitude

D = Decimal
xfail = pytest.mark.xfail(strict=True)


def cases(rows):
    """[(id, text, expected), ...] -> pytest.param list; a 4th item 'xfail' marks a known failure."""
    return [pytest.param(text, want, id=name, marks=xfail if rest else ()) for name, text, want, *rest in rows]


ARABIC = [
    ("int", "234", 234),
    ("decimal", "10.233", "10.233"),
    ("trailing-zeros", "4.800", "4.8"),
    ("leading-dot", ".5", "0.5"),
    ("neg-leading-dot", "-.5", "-0.5"),
    ("thousands", "1,050,000,000", 1050000000),
    ("thousands-decimal", "82,225.00", 82225),
    ("thousands-decimal-2", "10,000.233", "10000.233"),
    ("fullwidth-comma", "82，225", 82225),
    ("negative", "-10000", -10000),
    ("plus", "+5", 5),
    ("unicode-minus", "−3.5", "-3.5"),
    ("neg-word", "负10000", -10000),
    ("neg-word-trad", "負0.2", "-0.2"),
    ("sci", "-1e1", -10),
    ("sci-plus", "12.32e+14", 1232000000000000),
    ("sci-neg", "-12e-1", "-1.2"),
    ("sci-upper", "21.2E0", "21.2"),
    ("power", "2^5", 32),
    ("power-neg", "2^-1", "0.5"),
    ("power-signed-base", "-2.5^-1", "-0.4"),
    ("leading-zero", "012", 12),
    ("kilo", "40k", 40000),
    ("mega-spaced", "-2.5 M", -2500000),
    ("spaces-around", " 12 ", 12),
    ("space-thousands", "1 000 000", 1000000, "xfail"),  # ISO grouping by spaces is refused: "2021 3" is two numbers
]

FULLWIDTH = [
    ("fw-int", "１９９１", 1991),
    ("fw-decimal", "１２．５", "12.5"),
    ("fw-thousands", "４，５６５", 4565),
    ("fw-mixed-digits", "2４4", 244),
    ("fw-sci", "２.７８９０e－１", "0.2789"),
    ("fw-minus", "－5", -5),
    ("fw-yi", "１１.92亿", 1192000000),
]

CHINESE = [
    ("ling", "零", 0),
    ("ling-circle", "〇", 0),
    ("yi", "一", 1),
    ("shi", "十", 10),
    ("shiyi", "十一", 11),
    ("yishiyi", "一十一", 11),
    ("liang", "两", 2),
    ("liang-trad", "兩", 2),
    ("lia", "倆千两百贰拾二", 2222),
    ("sa", "仨", 3),
    ("liangbai", "两百", 200),
    ("152", "一百五十二", 152),
    ("999", "九百九十九", 999),
    ("wan", "一千二百万", 12000000),
    ("wan-trad", "四萬五千六百二十二", 45622),
    ("yi-full", "四亿五千六百四十二万零一十五", 456420015),
    ("zhao", "五兆六十二亿四万五千二", 5006200045200),
    ("zhao-trad", "四十九兆九千五百九十二億", 49959200000000),
    ("wanwan", "四万万", 400000000),
    ("wanyi", "十万亿", 10 ** 13),
    ("big", "一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一", 1111111111111111),
    ("nian", "廿二", 22),
    ("sa-contraction", "卅五", 35),
    ("bare-bai", "百三", 130),
    ("bare-qian", "千三", 1300),
    ("half", "半百", 50),
    ("dozen", "五十打", 600),
    ("dozen-one", "一打", 12),
    ("neg", "负三十二", -32),
    ("neg-trad", "負四百零五億零四百零四萬", -40504040000),
    ("decimal", "六百一十一点二五五", "611.255"),
    ("decimal-trad", "八千 三百 八十五 萬 二千 三百 二十六 點三三", "83852326.33"),
    ("decimal-after-wan", "两千万点五五四四", "20000000.5544"),
    ("decimal-after-yi", "四百亿点零五零", "40000000000.05"),
    ("decimal-zero", "两千点零", 2000),
    ("decimal-tiny", "零点零零零零零零零零零零零零零零一", "1E-15"),
    ("decimal-arabic-tail", "一百点123", "100.123"),
    ("neg-decimal", "负零点一", "-0.1"),
    ("decimal-then-wan", "一点二万", 12000),
    ("spaced", "一百 五 十 二", 152),
    ("spaced-wan", "三千 八百 九十六 万 四千 九百 六十五", 38964965),
]

FINANCIAL = [
    ("fin-44", "肆拾肆", 44),
    ("fin-460", "肆佰陸拾", 460),
    ("fin-1111", "壹仟壹佰壹拾壹", 1111),
    ("fin-wan", "壹拾万零叁仟肆佰伍拾叁", 103453),
    ("fin-yi", "壹亿伍仟万陆仟叁佰伍拾伍", 150006355),
    ("fin-mixed", "十万柒仟捌佰伍拾肆", 107854),
    ("fin-shi", "拾", 10),
    ("fin-decimal", "壹佰万零伍拾肆点肆叁贰壹", "1000054.4321"),
    ("cheque-zheng", "壹拾壹元整", 11),
    ("cheque-yuan", "壹佰壹拾壹圆", 111),
    ("cheque-jiao-fen", "玖仟陆佰陆拾伍圆壹角捌分", "9665.18"),
    ("cheque-jiao", "壹佰捌拾壹圆柒角", "181.7"),
]

ELISION = [
    ("250", "二百五", 250),
    ("990", "九百九", 990),
    ("2450", "两千四百五", 2450),
    ("2350-trad", "兩千三百五", 2350),
    ("1600", "一千陆", 1600),
    ("35000", "三万五", 35000),
    ("94000-trad", "九萬四", 94000),
    ("924000", "九十二万四", 924000),
    ("1203000", "一百二十万三", 1203000),
    ("105000", "十万五", 105000),
    ("arabic-35000", "3万5", 35000),
    ("decimal-after-elision", "两千三点一", "2300.1"),
    ("no-elision-without-unit", "一万二百五十", 10250),
    ("fraction-den-elision", "四千二分之三", D(3) / D(4200)),
]

ZERO = [
    ("1001", "一千零一", 1001),
    ("105-no-elision", "一百零五", 105),
    ("500000006", "五亿零六", 500000006),
    ("10250", "一万零二百五十", 10250),
    ("90400", "九万零四百", 90400),
    ("40006000", "四千万零六千", 40006000),
    ("ling-shi", "零十", 10),
    ("baiqling-shi", "一百零十万", 1100000),
    ("wan-ling-bai", "一万零百一十一", 10111),
    ("1013012", "一百零一万零三千零十二", 1013012),
    ("ling-yi-direct", "零一", 1),
    ("ling-ling-san", "零零三", 3),
    ("wan-ling-qian", "十万零一千", 101000),
]

YEARS = [
    ("2024", "二〇二四", 2024),
    ("2024-ling", "二零二四", 2024),
    ("2024-circle", "二○二四", 2024),
    ("2002", "二〇〇二", 2002),
    ("1720", "一七二零", 1720),
    ("direct-decimal", "一七二零点一三四", "1720.134"),
    ("yao", "幺八九", 189),
    ("fin-direct", "壹壹壹", 111),
    ("neg-direct", "负一七二零", -1720),
    ("digits-before-wan", "一〇〇万", 1000000, "xfail"),  # digit-by-digit head before a magnitude
]

MIXED = [
    ("4.5wan", "4.5万", 45000),
    ("1.2wanyi", "1.2万亿", 1200000000000),
    ("20wanyi", "20万亿", 20000000000000),
    ("110.06yi", "110.06亿", 11006000000),
    ("1qianling20", "1千零20", 1020),
    ("spaced", "7 万5 千4 百", 75400),
    ("spaced-trad", "7 萬5 千4 百", 75400),
    ("1000wan", "1000  万", 10000000),
    ("wanwan-arabic", "10萬萬", 1000000000),
    ("wan-arabic-tail", "1万600", 10600),
    ("wan-4000", "3万4000", 34000),
    ("bai-01", "1百01", 101),
    ("yi-ling", "200亿零四千230", 20000004230),
    ("thousands-wan", "1,100万", 11000000),
    ("5yi1wan", "5亿1万4千6百", 500014600),
    ("qianwan-arabic", "5千万", 50000000),
]

APPROX = [
    ("duo-wan", "3400多万", 34000000),
    ("yu-wan", "十余万", 100000),
    ("yu-wan-spaced-trad", "十 余 萬", 100000),
    ("ji-wan", "二十几万", 200000),
    ("ling-ji-wan", "一千五百零几万", 15000000),
    ("duo-trad", "壹千多萬", 10000000),
    ("ji-yi-trad", "壹百 二 十 幾億", 12000000000),
    ("yu-arabic", "500余万", 5000000),
    ("lai", "十来万", 100000),
    ("trailing-duo", "3400多", 3400),
    ("ba", "千把", 1000, "xfail"),  # 千把块: "about a thousand", not in the grammar yet
]

FRACTIONS = [
    ("third", "三分之一", D(1) / D(3)),
    ("percent", "百分之五", "0.05"),
    ("permille", "千分之三", "0.003"),
    ("per-wan", "万分之三", "0.0003"),
    ("per-wanwan", "一万万分之七", "7E-8"),
    ("percent-arabic", "一百分之2", "0.02"),
    ("percent-over-100", "百分之一百二十", "1.2"),
    ("percent-decimal", "一百分之五十五点五七九", "0.55579"),
    ("neg-percent", "负百分之五", "-0.05"),
    ("arabic-den", "１６分之5", "0.3125"),
    ("slash", "1/2", "0.5"),
    ("slash-fw", "３／５", "0.6"),
    ("slash-neg", "-3/2", "-1.5"),
    ("mixed-slash", "4 6/3", 6),
    ("mixed-slash-fw", "1 ３/5", "1.6"),
    ("you", "三百五十又3分之1", D(350) + D(1) / D(3)),
    ("you-big", "一百万又五十万分之二十五", "1000000.00005"),
    ("neg-you", "负一又二分之一", "-1.5"),
    ("double-neg", "负３ 分  之 负一百五十七", D(157) / D(3)),
    ("spaced", "三百 五 又 三分  之一", D(350) + D(1) / D(3)),
    ("fin", "壹仟分之贰", "0.002"),
]

REJECT = [
    ("empty", ""),
    ("blank", "   "),
    ("letters", "abc"),
    ("pm25", "PM2.5"),
    ("ordinal", "第二"),
    ("tongyi", "统一"),
    ("sichuan", "四川"),
    ("dalu", "大陆"),
    ("unit", "5个"),
    ("unit-yuan", "5元"),
    ("unit-yuan-cn", "五元"),
    ("percent-sign", "%"),
    ("percent-number", "5%"),
    ("wan-alone", "万"),
    ("approx-alone", "多"),
    ("ji-shi", "几十"),
    ("k-alone", "k"),
    ("g-suffix", "5G"),
    ("plan-name", "十一五"),
    ("unit-order", "五百三千"),
    ("range-cn", "三四十"),
    ("half-alone", "半"),
    ("two-dots", "1.2.3"),
    ("bad-thousands", "1,2"),
    ("zero-before-mag", "一万零亿"),
    ("sign-alone", "负"),
    ("double-sign", "--5"),
    ("zero-den", "1/0"),
    ("point-first", "点五"),
    ("clock", "十点"),
    ("decimal-twice-mag", "一万点五亿"),
    ("circled", "①"),
    ("superscript", "2²"),
    ("space-split", "2021 3"),
    ("range-dash", "1—2"),
    ("you-no-fraction", "三又五"),
]

SPLITS = [
    ("yi", "110.06亿", ("110.06", 100000000)),
    ("wan-cn", "一千二百万", (1200, 10000)),
    ("wanyi", "1.2万亿", ("1.2", 10 ** 12)),
    ("duo", "3400多万", (3400, 10000)),
    ("no-mag", "82,225.00", ("82225.00", 1)),
    ("head-has-mag", "四十五亿四千零四万", (4540040000, 1)),
    ("qianwan-arabic", "5千万", (5, 10 ** 7)),
    ("qianwan-cn", "五千万", (5000, 10000)),
    ("wanwan", "四万万", (4, 10 ** 8)),
    ("neg", "-10.1万", ("-10.1", 10000)),
    ("neg-word", "负4.5万", ("-4.5", 10000)),
    ("k", "40k", (40, 1000)),
    ("spaced", "1000  万", (1000, 10000)),
    ("decimal-cn", "一点二万", ("1.2", 10000)),
    ("yu", "十 余 萬", (10, 10000)),
    ("elision", "三万五", (35000, 1)),
    ("dozen", "五十打", (600, 1)),
    ("fraction", "百分之五", ("0.05", 1)),
    ("fw", "１１.92亿", ("11.92", 100000000)),
    ("trad", "4.78萬億", ("4.78", 10 ** 12)),
]

RANGES = [
    ("dash", "1—2", (1, 2)),
    ("fw-dash", "6.5－7", ("6.5", 7)),
    ("hyphen", "5-6", (5, 6)),
    ("zhi", "1至2", (1, 2)),
    ("dao-mag", "8500到3万", (8500, 30000)),
    ("tilde", "1~2", (1, 2)),
    ("fw-tilde", "1～2", (1, 2)),
    ("double-dash", "1——2", (1, 2)),
    ("en-dash", "1–2", (1, 2)),
    ("shared-wan", "1—2万", (10000, 20000)),
    ("shared-yi", "3—5亿", (300000000, 500000000)),
    ("shared-wanyi", "1.2-1.5万亿", (1200000000000, 1500000000000)),
    ("not-shared", "5000-2万", (5000, 20000)),
    ("neg-low", "-5-3", (-5, 3)),
    ("cn-89", "八九", (8, 9)),
    ("cn-3040", "三四十", (30, 40)),
    ("cn-1213wan", "十二三万", (120000, 130000)),
    ("cn-qian", "一千二三百", (1200, 1300)),
    ("cn-elision", "两千七八", (2700, 2800)),
    ("cn-35", "三五", (3, 5)),
    ("cn-liang", "一两万", (10000, 20000)),
    ("years", "2020-2021", (2020, 2021)),
]

RANGE_REJECT = [("single", "5"), ("digits", "一二三"), ("year", "二〇二四"), ("word", "大陆"), ("empty", "")]


def as_decimal(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


@pytest.mark.parametrize(
    "text, want",
    cases(ARABIC) + cases(FULLWIDTH) + cases(CHINESE) + cases(FINANCIAL) + cases(ELISION)
    + cases(ZERO) + cases(YEARS) + cases(MIXED) + cases(APPROX),
)
def test_parse_number(text, want):
    assert parse_number(text) == as_decimal(want)


@pytest.mark.parametrize("text, want", cases(FRACTIONS))
def test_parse_fraction(text, want):
    got, want = parse_number(text), as_decimal(want)
    assert abs(got - want) <= abs(want) * Decimal("1e-20")


@pytest.mark.parametrize("text, want", cases([(n, t, None, *x) for n, t, *x in REJECT]))
def test_parse_number_rejects(text, want):
    with pytest.raises(ValueError, match="not a numeral|split|two numbers|denominator"):
        parse_number(text)


@pytest.mark.parametrize("text, want", cases(SPLITS))
def test_split_magnitude(text, want):
    value, multiplier = split_magnitude(text)
    assert (value, multiplier) == (as_decimal(want[0]), as_decimal(want[1]))
    assert str(value) == str(as_decimal(want[0]))  # as written: 82225.00 keeps its zeros
    assert value * multiplier == parse_number(text)


@pytest.mark.parametrize("text", [t for _, t, _, *x in CHINESE + MIXED + APPROX + ELISION + ZERO if not x])
def test_split_magnitude_invariant(text):
    value, multiplier = split_magnitude(text)
    assert value * multiplier == parse_number(text)
    assert multiplier == 10 ** (len(str(multiplier)) - 1)


@pytest.mark.parametrize("text, want", cases(RANGES))
def test_parse_range(text, want):
    assert parse_range(text) == (as_decimal(want[0]), as_decimal(want[1]))


@pytest.mark.parametrize("text", [pytest.param(t, id=n) for n, t in RANGE_REJECT])
def test_parse_range_rejects(text):
    with pytest.raises(ValueError, match="not a range"):
        parse_range(text)


def test_magnitudes_lexicon():
    path = Path(numbers.__file__).parent / "data" / "magnitudes.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["word", "value", "comment"]
    words = [r[0] for r in rows[1:]]
    assert len(words) == len(set(words)), "duplicate magnitude words"
    for word, value, comment in rows[1:]:
        assert comment.strip(), word
        n = int(value)
        assert n >= 10 and str(n) == "1" + "0" * (len(value) - 1), f"{word}: {value} is not a power of ten"
    assert numbers.MAGNITUDES["万亿"] == 10 ** 12


def test_cn2an_round_trip():
    """cn2an as an oracle: every number it writes out in Chinese must parse back."""
    rng = random.Random(20240601)
    for _ in range(500):
        n = rng.randrange(0, 10 ** rng.randint(1, 16)) * rng.choice([1, 1, -1])
        for mode in ("low", "up"):
            text = cn2an.an2cn(n, mode)
            assert parse_number(text) == n, text
        decimal = f"{rng.randrange(0, 10 ** 6)}.{rng.randrange(1, 1000):03d}"
        assert parse_number(cn2an.an2cn(decimal, "low")) == Decimal(decimal), decimal


def test_doctests():
    result = doctest.testmod(numbers, raise_on_error=False)
    assert result.failed == 0 and result.attempted >= 3
