"""kind-independent meaning of a claim from the words around it: bound and
qualifier, measure and direction, status (target or actual)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import lexicon
from .rules.base import Candidate
from .rules.rank import MOVES_DOWN


@dataclass(frozen=True, slots=True)
class Context:
    """The normalised text around one candidate."""
    clause_before: str     # from the clause start (or the previous claim) to the number
    clause_after: str      # from the unit to the clause end
    sentence_before: str   # from the sentence start to the number
    sentence: str


class _Cues:
    """Compiled patterns over the word lists of cues.yaml and qualifiers.yaml."""

    def __init__(self) -> None:
        q, c = lexicon.qualifiers(), lexicon.cues()
        # one alternation over all bounds, longest first: 不低于 (min) beats 低于 (max)
        self.bound_word = {w: b for b in ("max", "min", "approx") for w in q[b]["before"]}
        self.bound_before = regex.compile(f"(?:{lexicon.alternation(self.bound_word)})$")
        # adverbs that bound a number a few words away: 至少建设1个
        apart = q.get("apart", {})
        self.bound_word.update({w: b for b, ws in apart.items() for w in ws})
        self.bound_apart = regex.compile(
            f"(?P<word>{lexicon.alternation(w for ws in apart.values() for w in ws)})[^,;:，；：。]{{1,6}}$")
        self.bound_after = [(b, regex.compile(f"^(?:{lexicon.alternation(q[b]['after'])})"))
                            for b in ("max", "min", "approx")]
        self.inside = {w: b for b in ("min", "approx") for w in q[b].get("inside", [])}
        self.not_bound = regex.compile(f"(?:{lexicon.alternation(q['not_bounds'])})$")
        status, measure = c["status"], c["measure"]
        self.not_target = regex.compile(lexicon.alternation(status["not_target"]))
        self.strong_target = regex.compile(lexicon.alternation(status["strong_target"]))
        self.weak_target = regex.compile(lexicon.alternation(status["weak_target"]))
        self.frame_target = regex.compile(lexicon.alternation(status["frame_target"]))
        self.actual = regex.compile(lexicon.alternation(status["actual_markers"]))
        linking = lexicon.alternation(c["indicator"]["trailing"] + q["approx"]["before"] + q["min"]["before"]
                                      + q["max"]["before"])
        self.trailing_linking = regex.compile(f"(?:{linking})$")
        up, down = measure["change_up"], measure["change_down"]
        self.change_verb = regex.compile(f"(?P<verb>{lexicon.alternation(up + down)})(?P<to>到|至|为)?$")
        self.change_anywhere = regex.compile(lexicon.alternation(measure["change_markers"]
                                                                 + ["增速", "增幅", "涨幅", "降幅", "增长率"]))
        self.down_words = set(down)
        self.down_anywhere = regex.compile(lexicon.alternation([w for w in down if len(w) > 1]))
        self.share = regex.compile(lexicon.alternation(measure["share"]))


@lru_cache(maxsize=1)
def cues() -> _Cues:
    return _Cues()


def bound_of(ctx: Context, cand: Candidate) -> tuple[str, str]:
    """(bound, qualifier): 超过40% -> (min, 超过); 5%左右 -> (approx, 左右)."""
    cue = cues()
    left = ctx.clause_before[-6:]
    if not cue.not_bound.search(left):
        m = cue.bound_before.search(left)
        if m:
            return cue.bound_word[m.group()], m.group()
    m = cue.bound_apart.search(left if len(ctx.clause_before) <= 6 else ctx.clause_before[-10:])
    if m:
        return cue.bound_word[m.group("word")], m.group("word")   # 至少建设1个, 最多可申请30万元
    right = ctx.clause_after[:4]
    for bound, pattern in cue.bound_after:
        m = pattern.search(right)
        if m:
            return bound, m.group()
    if cand.inside_qualifier in cue.inside:
        return cue.inside[cand.inside_qualifier], cand.inside_qualifier
    return "exact", ""


def mask(text: str, pattern: regex.Pattern) -> str:
    """Blank out words that contain a cue but are none (计划总投资, 主要)."""
    return pattern.sub(lambda m: "□" * len(m.group()), text)


# 新车销量达到汽车新车总销量的58.3%: a part of a whole
_SHARE_OF_TOTAL = regex.compile(r"(?:达到|达|为|相当于|是)\p{Han}{0,20}?(?:总|全部)\p{Han}{0,8}的$"
                                r"|(?:恢复到|恢复至)[^，,。；;]{1,16}的$")      # 恢复到2019年同期的118.4%
# A number that is a target's value: 完成1200万人的预期目标, 实现增长5%左右的预期目标.
_OF_A_TARGET = regex.compile(r"(?:左右|以上|以内|上下)?的(?:(?:预期|年度|全年|既定)?目标|预测|预期)"
                          r"|(?:销量|销售|产量|交付|营收|投资|招商)目标")     # 全年22万辆销量目标: the target's value
# 完成年度计划投资334.2亿元的85.7%: how much of a plan was done, a share reported; the plan
# named there sets no frame for the clauses after (完成率居全市第一)
_SHARE_OF_A_PLAN = regex.compile(r"完成[^，,。；;]{0,24}的$")
_PLAN_DONE = regex.compile(r"完成[^，,。；;]{0,16}?计划")
# 计划新开工的49个项目中，已开工46个，开工率93.9%: the plan names the set that progress is counted in
_PLANNED_SET = regex.compile(r"计划[^，,。；;]{0,16}?的[^，,。；;]{0,24}?中[，,](?=已|目前|现已|共有)")
_VALUE_OF_A_TARGET = regex.compile(r"(?<=[\d万亿元人个%])" + _OF_A_TARGET.pattern)
# 比春节假期多642.7万人次: more than the other, a change
_MORE_THAN = regex.compile(r"比[^，,。；;]{1,12}?(?:多|少)$")
_RANK_DOWN = regex.compile(rf"(?:{MOVES_DOWN})了?$")


def measure_of(ctx: Context, cand: Candidate) -> tuple[str, str]:
    """(measure, direction): 同比增长24% -> (change, up); 占比40% -> (share, "")."""
    if cand.kind == "rank":
        if cand.rule == "rank.move":    # 较上年前移4位: up the ranking; 下滑2名: down
            return "change", "down" if _RANK_DOWN.search(ctx.clause_before[-4:]) else "up"
        return "rank", ""
    cue = cues()
    before = ctx.clause_before
    # strip qualifiers and linking words: 增长约5% -> 增长
    stem = before
    for _ in range(3):
        m = cue.change_verb.search(stem)
        if m and m.group("verb").startswith("增") and stem.endswith("新", 0, m.start()):
            break            # 新增2家上市企业: what is new, a level (净增, 增加 stay changes)
        if m:
            if m.group("to"):
                break        # 提高到45%: the new level, not the change
            direction = "down" if m.group("verb") in cue.down_words or cand.value < 0 else "up"
            return "change", direction
        stripped = cue.trailing_linking.sub("", stem)
        if stripped == stem:
            break
        stem = stripped
    if cand.kind in ("money", "count", "quantity") and _CHANGE_OBJECT.match(before):
        # 增加水稻种植面积26万亩, 调减玉米种植面积77万亩: the verb governs the amount
        return "change", "down" if _CHANGE_OBJECT.match(before)["verb"] in cue.down_words else "up"
    if cand.kind in ("percent", "percentage_point") and (cue.share.search(before) or _SHARE_OF_TOTAL.search(before)
                                                         or (cand.kind == "percent" and _SHARE_OF_A_PLAN.search(before))):
        return "share", ""
    if cand.kind in ("money", "count", "quantity") and _MORE_THAN.search(before):
        return "change", "down" if before.endswith("少") else "up"    # 比春节假期多642.7万人次
    if cue.change_anywhere.search(before) and cand.kind in ("percent", "percentage_point", "multiple"):
        direction = "down" if cue.down_anywhere.search(before) or cand.value < 0 else "up"
        return "change", direction
    if cand.kind == "percentage_point":
        return "change", "down" if cue.down_anywhere.search(before) else "up"
    return "level", ""


_CHANGE_OBJECT = regex.compile(r"^(?P<verb>调减|调增|压减|缩减|增加|减少)(?!值|量)[\p{Han}]{2,12}$")


def status_of(ctx: Context, target_time: bool, past_time: bool, frame_target: bool,
              scope_frame: str = "", running_past: bool = False) -> tuple[str, bool]:
    """(status, whether this sentence opens a target frame for the next ones).

    Order: a cue in the number's own clause, then a period already past that
    the sentence names or words that report what happened, then a sentence-wide
    cue (到2024年, 目标是：…；…), then a past period carried from earlier sentences
    (`running_past`: 6月10日，…举行。…预计建成后可增加300万人次 is still a forecast),
    then the frame of an earlier sentence of the paragraph, then the frame of the
    scope (a list of targets, a section of plans)."""
    cue = cues()
    clause = mask(ctx.clause_before, cue.not_target)
    after = mask(ctx.clause_after, cue.not_target)
    # 超额完成1200万人的预期目标；…: a target's value named in a report sets no frame for the rest
    sentence_before = mask(ctx.sentence_before, cue.not_target)
    if "目标" in sentence_before or "预" in sentence_before:
        sentence_before = mask(sentence_before, _VALUE_OF_A_TARGET)
    if "计划" in sentence_before:
        sentence_before = mask(mask(sentence_before, _PLAN_DONE), _PLANNED_SET)
    opens_frame = opens_target_frame(ctx.sentence)
    if "完成" in ctx.clause_before and _SHARE_OF_A_PLAN.search(ctx.clause_before):
        return "actual", opens_frame
    if cue.weak_target.search(clause) or cue.strong_target.search(clause) or (
            ("的" in ctx.clause_after[:3] or "目标" in ctx.clause_after[:6]) and _OF_A_TARGET.match(ctx.clause_after)):
        return "target", opens_frame        # (…增长5%左右的预期目标: the number is the target's)
    reported = cue.actual.search(clause) or cue.actual.search(after[:12])
    if reported and reported.group() in ("同比", "环比") and cue.strong_target.search(sentence_before):
        reported = None     # 公司预计…净利润13.2亿元，同比增长25%: a comparison inside a forecast
    if past_time or reported:
        return "actual", opens_frame
    if target_time or cue.strong_target.search(sentence_before):
        return "target", opens_frame
    if running_past:
        return "actual", opens_frame
    if cue.weak_target.search(after):
        return "actual", opens_frame     # 3个省级化工园区要建设…: the 3 exist
    if cue.weak_target.search(sentence_before):
        return "target", opens_frame     # 今年将完成新造林103亩,…绿化美化村庄42个
    if frame_target and not cue.actual.search(mask(ctx.sentence, cue.not_target)):
        return "target", opens_frame
    if scope_frame == "plan" and not cue.actual.search(mask(ctx.sentence, cue.not_target)):
        return "target", opens_frame
    return "actual", opens_frame


@lru_cache(maxsize=1024)          # asked once per claim of the same sentence
def opens_target_frame(sentence: str) -> bool:
    """Whether a sentence puts the rest of its paragraph under a plan: 我市将…"""
    cue = cues()
    masked = mask(sentence, cue.not_target)
    return bool(cue.frame_target.search(mask(masked, _PLANNED_SET) if "计划" in masked else masked))
