"""Tests for bot/ingest/text.py: normalising a release's text, splitting it into sentences that
keep their note markers (however they are marked) and closing quotes, and reading an HTML page's
main content, its superscript note markers written as brackets."""

from __future__ import annotations

from bot.ingest.text import html_to_text, normalise, sentences


def test_normalise_keeps_words_and_tidies_space() -> None:
    messy = "Title\r\n\r\n\r\n\r\nA\u00a0line.  \n• item\n"
    assert normalise(messy) == "Title\n\nA line.\n  • item\n"
    assert normalise(" \n \n") == ""


def test_sentences_keep_note_markers_and_closing_quotes() -> None:
    block = "It rose by 38 per cent in 2023.[2] The chair said “that is too many.” Mr. Lee agreed."
    assert sentences(block) == ["It rose by 38 per cent in 2023.[2]",
                                "The chair said “that is too many.”", "Mr. Lee agreed."]
    assert sentences("  • 61,000 homes had damp.[1]") == ["61,000 homes had damp.[1]"]


def test_html_keeps_main_content_and_drops_furniture() -> None:
    page = ("<html><body><div class='cookie-notice'><p>We use cookies.</p></div><nav>Home</nav>"
            "<main><h1>Head</h1><p>Body &amp; more.</p><ul><li>One</li></ul><ol><li>Note</li>"
            "</ol><script>x()</script></main><footer>Footer</footer></body></html>")
    text = normalise(html_to_text(page))
    assert text == "Head\n\nBody & more.\n\n  • One\n\n 1. Note\n"


def test_sentences_split_after_every_kind_of_marker() -> None:
    block = "It rose in 2022.² It fell in 2023.(3) It held in 2024.[4] Done."
    assert sentences(block) == ["It rose in 2022.²", "It fell in 2023.(3)", "It held in 2024.[4]",
                                "Done."]


def test_html_superscript_markers_become_bracketed() -> None:
    page = ("<main><p>Some 61,000<sup>1</sup> homes had damp in 2022.<sup>2,3</sup></p>"
            "<p>It was the 1<sup>st</sup> survey.</p></main>")
    assert normalise(html_to_text(page)) == (
        "Some 61,000[1] homes had damp in 2022.[2][3]\n\nIt was the 1st survey.\n")
