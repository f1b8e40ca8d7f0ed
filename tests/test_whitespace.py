"""Indentation is dropped from pages; what a browser shows is not changed."""

from __future__ import annotations

from casebook.site.whitespace import strip_indentation


def test_indentation_and_blank_lines_go_line_breaks_stay():
    html = "<ul>\n    <li>a</li>\n\n\n    <li><span>b</span>\n      <span>c</span></li>\n</ul>"
    assert strip_indentation(html) == "<ul>\n<li>a</li>\n<li><span>b</span>\n<span>c</span></li>\n</ul>"


def test_pre_textarea_and_script_are_left_exactly():
    kept = ("<pre><code>def f():\n    return 1\n\n    # end</code></pre>",
            "<textarea>\n  two\n    lines</textarea>",
            "<SCRIPT>\n  if (a) {\n    b()\n  }\n</SCRIPT>")
    html = "<div>\n  " + "\n  ".join(kept) + "\n  <p>x</p>\n</div>"
    out = strip_indentation(html)
    for block in kept:
        assert block in out
    assert "\n<p>x</p>" in out and "\n  <p>" not in out


@pytest.mark.build
def test_built_pages_have_no_indentation_but_keep_their_code_blocks(built_site):
    page = (built_site / "contributing" / "index.html").read_text(encoding="utf-8")
    head = page.split("<pre", 1)[0]
    assert "\n " not in head, "the theme's indentation is gone"
    # the YAML example keeps its two-space indentation (syntax-highlighted in spans)
    (example,) = [block for block in page.split("<pre")[1:] if "legal-aid" in block]
    assert '<span class="w">  </span>' in example.split("</pre>", 1)[0]
