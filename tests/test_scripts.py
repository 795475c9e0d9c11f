"""The scripts' Unicode ranges, written once (briefs/language/scripts.py) and read by the checks,
the renderer and the drafter."""

from __future__ import annotations

from briefs.language.scripts import han_count, has_native_script, is_han
from briefs.render.renderer import han_marked


def test_chinese_characters_are_told_from_other_scripts():
    assert is_han("王毅") and is_han("习近平")
    assert not is_han("Wang Yi") and not is_han("王 毅") and not is_han("ワン")
    assert han_count("首页 | 新闻 | Beranda") == 4
    assert han_count("Tokayev (Тоқаев)") == 0


def test_a_native_name_may_be_cyrillic_kana_or_chinese():
    assert has_native_script("Қасым-Жомарт Тоқаев")
    assert has_native_script("カザフスタン")
    assert has_native_script("王毅")
    assert not has_native_script("Kassym-Jomart Tokayev, Kazakhstan")


def test_the_renderer_marks_each_run_of_chinese_characters():
    assert str(han_marked("Wang Yi (王毅) & 𠀀")) == (
        'Wang Yi (<span lang="zh">王毅</span>) &amp; <span lang="zh">𠀀</span>'
    )
