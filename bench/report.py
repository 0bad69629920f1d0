#!/usr/bin/env python3
"""Turns one bench/run into the results table (markdown on standard output).

    report.py WORK_DIR ELAPSED_S REPS BIG

Reads WORK_DIR/runs: <label>.<rep>.time (timed.py: wall, user, sys, peak RSS), <label>.<rep>.out
(the peers' own JSON line: loop time and CPU time of the documents alone) and check.<tool>.json
(check.py). Rates are medians over the repetitions. hoso's rate is the whole command (process
start, loading forms, templates and fonts, evaluating every unit, writing every file and the
manifest); a peer's rate is its document loop alone inside an already started Node process
(record → file written), which leaves the peers' start-up out of their time.
"""

import glob
import json
import os
import platform
import statistics
import subprocess
import sys

W, ELAPSED, REPS, BIG = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
RUNS = os.path.join(W, "runs")
N = len(json.load(open(os.path.join(W, "records", "records.json"), encoding="utf-8")))


def load(label):
    """[(time dict, out dict or None)] for every repetition of `label`."""
    out = []
    for t in sorted(glob.glob(os.path.join(RUNS, label + ".*.time"))):
        rep = t[:-len(".time")]
        time = json.loads(open(t).read().strip().splitlines()[-1])
        o = None
        try:
            lines = [l for l in open(rep + ".out").read().splitlines() if l.startswith("{")]
            o = json.loads(lines[-1]) if lines else None
        except OSError:
            pass
        out.append((time, o))
    return out


def median(xs):
    return statistics.median(xs) if xs else None


def rates(label, docs=N):
    runs = load(label)
    if not runs:
        return None
    if runs[0][1] is not None:  # a peer: its own loop timing
        wall = [docs / o["loop_s"] for _, o in runs]
        cpu = [docs / o["loop_cpu_s"] for _, o in runs]
    else:
        wall = [docs / max(t["wall_s"], 1e-9) for t, _ in runs]
        cpu = [docs / max(t["user_s"] + t["sys_s"], 1e-9) for t, _ in runs]
    return {"rate": median(wall), "cpu_rate": median(cpu), "rss_mb": median([t["rss_kb"] / 1024 for t, _ in runs]),
            "reps": len(runs), "all": sorted(wall), "proc_wall": median([t["wall_s"] for t, _ in runs])}


def check(tool):
    p = os.path.join(RUNS, "check.%s.json" % tool)
    return json.load(open(p, encoding="utf-8")) if os.path.exists(p) else None


def kb_per_file(folder, ext):
    sizes = [os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs if f.endswith(ext)]
    return sum(sizes) / 1024 / len(sizes) if sizes else None


def fmt(x, nd=1):
    return "—" if x is None else ("%.*f" % (nd, x))


def ratio(a, b, nd=2):
    return "—" if (a is None or b is None or b == 0) else ("%.*f×" % (nd, a / b))


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
    except Exception:  # noqa: BLE001 — only a label
        return "?"


def pkg_version(name):
    try:
        return json.load(open(os.path.join(os.path.dirname(__file__), "node_modules", name, "package.json")))["version"]
    except OSError:
        return "?"


hp1, hp2 = rates("hoso-pdf-j1"), rates("hoso-pdf-j2")
hd1, hd2 = rates("hoso-docx-j1"), rates("hoso-docx-j2")
ty, pm, dt = rates("typst"), rates("pdfmake"), rates("docxtemplater")
lo = rates("libreoffice")
big = rates("hoso-big", BIG) if BIG > 0 else None
c = {t: check(t) for t in ("hoso", "typst", "pdfmake", "libreoffice", "hoso-docx-lo")}
kb = {t: (c[t]["kb_per_doc"] if c[t] else None) for t in c}
kb["hoso-docx"] = kb_per_file(os.path.join(W, "out", "hoso-docx-j1"), ".docx")
kb["docxtemplater"] = kb_per_file(os.path.join(W, "out", "docxtemplater"), ".docx")


def pages(ch):
    return "—" if not ch else " / ".join("%s p: %d" % (k, v) for k, v in ch["pages"].items())


def sig(ch):
    if not ch:
        return "—"
    s = "%d %%" % round(100.0 * ch["sig_only"] / ch["docs"])
    if ch.get("blank_last"):
        s += " (+%d blank last page%s)" % (ch["blank_last"], "s" if ch["blank_last"] > 1 else "")
    return s


def content(ch):
    return "—" if not ch else "%d/%d" % (ch["content_ok"], ch["docs"])


rows = [
    # name, output, rates, check, kb, reference rates, reference kb
    ("hoso `--jobs 1`", "PDF", hp1, c["hoso"], kb["hoso"], None, None),
    ("hoso `--jobs 2`", "PDF", hp2, c["hoso"], kb["hoso"], None, None),
    ("Typst %s (typst.ts %s)" % ("0.14.2", pkg_version("@myriaddreamin/typst-ts-node-compiler-linux-x64-gnu")), "PDF", ty, c["typst"], kb["typst"], hp1, kb["hoso"]),
    ("pdfmake %s" % pkg_version("pdfmake"), "PDF", pm, c["pdfmake"], kb["pdfmake"], hp1, kb["hoso"]),
    ("LibreOffice (docxtemplater's DOCX → PDF)", "PDF", lo, c["libreoffice"], kb["libreoffice"], hp1, kb["hoso"]),
    ("hoso `--jobs 1`", "DOCX", hd1, None, kb["hoso-docx"], None, None),
    ("hoso `--jobs 2`", "DOCX", hd2, None, kb["hoso-docx"], None, None),
    ("docxtemplater %s + pizzip %s" % (pkg_version("docxtemplater"), pkg_version("pizzip")), "DOCX", dt, None, kb["docxtemplater"], hd1, kb["hoso-docx"]),
]

