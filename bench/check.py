#!/usr/bin/env python3
"""Checks one tool's PDFs of the benchmark against the records (standard library + pdftotext).

    check.py RECORDS.json TOOL DIR > result.json

DIR holds <stem>.pdf, or <stem>/*.pdf (hoso batch). For every record's PDF:

- pages: the number of pages (pdftotext's form feeds);
- signature-only last page: the words of the last page are all words of the signature block
  (the signer's authority lines and name, "Nơi nhận:" and the recipient lines) or that page's
  number, and there is at least one. One word of body text, of the table or of the conclusion
  on the last page, and it is not counted. A last page with nothing but its number is counted
  apart (blank_last). The rule is the same for every tool (README, "Signature-only last page");
- content: the words of the whole document (pdftotext -layout; a word broken at a line end after
  a hyphen or slash is joined again) (page numbers 2..N removed) against the words of the
  record; any difference is reported, so that no tool is timed on a document that lost or
  garbled text. Words are compared after NFC and with invisible characters (U+2060 word joiner,
  U+00AD soft hyphen, U+200B) removed.

Prints one JSON object: tool, docs, missing, pages (histogram), sig_only and blank_last (count
and stems),
kb_per_doc, content_ok, content_bad (stems) and a sample difference.
"""

import collections
import glob
import json
import os
import subprocess
import sys
import unicodedata

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
INVISIBLE = dict.fromkeys(map(ord, "\u2060\u00ad\u200b\ufeff"), None)


def words(text):
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    return text.split()


def signature_strings(r):
    return r["authority"] + [r["signer"], r["recipients_label"]] + r["recipients"]


def record_strings(r):
    out = r["parent"] + r["agency"] + [NATIONAL, MOTTO, r["number"], r["place_date"], r["doc_type"]]
    out += r["summary"] + ["Kính gửi: " + "; ".join(r["addressees"])]
    for b in r["before"] + r["after"]:
        if b["h"] is not None:
            out.append(b["h"])
        out += b["p"]
    out += r["header_row"]
    for row in r["rows"]:
        out += [row["tt"], row["name"], row["req"], row["value"], row["result"]]
    return out + signature_strings(r)


def find_pdf(directory, stem):
    p = os.path.join(directory, stem + ".pdf")
    if os.path.exists(p):
        return p
    found = sorted(glob.glob(os.path.join(directory, stem, "*.pdf")))
    return found[0] if found else None


def main():
    records_path, tool, directory = sys.argv[1:4]
    records = json.load(open(records_path, encoding="utf-8"))
    pages_hist = collections.Counter()
    sig_only, blank_last, bad, missing = [], [], [], []
    sample = None
    total_bytes = 0
    for r in records:
        pdf = find_pdf(directory, r["stem"])
        if pdf is None:
            missing.append(r["stem"])
            continue
        total_bytes += os.path.getsize(pdf)
        text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"], check=True,
                              capture_output=True).stdout.decode("utf-8")
        pages = text.split("\f")
        if pages and pages[-1].strip() == "":
            pages.pop()
        n = len(pages)
        pages_hist[n] += 1

        allowed = set(words(" ".join(signature_strings(r))))
        last = words(pages[-1]) if pages else []
        if n >= 2 and str(n) in last:
            last.remove(str(n))
        if not last:
            blank_last.append(r["stem"])
        elif all(w in allowed for w in last):
            sig_only.append(r["stem"])

        want = collections.Counter(words("\n".join(record_strings(r))))
        # Page numbers (none on page 1) out first, then a word broken at a line end after a
        # hyphen or slash ("24/2023/TT-" / "BGDĐT") is one word again.
        got_list = []
        for k, page in enumerate(pages, start=1):
            ws = words(page)
            if k >= 2 and str(k) in ws:
                ws.remove(str(k))
            got_list += ws
        # Prefixes of the expected words that end at a break opportunity ("24/", "24/2023/TT-").
        splits = {x[:i + 1] for x in want for i, ch in enumerate(x[:-1]) if ch in "-/"}
        merged = []
        for w in got_list:
            if (merged and merged[-1] in splits and merged[-1] not in want
                    and (merged[-1] + w in want or merged[-1] + w in splits)):
                merged[-1] += w
            else:
                merged.append(w)
        got = collections.Counter(merged)
        # The header row repeats on every page the table reaches.
        head = words(" ".join(r["header_row"]))
        repeats = min(got[w] - want[w] for w in head)
        for _ in range(max(0, repeats)):
            got.subtract(head)
        if got != want:
            bad.append(r["stem"])
            if sample is None:
                sample = {"stem": r["stem"],
                          "missing": sorted((want - got).elements())[:20],
                          "extra": sorted((got - want).elements())[:20]}
    docs = len(records) - len(missing)
    print(json.dumps({
        "tool": tool, "docs": docs, "missing": missing,
        "pages": {str(k): v for k, v in sorted(pages_hist.items())},
        "sig_only": len(sig_only), "sig_only_stems": sig_only,
        "blank_last": len(blank_last), "blank_last_stems": blank_last,
        "kb_per_doc": total_bytes / 1024.0 / docs if docs else None,
        "content_ok": docs - len(bad), "content_bad": bad, "content_sample": sample,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
