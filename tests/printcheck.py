#!/usr/bin/env python3
"""Print-quality checks on leafpress page-model dumps (--dump).

    printcheck.py [--stats] [--only CHECK,...] KIND DUMP

KIND is handouts (one document after another: handouts or large print),
booklet (the screen edition) or print (the print edition).  Prints one
line per fault ("FAULT: <document> p<N>: what") and exits 1 if there are
any.  --stats prints each document's page count and page fill instead.

Checks:
  lonely   a last page holding only the contact box (handouts)
  gap      a page (not the last, not before a chapter opening) left more
           than MAX_GAP empty at its foot (handouts)
  table    a table part on a page with fewer than two body rows when the
           table has four or more (a row taller than the space left, split
           across pages, may stand alone)
  blank    a page of the screen booklet without any text in its body
           and without the note saying it is blank for printing
  number   "N in" / "N to" at a line end before a number
  scheme   a web address broken inside "https://"
  quotes   a straight quote or apostrophe in the body text
  wordbreak a word broken between letters without a hyphen
  lone     one word alone on the last line of a title, heading or
           contents entry
"""
import re
import sys

MAX_GAP = 0.40   # layouts allow 25%; a picture or table start may add some
BODY_SKIP = {"Header", "Footer", "Decor", "Mark"}

ITEM = re.compile(r'^(text|rect|rule|image|link|anchor|path) (-?[\d.]+) (-?[\d.]+) (.*)$')
TEXT = re.compile(r'^(\S+) f(\d+) ([\d.]+) #([0-9a-f]{6}) (?:rot=\S+ )?"((?:[^"\\]|\\.)*)"(.*)$')
RECT = re.compile(r'^([\d.-]+) ([\d.-]+) (\S+) lw=\S+(.*)$')
ELEM = re.compile(r'^elem (\d+) (\s*)(\S+)')


class Doc:
    def __init__(self):
        self.pages = []      # list of dicts: w, h, label, items
        self.elems = {}      # id -> (type, parent)
        self.title = None

    def name(self):
        return self.title or "?"


def parse(path):
    docs = []
    doc = None
    stack = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("page "):
            parts = line.split()
            if doc is None or doc.elems:
                doc = Doc()
                docs.append(doc)
                stack = []
            w, h = parts[2].split("x")
            doc.pages.append({"w": float(w), "h": float(h),
                              "label": parts[3][6:], "items": []})
            continue
        if doc is None:
            continue
        m = ELEM.match(line)
        if m:
            eid, depth, typ = int(m.group(1)), len(m.group(2)) // 2, m.group(3)
            stack = stack[:depth]
            parent = stack[-1] if stack else 0
            doc.elems[eid] = (typ, parent)
            stack.append(eid)
            continue
        if line.startswith("outline "):
            m = re.match(r'outline (\d+) p(\d+) \S+ "(.*)"', line)
            if m and m.group(1) == "1" and doc.title is None:
                doc.title = m.group(3)
            continue
        m = ITEM.match(line)
        if not m:
            continue
        kind, x, y, rest = m.group(1), float(m.group(2)), float(m.group(3)), m.group(4)
        it = {"kind": kind, "x": x, "y": y, "role": None, "text": "", "elem": 0}
        e = re.search(r' e(\d+)(?: @\d+)?$', rest)
        if e:
            it["elem"] = int(e.group(1))
        if kind == "text":
            t = TEXT.match(rest)
            if t:
                it["role"] = t.group(1)
                it["size"] = float(t.group(3))
                it["text"] = t.group(5).replace('\\"', '"')
                it["repeat"] = " repeat" in t.group(6)
        elif kind in ("rect", "rule"):
            r = RECT.match(rest)
            if r:
                it["w"], it["h"], it["role"] = float(r.group(1)), float(r.group(2)), r.group(3)
                it["rest"] = r.group(4)
        elif kind == "image":
            p = rest.split()
            it["w"], it["h"], it["role"] = float(p[0]), float(p[1]), "Figure"
        doc.pages[-1]["items"].append(it)
    return docs


def body_text(page):
    return [i for i in page["items"] if i["kind"] == "text" and i["role"] not in BODY_SKIP]


