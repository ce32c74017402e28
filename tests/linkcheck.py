#!/usr/bin/env python3
"""Check that every internal link of a PDF leads where its text says.

For each link annotation with a destination, the text under the link is
read with pdftotext and the destination page and position are resolved
through qpdf's JSON view of the file:
  - a contents line "Title . . . 17" must lead to the page labelled 17,
    whose text contains the title;
  - a page number "17" (glossary back-link) must lead to page 17;
  - a citation "[3]" or "[2,5]" must lead to entry "3." of a reference list;
  - a word (a glossary term) must lead to the glossary entry for it.
Prints one line per problem and a summary; exits 1 on any problem.
"""
import json
import re
import subprocess
import sys


def qpdf_json(path):
    out = subprocess.run(["qpdf", "--json=1", "--json-key=pages",
                          "--json-key=objects", path],
                         capture_output=True, check=True, text=True).stdout
    return json.loads(out)


_words = {}


def words_of(path, page):
    """Every word of a page with its box (pdftotext -bbox), cached."""
    if page not in _words:
        r = subprocess.run(["pdftotext", "-bbox", "-f", str(page + 1), "-l",
                            str(page + 1), "-enc", "UTF-8", path, "-"],
                           capture_output=True, text=True)
        ws = []
        for m in re.finditer(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" '
                             r'xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)'
                             r'</word>', r.stdout):
            x0, y0, x1, y1 = (float(m.group(k)) for k in range(1, 5))
            w = m.group(5).replace("&amp;", "&").replace("&lt;", "<") \
                .replace("&gt;", ">").replace("&quot;", '"')
            ws.append((x0, y0, x1, y1, w))
        _words[page] = ws
    return _words[page]


def text_in(path, page, x, y, w, h, height):
    """The words whose centre lies in a rectangle (PDF coordinates)."""
    top, bottom = height - (y + h), height - y
    out = []
    for x0, y0, x1, y1, word in words_of(path, page):
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if x <= cx <= x + w and top <= cy <= bottom:
            out.append(word)
    return " ".join(out)


def page_text(path, page):
    return " ".join(w[4] for w in words_of(path, page))


def roman(n):
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
            (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
            (5, "v"), (4, "iv"), (1, "i")]
    s = ""
    for v, r in vals:
        while n >= v:
            s += r
            n -= v
    return s


def labels(pages):
    out, start, cur = [], 0, None
    for i, p in enumerate(pages):
        lab = p.get("label")
        if lab is not None and lab is not cur and lab != cur:
            cur, start = lab, i
        if cur is None:
            out.append(str(i + 1))
            continue
        n = cur.get("/St", 1) + i - start
        out.append(roman(n) if cur.get("/S") == "/r" else str(n))
    return out


def main(path):
    d = qpdf_json(path)
    objs, pages = d["objects"], d["pages"]
    index = {p["object"]: i for i, p in enumerate(pages)}
    labs = labels(pages)
    checked = problems = 0
    texts = {}

    def ptext(i):
        if i not in texts:
            texts[i] = page_text(path, i)
        return texts[i]

    def norm(s):
        return s.replace("’", "'").lower()

    # a term broken over two lines (or pages) has one link per line:
    # joined, in the order of the pages
    links = []
    for i, p in enumerate(pages):
        pd = objs[p["object"]]
        box = pd.get("/MediaBox", [0, 0, 595, 842])
        height = float(box[3])
        annots = pd.get("/Annots", [])
        if isinstance(annots, str):
            annots = objs[annots]
        for ref in annots:
            a = objs[ref]
            if a.get("/Subtype") != "/Link" or "/Dest" not in a:
                continue
            dest = a["/Dest"]
            if isinstance(dest, str):
                dest = objs[dest]
            tgt = index.get(dest[0])
            x0, y0, x1, y1 = [float(v) for v in a["/Rect"]]
            text = text_in(path, i, x0, y0, x1 - x0, y1 - y0, height)
            ty = float(dest[3]) if len(dest) > 3 and dest[3] is not None else height
            if links and links[-1][0] == tgt and links[-1][1] == ty:
                links[-1][2] += " " + text
            else:
                links.append([tgt, ty, text, i, height])
    for tgt, ty, text, i, height in links:
        near = text_in(path, tgt, 0, ty - 40, 1000, 42, height) if tgt is not None else ""
        checked += 1
        what = None
        m = re.match(r"^(.*?)[ .]*\.\s*([0-9ivxlc]+)$", text)
        if tgt is None:
            what = "leads to no page"
        elif m and ". ." in text:
            title, num = m.group(1).strip(), m.group(2)
            if labs[tgt] != num:
                what = "contents says page %s, link goes to page %s" % (num, labs[tgt])
            elif norm(title.split()[0]) not in norm(ptext(tgt)):
                what = "page %s does not show '%s'" % (num, title)
        elif re.match(r"^[0-9]+$", text):
            # a page back-link, or a note number leading to its note
            if labs[tgt] != text and \
                    not re.search(r"(^|\s)%s\.\s" % text, near + " "):
                what = "number %s leads to page %s, not to note %s." % (text, labs[tgt], text)
        elif re.match(r"^\[[0-9,–-]+\]$", text):
            first = re.findall(r"[0-9]+", text)[0]
            if not re.search(r"(^|\s)%s\.\s" % first, near + " "):
                what = "citation %s does not lead to reference %s. (found '%s')" % (text, first, near[:60])
        elif re.match(r"^[A-Za-z]", text):
            # a glossary term: one of its words starts the entry's
            # text, or the entry is a cross-reference
            stems = []
            for w in re.findall(r"[A-Za-z0-9]{3,}", text):
                w = norm(w)
                if w.endswith("s") and len(w) > 3:
                    w = w[:-1]
                stems.append(w[:4])
            if stems and not any(st in norm(near) for st in stems) \
                    and ": see" not in near:
                what = "'%s' leads to '%s'" % (text, near[:60])
        if what:
            problems += 1
            print("%s: page %s: link '%s': %s" % (path, labs[i], text, what))
    print("%s: %d links checked, %d wrong" % (path, checked, problems))
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(max(main(p) for p in sys.argv[1:]))