out = []
out.append("# hoso benchmark — %d records, one run of bench/run" % N)
out.append("")
out.append("Machine: %s, %d cores; load average %s at the start, %s at the end (other work on the "
           "machine slows every tool alike; docs per CPU-second is the steadier figure). "
           "Node %s, %s. hoso: %s. Medians of %d repetitions; the whole run took %d s."
           % (platform.machine(), os.cpu_count() or 0, open(os.path.join(RUNS, "loadavg.start")).read().strip(),
              " ".join(open("/proc/loadavg").read().split()[:3]),
              version(["node", "--version"]), version(["soffice", "--version"]),
              os.environ.get("HOSO_LABEL") or version(["git", "-C", os.path.join(os.path.dirname(__file__), ".."), "describe", "--always", "--dirty"]),
              REPS, ELAPSED))
out.append("")
out.append("| tool | output | docs/s | docs per CPU-second | peak RSS (MB) | KB/doc | pages | signature-only last page | content check | hoso ÷ tool: docs/s · RSS · KB/doc |")
out.append("|---|---|---:|---:|---:|---:|---|---:|---:|---|")
for name, fmt_out, r, ch, k, ref, refkb in rows:
    if r is None:
        out.append("| %s | %s | (not run) | | | | | | | |" % (name, fmt_out))
        continue
    rat = "—"
    if ref is not None:
        rat = "%s · %s · %s" % (ratio(ref["rate"], r["rate"]), ratio(ref["rss_mb"], r["rss_mb"]), ratio(refkb, k))
    out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        name, fmt_out, fmt(r["rate"]), fmt(r["cpu_rate"]), fmt(r["rss_mb"]), fmt(k), pages(ch), sig(ch), content(ch), rat))
if c["hoso-docx-lo"]:
    ch = c["hoso-docx-lo"]
    out.append("| (hoso's DOCX laid out by LibreOffice, not timed) | PDF | | | | %s | %s | %s | %s | |" % (
        fmt(ch["kb_per_doc"]), pages(ch), sig(ch), content(ch)))
if big:
    out.append("| hoso, %d reports as PDF + DOCX, every core | PDF+DOCX | %s | %s | %s | | | | | |" % (
        BIG, fmt(big["rate"]), fmt(big["cpu_rate"]), fmt(big["rss_mb"])))
out.append("")
out.append("docs/s: hoso = documents ÷ wall time of the whole `hoso batch` command; peers = documents ÷ "
           "their document loop inside one Node process (start-up excluded; Typst's compiler "
           "created once, pdfmake's fonts registered once, the DOCX template read once). "
           "LibreOffice = documents ÷ wall time of one `soffice --convert-to pdf` of all files "
           "(profile already created). Per-run rates: " + "; ".join(
               "%s %s" % (n, ", ".join(fmt(x) for x in r["all"])) for n, r in
               (("hoso-pdf-j1", hp1), ("hoso-pdf-j2", hp2), ("typst", ty), ("pdfmake", pm),
                ("hoso-docx-j1", hd1), ("hoso-docx-j2", hd2), ("docxtemplater", dt)) if r) + ".")
out.append("")

# Targets of the issue, measured here.
out.append("## Targets")
out.append("")
out.append("| target | measured | |")
out.append("|---|---|---|")


def verdict(ok):
    return "met" if ok else "**missed**"


def speed(target, a, b, what):
    x, y = a["rate"] / b["rate"], a["cpu_rate"] / b["cpu_rate"]
    ok = "met" if x >= target and y >= target else ("**missed**" if x < target and y < target else
                                                    "met per CPU-second, **missed** on wall time")
    out.append("| %s | %.2f× on wall time (%s vs %s docs/s); %.2f× per CPU-second (%s vs %s) | %s |" % (
        what, x, fmt(a["rate"]), fmt(b["rate"]), y, fmt(a["cpu_rate"]), fmt(b["cpu_rate"]), ok))


if hp1 and ty:
    speed(4, hp1, ty, "PDF ≥ 4× Typst's docs/s (per core: `--jobs 1`)")
if hd1 and dt:
    speed(10, hd1, dt, "DOCX ≥ 10× docxtemplater's fill rate (`--jobs 1`)")
if big:
    out.append("| peak RSS ≤ 50 MB for a %d-document batch | %s MB (Typst: %s MB for %d) | %s |" % (
        BIG, fmt(big["rss_mb"]), fmt(ty["rss_mb"]) if ty else "—", N, verdict(big["rss_mb"] <= 50)))
if kb["hoso"] and kb["typst"]:
    out.append("| PDF size ≤ Typst's | %s KB vs %s KB per document (%.2f×) | %s |" % (
        fmt(kb["hoso"]), fmt(kb["typst"]), kb["hoso"] / kb["typst"], verdict(kb["hoso"] <= kb["typst"])))
if c["hoso"]:
    out.append("| no document whose last page holds only the signature block | %d of %d (Typst %s, pdfmake %s, LibreOffice %s) | %s |" % (
        c["hoso"]["sig_only"], c["hoso"]["docs"], sig(c["typst"]), sig(c["pdfmake"]), sig(c["libreoffice"]),
        verdict(c["hoso"]["sig_only"] == 0)))
bad = [t for t, ch in c.items() if ch and ch["content_ok"] != ch["docs"]]
out.append("")
if bad:
    out.append("Content check FAILED for: %s (see %s/runs/check.*.json)." % (", ".join(bad), W))
else:
    out.append("Content check: every PDF of every tool holds exactly the record's words.")
print("\n".join(out))
