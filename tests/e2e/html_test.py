#!/usr/bin/env python3
"""End-to-end tests of `mentorctl report html`: for every example the page is well-formed
(every element closed in order, checked by Python's HTML parser), self-contained (no
script, no http reference, no external resource), holds the audit's and the stipend
report's figures, and escapes record text.

Run: MENTORCTL=path/to/mentorctl python3 tests/e2e/html_test.py
"""
import html.parser
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest

import yaml

from support import SOURCE, environment

MENTORCTL = os.path.abspath(os.environ.get("MENTORCTL", "build/mentorctl"))
EXAMPLES = ["walnut-valley", "west-london", "dysart", "massachusetts", "st-vrain"]
VOID = {"meta", "br", "hr", "img", "link", "input", "line", "rect", "path", "circle"}


def run(root, *args):
    return subprocess.run([MENTORCTL, "-C", str(root), "--color", "never", *args], capture_output=True, text=True,
                          env=environment("2027-03-15"), stdin=subprocess.DEVNULL, timeout=120)


class Structure(html.parser.HTMLParser):
    """Fails on an end tag that closes anything but the innermost open element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.problems, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(page):
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


class Examples(unittest.TestCase):
    def test_every_example(self):
        for example in EXAMPLES:
            with self.subTest(example=example):
                root = SOURCE / "examples" / example
                result = run(root, "--as-of", "2027-03-15", "report", "html", "-o", "-")
                self.assertEqual(result.returncode, 0, result.stderr)
                page = result.stdout
                parsed = parse(page)
                self.assertEqual(parsed.problems, [])
                self.assertEqual(parsed.stack, [])
                self.assertTrue(page.startswith("<!DOCTYPE html>"))
                tags = {t for t, _ in parsed.tags}
                self.assertNotIn("script", tags)
                self.assertNotIn("link", tags)
                self.assertNotIn("img", tags)
                self.assertNotRegex(page, r"(?i)https?:|//[a-z]|@import|url\(")
                weekly_or_monthly = any(r.get("type") == "hours" and r.get("per") in ("week", "month")
                                        for f in (root / "programs").glob("*.yaml")
                                        for r in yaml.safe_load(f.read_text(encoding="utf-8"))["requirements"])
                has_chart = any(t == "svg" for t, _ in parsed.tags)
                self.assertEqual(has_chart, weekly_or_monthly)
                if not weekly_or_monthly:
                    self.assertIn("This program sets no hours target per week or month.", page)
                text = re.sub(r"\s+([,.])", r"\1", " ".join(" ".join(parsed.text).split()))
                audit = json.loads(run(root, "--as-of", "2027-03-15", "audit", "--all", "--format", "json").stdout)
                s = audit["summary"]
                self.assertIn(f"{s['met']} met, {s['due']} due, {s['unmet']} unmet", text)
                for program in {f["program"] for f in audit["findings"]}:
                    unmet = sum(f["status"] == "unmet" for f in audit["findings"] if f["program"] == program)
                    self.assertIn(f"{program} Requirements", text)
                    self.assertIn(f"Unmet ({unmet})", text)
                stipend = json.loads(run(root, "--as-of", "2027-03-15", "stipend", "--format", "json").stdout)
                for total in stipend["totals"]:
                    self.assertIn(f"{total['amount']} {total['currency']} payable", text)
                for f in audit["findings"]:
                    if f["status"] == "unmet":
                        self.assertIn(" ".join(f["message"].split()), text)

    def test_chart_bars_are_the_audits_monthly_findings(self):
        # walnut-valley's monthly-hours rule (per: month): each bar is the sum of that rule's
        # findings for the month, coloured met (green), still open (amber: a due finding) or
        # closed under target (red); as of 2027-03-15, December is red and March amber.
        root = SOURCE / "examples" / "walnut-valley"
        page = run(root, "--as-of", "2027-03-15", "report", "html", "-o", "-").stdout
        audit = json.loads(run(root, "--as-of", "2027-03-15", "audit", "--all", "--format", "json").stdout)
        months = {}
        for f in audit["findings"]:
            if f["requirement"] == "monthly-hours":
                m = months.setdefault(f["period"], [0, 0, False])
                m[0] += f["actual"]
                m[1] += f["required"]
                m[2] = m[2] or f["status"] == "due"

        def minutes(text):
            hours, _, rest = text.partition("h") if "h" in text else ("0", "", text)
            return int(hours) * 60 + int(rest.rstrip("m") or 0)

        bars = re.findall(r'<rect [^>]*fill="(#[0-9a-f]+)"><title>(\d{4}-\d{2}): (\S+) of (\S+)</title>', page)
        self.assertEqual([b[1] for b in bars], sorted(months))
        colour = {"#2f855a": "met", "#b7791f": "open", "#c53030": "under"}
        for fill, month, actual, target in bars:
            want_actual, want_target, open_ = months[month]
            self.assertEqual((minutes(actual), minutes(target)), (want_actual, want_target), month)
            want = "met" if want_actual >= want_target else "open" if open_ else "under"
            self.assertEqual(colour[fill], want, month)
        self.assertEqual(colour[dict((b[1], b[0]) for b in bars)["2026-12"]], "under")
        self.assertEqual(colour[dict((b[1], b[0]) for b in bars)["2027-03"]], "open")

    def test_dysart_has_the_site_planning_figure(self):
        page = run(SOURCE / "examples" / "dysart", "--as-of", "2027-03-15", "report", "html", "-o", "-").stdout
        self.assertIn("Mentors and new teachers per site", page)
        self.assertRegex(page, r"<td>Canyon Ridge School</td><td class=\"n\">\d+</td>")

    def test_record_text_is_escaped_and_the_file_written(self):
        tmp = pathlib.Path(tempfile.mkdtemp(prefix="mentorctl-html-"))
        self.addCleanup(shutil.rmtree, tmp)
        root = tmp / "walnut-valley"
        shutil.copytree(SOURCE / "examples" / "walnut-valley", root)
        settings = root / "mentorctl.yaml"
        settings.write_text(re.sub(r"^organization: .*$", "organization: \"<script>alert('x')</script> & Co\"",
                                   settings.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
        result = run(root, "--as-of", "2027-03-15", "report", "html", "-o", "report.html")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Wrote report.html", result.stdout)
        page = (root / "report.html").read_text(encoding="utf-8")
        self.assertNotIn("<script>", page)
        self.assertIn("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", page)
        self.assertEqual(parse(page).problems, [])
        nowhere = run(root, "report", "html", "-o", "no-such-folder/report.html")
        self.assertEqual(nowhere.returncode, 3)
        self.assertIn("cannot write no-such-folder/report.html", nowhere.stderr)
        self.assertFalse((root / "no-such-folder").exists())
        missing = run(root, "report", "html")
        self.assertEqual(missing.returncode, 2)
        self.assertIn("--output", missing.stderr)


if __name__ == "__main__":
    unittest.main()