def body_extent(page):
    """Top and bottom of the body's ink (approximate: text from its
    baseline, size above and a quarter below)."""
    top, bottom = None, None
    for i in page["items"]:
        if i["role"] in BODY_SKIP or i["kind"] in ("anchor", "link", "path"):
            continue
        if i["kind"] == "text":
            t, b = i["y"] + i["size"] * 0.8, i["y"] - i["size"] * 0.25
        elif i["kind"] in ("rect", "image"):
            t, b = i["y"] + i["h"], i["y"]
        else:
            continue
        top = t if top is None else max(top, t)
        bottom = b if bottom is None else min(bottom, b)
    return top, bottom


def frame(doc):
    """The text area, as far as the pages show it."""
    tops, bottoms = [], []
    for p in doc.pages:
        t, b = body_extent(p)
        if t is not None:
            tops.append(t)
            bottoms.append(b)
    if not tops:
        return None
    return max(tops), min(bottoms)


def ancestor(doc, eid, typ):
    while eid in doc.elems:
        t, parent = doc.elems[eid]
        if t == typ:
            return eid
        eid = parent
    return None


def contact_box(page):
    """The contact box's rectangle on the page, if it is there."""
    heads = [i for i in page["items"] if i["kind"] == "text" and i["role"] == "Callout"
             and i["text"].startswith("Contact ")]
    if not heads:
        return None
    h = heads[0]
    for r in page["items"]:
        if r["kind"] == "rect" and r["role"] == "Decor" and "stroke=" in r.get("rest", "") \
                and r["x"] <= h["x"] and r["y"] <= h["y"] <= r["y"] + r["h"]:
            return r
    return None


def fault(doc, pageno, what):
    print("FAULT: %s p%d: %s" % (doc.name(), pageno, what))
    return 1


def check_lonely(doc):
    last = doc.pages[-1]
    box = contact_box(last)
    if box is None or len(doc.pages) < 2:
        return 0
    for i in body_text(last):
        if not (box["y"] <= i["y"] <= box["y"] + box["h"]):
            return 0
    return fault(doc, len(doc.pages), "the last page holds only the contact box")


def fills(doc):
    fr = frame(doc)
    out = []
    for p in doc.pages:
        t, b = body_extent(p)
        if fr is None or t is None:
            out.append(0.0)
        else:
            out.append((fr[0] - b) / (fr[0] - fr[1]))
    return out


def check_gaps(doc):
    bad = 0
    f = fills(doc)
    for k in range(len(doc.pages) - 1):
        if 1 - f[k] > MAX_GAP:
            bad += fault(doc, k + 1, "%.0f%% of the page left empty at its foot" % (100 * (1 - f[k])))
    return bad


def check_tables(doc):
    bad = 0
    parts = {}     # table -> list of (page, set of body TRs)
    rows = {}
    for k, p in enumerate(doc.pages):
        for i in p["items"]:
            if i["kind"] != "text" or i["role"] != "TD" or i.get("repeat"):
                continue
            tr = ancestor(doc, i["elem"], "TR")
            tb = ancestor(doc, i["elem"], "Table")
            if tr is None or tb is None:
                continue
            rows.setdefault(tb, set()).add(tr)
            parts.setdefault(tb, {}).setdefault(k, set()).add(tr)
    for tb, per in parts.items():
        if len(per) < 2 or len(rows[tb]) < 4:
            continue
        for k, trs in per.items():
            # a row split across pages is there on another page too
            split = any(tr in o for j, o in per.items() if j != k
                        for tr in trs)
            if len(trs) < 2 and not split:
                bad += fault(doc, k + 1, "a table part with only %d row" % len(trs))
    return bad


def lines(page):
    """Body text lines: (y, [items left to right])."""
    by = {}
    for i in body_text(page):
        by.setdefault((round(i["y"], 1), i["role"] == "TD" and i["x"]), []).append(i)
    return sorted(by.items(), key=lambda kv: -kv[0][0])


NUM_END = re.compile(r'(?:^|\s)\d[\d.,]*\s+(?:in|to|out of|of)\s*$')
NUM_START = re.compile(r'^\s*\d')


def check_words(doc):
    bad = 0
    for k, p in enumerate(doc.pages):
        prev = None
        by_elem = {}
        for i in body_text(p):
            by_elem.setdefault(i["elem"], []).append(i)
        for items in by_elem.values():
            ls = {}
            for i in items:
                ls.setdefault(round(i["y"], 1), []).append(i)
            ys = sorted(ls, reverse=True)
            for a, b in zip(ys, ys[1:]):
                ta = "".join(i["text"] for i in sorted(ls[a], key=lambda i: i["x"]))
                tb = "".join(i["text"] for i in sorted(ls[b], key=lambda i: i["x"]))
                if NUM_END.search(ta) and NUM_START.match(tb):
                    bad += fault(doc, k + 1, "number phrase broken: '%s' | '%s'" % (ta[-20:], tb[:20]))
                if re.search(r'https?:/?$', ta.strip()) or re.search(r'(?:^|\s)(?:https?|htt|ht)$', ta.strip()):
                    bad += fault(doc, k + 1, "web address broken in its scheme: '%s' | '%s'" % (ta[-20:], tb[:20]))
        del prev
    return bad


