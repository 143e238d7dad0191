"""Charts in documents and on pages: an empty chart says so, quarters are named, the document font is used."""

from eiso.core.charts import NO_DATA, bar_chart, donut_chart, line_chart, quarter_label


def test_an_empty_chart_says_there_is_no_data_instead_of_drawing_an_axis() -> None:
    for svg in (
        bar_chart(["Quý I", "Quý II"], {"Sớm hạn": [0, 0]}),
        line_chart([], {}),
        donut_chart({"Trễ hạn": 0}),
    ):
        text = svg.decode()
        assert NO_DATA in text
        assert "0.04" not in text and "−0.0" not in text


def test_quarters_are_named_in_roman_numerals() -> None:
    assert [quarter_label(q) for q in range(1, 5)] == ["Quý I", "Quý II", "Quý III", "Quý IV"]


def test_charts_use_the_document_font() -> None:
    svg = bar_chart(["Văn phòng Sở", "Phòng Bưu chính"], {"Sớm hạn": [3, 4], "Đúng hạn": [1, 2]}).decode()
    assert "Liberation Serif" in svg or "Times New Roman" in svg
    assert "Văn phòng Sở" in svg


def test_charts_for_documents_draw_every_vietnamese_letter() -> None:
    """A PNG chart (DOCX) draws its text with the font's own glyphs: a missing ư or ữ would be a box."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        png = bar_chart(["Phòng Bưu chính", "Văn phòng Sở"], {"Mức độ hài lòng": [54, 48]}, fmt="png")
    assert png.startswith(b"\x89PNG")