BLANK_NOTE = "This page is left blank for printing."


def check_quotes(doc):
    """Typographic quotes throughout: none straight in the body text."""
    bad = 0
    for k, p in enumerate(doc.pages):
        for i in body_text(p):
            if ("'" in i["text"] or '"' in i["text"]) and i["role"] not in ("Code",):
                bad += fault(doc, k + 1, "a straight quote: '%s'" % i["text"][:40])
    return bad


HEADINGS = {"Title", "H1", "H2", "H3", "H4"}


def check_lone_word(doc):
    """A title, heading or contents entry of two lines or more does not
    leave one word alone on its last line."""
    bad = 0
    for k, p in enumerate(doc.pages):
        by = {}
        for i in body_text(p):
            toc = ancestor(doc, i["elem"], "TOCI") is not None
            if i["role"] in HEADINGS or toc:
                by.setdefault(i["elem"], {}).setdefault(round(i["y"], 1), []).append(i)
        for e, ls in by.items():
            if len(ls) < 2:
                continue
            last = ls[min(ls)]
            words = " ".join(i["text"] for i in sorted(last, key=lambda i: i["x"])).split()
            words = [w for w in words if not re.fullmatch(r"[\divxlc.]+", w)]  # page numbers
            if len(words) == 1:
                bad += fault(doc, k + 1, "one word alone on a title's last line: '%s'" % words[0])
    return bad


def check_word_breaks(doc):
    """No word broken between letters without a hyphen (a line that ends
    at a space keeps it in its text; one broken after a letter does not)."""
    bad = 0
    for k, p in enumerate(doc.pages):
        by = {}
        for i in body_text(p):
            by.setdefault(i["elem"], {}).setdefault(round(i["y"], 1), []).append(i)
        for e, ls in by.items():
            ys = sorted(ls, reverse=True)
            whole = "".join(i["text"] for y in ys for i in ls[y])
            if "://" in whole or "www." in whole:
                continue    # a web address may break anywhere
            for a in ys[:-1]:
                t = "".join(i["text"] for i in sorted(ls[a], key=lambda i: i["x"]))
                if re.search(r"[A-Za-z0-9][A-Za-z]$", t):
                    bad += fault(doc, k + 1, "a word broken without a hyphen: '%s|'" % t[-20:])
    return bad


def check_blank(doc):
    """A page may be blank only to bring the next part onto a right-hand
    page, and then says so."""
    bad = 0
    for k, p in enumerate(doc.pages):
        note = [i for i in p["items"] if i["kind"] == "text" and i["text"] == BLANK_NOTE]
        if not body_text(p) and not note and not any(i["kind"] == "image" for i in p["items"]):
            bad += fault(doc, k + 1, "a page without text")
    return bad


def main(argv):
    stats = False
    if argv and argv[0] == "--stats":
        stats = True
        argv = argv[1:]
    only = None
    if argv and argv[0] == "--only":
        only = set(argv[1].split(","))
        argv = argv[2:]
    kind, path = argv
    docs = parse(path)

    def on(name):
        return only is None or name in only
    if stats:
        for d in docs:
            f = fills(d)
            print("%-45s %3d pages, last %3.0f%%, emptiest %3.0f%% empty" % (
                d.name()[:45], len(d.pages), 100 * f[-1],
                100 * max([1 - x for x in f[:-1]] or [0])))
        return 0
    bad = 0
    for d in docs:
        if kind == "handouts":
            bad += (check_lonely(d) if on("lonely") else 0) + \
                (check_gaps(d) if on("gap") else 0)
        if kind == "booklet" and on("blank"):
            bad += check_blank(d)
        if on("wordbreak"):
            bad += check_word_breaks(d)
        if on("lone"):
            bad += check_lone_word(d)
        if on("quotes"):
            bad += check_quotes(d)
        if on("table"):
            bad += check_tables(d)
        if on("number") or on("scheme"):
            bad += check_words(d)
    print("%d documents, %d pages, %d faults" % (len(docs), sum(len(d.pages) for d in docs), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
