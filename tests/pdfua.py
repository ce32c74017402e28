#!/usr/bin/env python3
"""PDF/UA-1 checker: the machine-checkable failure conditions of the
Matterhorn Protocol that apply to our PDFs, and what screen readers hit.

    python3 tests/pdfua.py FILE.pdf...        check tagged PDFs
    python3 tests/pdfua.py --untagged FILE... check plainly untagged PDFs
    python3 tests/pdfua.py --selftest FILE... break good files in known
                                              ways; each break must be caught

Reads the file through `qpdf --json` (objects, decoded streams); only the
standard library.  Prints one line per failure, "FILE: [checkpoint] text",
where the checkpoint is the Matterhorn Protocol's number (01 content, 06
metadata, 07 dictionary, 09 tag context, 11 language, 13 graphics, 14
headings, 15 tables, 16 lists, 19 notes, 28 annotations, 31 fonts) or "SR"
for a screen-reader check beyond it.  Exit status 1 if any.
"""
import base64
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead
TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())

# Where each type may stand: the parent types allowed (09: tag context).
PARENTS = {
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "TH": {"TR"}, "TD": {"TR"},
    "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"},
    "LI": {"L"}, "Lbl": {"LI", "Note", "TOCI", "BibEntry"},
    "LBody": {"LI"}, "TOCI": {"TOC"},
}
CHILDREN = {
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "L": {"LI", "Caption"},
    "LI": {"Lbl", "LBody"},
    "TR": {"TH", "TD"},
    "TOC": {"TOCI", "TOC", "Caption"},
}
PAINT = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*",
         "S", "s", "sh", "EI"}


def ref(v):
    """'12 0 R' -> 12, else None."""
    if isinstance(v, str) and v.endswith(" R"):
        return int(v.split()[0])
    return None


class Doc:
    def __init__(self, path):
        out = subprocess.run(
            ["qpdf", "--json", "--json-stream-data=inline",
             "--decode-level=generalized", path, "-"],
            capture_output=True, check=False)
        if out.returncode not in (0, 3):
            raise SystemExit("%s: qpdf cannot read it: %s" %
                             (path, out.stderr.decode(errors="replace")))
        j = json.loads(out.stdout)
        self.objs = {}
        for k, v in j["qpdf"][1].items():
            if k.startswith("obj:"):
                self.objs[int(k[4:].split()[0])] = v
        self.trailer = j["qpdf"][1].get("trailer", {}).get("value", {})
        self.pages = [ref(p["object"]) for p in j["pages"]]

    def get(self, v):
        """Resolve a reference to its value (dict, list...)."""
        n = ref(v)
        if n is None:
            return v
        o = self.objs.get(n)
        if o is None:
            return None
        if "stream" in o:
            return o["stream"].get("dict", {})
        return o.get("value")

    def data(self, v):
        o = self.objs.get(ref(v))
        if o is None or "stream" not in o:
            return b""
        d = o["stream"].get("data")
        return base64.b64decode(d) if d else b""


def text_of(s):
    """A qpdf JSON string ('u:...' or 'b:hex') as text."""
    if not isinstance(s, str):
        return ""
    if s.startswith("u:"):
        return s[2:]
    if s.startswith("b:"):
        try:
            return bytes.fromhex(s[2:]).decode("latin-1")
        except ValueError:
            return ""
    return s


# --- content streams ------------------------------------------------------

TOKEN = re.compile(rb"""
    (?P<ws>[\s\x00]+|%[^\r\n]*)
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<dopen><<) | (?P<dclose>>>)
  | (?P<aopen>\[) | (?P<aclose>\])
  | (?P<name>/[^\s/<>\[\]()%{}]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<str>\()
  | (?P<op>[^\s/<>\[\]()%{}]+)
""", re.X)


def read_string(b, i):
    """Literal string starting after '(' at i; returns (bytes, end)."""
    depth, out = 1, bytearray()
    while i < len(b):
        c = b[i]
        if c == 0x5C:  # backslash
            i += 1
            if i < len(b):
                e = b[i]
                m = {0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12}
                if e in m:
                    out.append(m[e])
                elif 0x30 <= e <= 0x37:
                    j = i
                    while j < len(b) and j < i + 3 and 0x30 <= b[j] <= 0x37:
                        j += 1
                    out.append(int(b[i:j], 8) & 0xFF)
                    i = j - 1
                elif e not in (10, 13):
                    out.append(e)
        elif c == 0x28:
            depth += 1
            out.append(c)
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
            out.append(c)
        else:
            out.append(c)
        i += 1
    return bytes(out), i


def operations(b):
    """Yield (operator, operands) of a content stream."""
    stack, i = [], 0
    nest = []
    while i < len(b):
        m = TOKEN.match(b, i)
        if m is None:
            i += 1
            continue
        i = m.end()
        kind = m.lastgroup
        v = m.group()
        if kind == "ws":
            continue
        if kind == "str":
            s, i = read_string(b, i)
            stack.append(("s", s))
        elif kind == "hex":
            h = re.sub(rb"\s", b"", v[1:-1])
            if len(h) % 2:
                h += b"0"
            stack.append(("s", bytes.fromhex(h.decode())))
        elif kind in ("dopen", "aopen"):
            nest.append(len(stack))
        elif kind in ("dclose", "aclose"):
            at = nest.pop() if nest else 0
            items = stack[at:]
            del stack[at:]
            if kind == "dclose":
                d = {}
                for k in range(0, len(items) - 1, 2):
                    d[items[k][1]] = items[k + 1][1]
                stack.append(("d", d))
            else:
                stack.append(("a", items))
        elif kind == "name":
            stack.append(("n", v.decode(errors="replace")))
        elif kind == "num":
            stack.append(("f", float(v)))
        elif kind == "op":
            op = v.decode(errors="replace")
            if nest:
                stack.append(("o", op))  # true/false/null inside
                continue
            if op == "BI":  # inline image: skip to EI
                e = b.find(b"EI", i)
                i = len(b) if e < 0 else e + 2
                yield "EI", []
                stack = []
                continue
            yield op, stack
            stack = []


def tounicode(doc, font):
    """A font's ToUnicode map: code (bytes) -> text."""
    f = doc.get(font) or {}
    tu = f.get("/ToUnicode")
    m = {}
    if tu is None:
        return None
    s = doc.data(tu).decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", s, re.S):
        for a, u in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            m[bytes.fromhex(a)] = bytes.fromhex(u).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", s, re.S):
        for a, z, u in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            lo, hi, base = int(a, 16), int(z, 16), int(u, 16)
            w = len(a) // 2
            if hi - lo > 65535:
                continue
            for c in range(lo, hi + 1):
                try:
                    m[c.to_bytes(w, "big")] = chr(base + c - lo)
                except (ValueError, OverflowError):
                    pass
    return m


def ttf_glyphs(data):
    """A TrueType font program: (number of glyphs, glyphs with outlines),
    or None if it cannot be read."""
    try:
        n = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for i in range(n):
            tag, _, off, ln = struct.unpack(">4sIII",
                                            data[12 + 16 * i:28 + 16 * i])
            tables[tag] = off
        head, maxp, loca = tables[b"head"], tables[b"maxp"], tables[b"loca"]
        fmt = struct.unpack(">h", data[head + 50:head + 52])[0]
        num = struct.unpack(">H", data[maxp + 4:maxp + 6])[0]
        if fmt == 0:
            offs = [2 * x for x in struct.unpack(
                ">%dH" % (num + 1), data[loca:loca + 2 * (num + 1)])]
        else:
            offs = struct.unpack(">%dI" % (num + 1),
                                 data[loca:loca + 4 * (num + 1)])
    except (KeyError, struct.error):
        return None
    return num, {g for g in range(num) if offs[g + 1] > offs[g]}


def glyph_check(doc, fref):
    """For a Type0 TrueType font: a function code -> None if the glyph it
    draws is a real one, else why not.  None for other fonts."""
    f = doc.get(fref) or {}
    if f.get("/Subtype") != "/Type0":
        return None
    kids = doc.get(f.get("/DescendantFonts")) or []
    cid = doc.get(kids[0]) if kids else {}
    fd = doc.get(cid.get("/FontDescriptor")) or {}
    text = tounicode(doc, fref) or {}
    base = f.get("/BaseFont", "?")
    prog = ttf_glyphs(doc.data(fd["/FontFile2"])) if "/FontFile2" in fd \
        else None
    m = cid.get("/CIDToGIDMap", "/Identity")
    gmap = None if m == "/Identity" else doc.data(m)

    def check(code):
        t = text.get(code.to_bytes(2, "big"), "")
        if gmap is None:
            gid = code
        elif 2 * code + 1 < len(gmap):
            gid = gmap[2 * code] << 8 | gmap[2 * code + 1]
        else:
            gid = 0
        if prog is None:
            return "%s has no TrueType program to check" % base
        if gid == 0:
            return "%r drawn as .notdef in %s" % (t, base)
        if gid >= prog[0]:
            return "%r: glyph %d is not in %s" % (t, gid, base)
        if gid not in prog[1] and t.strip() not in ("", "\u00ad"):
            return "%r drawn as an empty glyph in %s" % (t, base)
        return None
    return check


def decode_text(s, cmap, width):
    if cmap is None:
        return s.decode("latin-1")
    out = []
    for k in range(0, len(s) - width + 1, width):
        out.append(cmap.get(s[k:k + width], ""))
    return "".join(out)


# --- the checks -------------------------------------------------------------

class Checker:
    def __init__(self, path, untagged=False):
        self.path = path
        self.fails = []
        self.doc = Doc(path)
        self.untagged = untagged

    def fail(self, cp, msg):
        self.fails.append("[%s] %s" % (cp, msg))

    def run(self):
        d = self.doc
        cat = d.get(d.trailer.get("/Root")) or {}
        self.cat = cat
        self.check_glyphs()
        if self.untagged:
            self.check_untagged(cat)
            return self.fails
        self.check_metadata(cat)
        self.check_catalog(cat)
        self.mcids = {}      # (page obj, mcid) -> text
        self.check_content()
        self.check_fonts()
        self.check_tree(cat)
        return self.fails

    # 06 metadata, 07 DisplayDocTitle, 11 language
    def check_metadata(self, cat):
        md = cat.get("/Metadata")
        if md is None:
            self.fail("06-001", "no XMP metadata stream in the catalog")
            return
        x = self.doc.data(md).decode("utf-8", "replace")
        if not re.search(r"<pdfuaid:part>\s*1\s*</pdfuaid:part>|"
                         r"pdfuaid:part=\"1\"", x):
            self.fail("06-002", "the XMP metadata does not say PDF/UA-1 "
                      "(pdfuaid:part)")
        t = re.search(r"<dc:title>.*?<rdf:li[^>]*>([^<]+)</rdf:li>", x, re.S)
        if t is None or not t.group(1).strip():
            self.fail("06-003", "the XMP metadata has no dc:title")
        if not re.search(r"<dc:language>.*?<rdf:li>[^<]+</rdf:li>", x, re.S):
            self.fail("SR", "the XMP metadata has no dc:language")

    def check_catalog(self, cat):
        vp = self.doc.get(cat.get("/ViewerPreferences")) or {}
        if vp.get("/DisplayDocTitle") is not True:
            self.fail("07-001", "ViewerPreferences has no DisplayDocTitle "
                      "true: readers show the file name, not the title")
        lang = text_of(cat.get("/Lang"))
        if not re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$", lang):
            self.fail("11-006", "the document has no valid /Lang (%r)" % lang)
        mi = self.doc.get(cat.get("/MarkInfo")) or {}
        if mi.get("/Marked") is not True:
            self.fail("01-002", "MarkInfo /Marked is not true")
        if mi.get("/Suspects") is True:
            self.fail("01-007", "MarkInfo /Suspects is true")
        if cat.get("/StructTreeRoot") is None:
            self.fail("01-003", "no structure tree")

    # 01: every painted thing is tagged content or an artifact
    def check_content(self):
        d = self.doc
        for pno, pg in enumerate(d.pages, 1):
            page = d.get("%d 0 R" % pg) or {}
            res = d.get(page.get("/Resources")) or {}
            fonts = d.get(res.get("/Font")) or {}
            maps = {}
            cs = page.get("/Contents")
            parts = cs if isinstance(cs, list) else [cs] if cs else []
            data = b"".join(d.data(p) + b"\n" for p in parts)
            stack = []           # marked content: ("mcid", n) / ("art",) / ("bmc",)
            font, width, bad = None, 2, 0
            for op, args in operations(data):
                if op in ("BDC", "BMC"):
                    tag = args[0][1] if args and args[0][0] == "n" else ""
                    props = args[1][1] if len(args) > 1 and args[1][0] == "d" else {}
                    if tag == "/Artifact":
                        stack.append(("art", props))
                        if op == "BDC" and "/Type" not in props:
                            self.fail("SR", "page %d: an artifact without a "
                                      "/Type (Pagination or Layout)" % pno)
                    elif "/MCID" in props:
                        n = int(props["/MCID"])
                        if (pg, n) in self.mcids:
                            self.fail("01-005", "page %d: MCID %d is used "
                                      "twice" % (pno, n))
                        self.mcids[(pg, n)] = ""
                        stack.append(("mcid", n))
                    else:
                        stack.append(("bmc", tag))
                elif op == "EMC":
                    if stack:
                        stack.pop()
                    else:
                        self.fail("01-005", "page %d: EMC without BDC" % pno)
                elif op == "Tf" and args:
                    fn = args[0][1][1:] if args[0][0] == "n" else ""
                    fref = fonts.get("/" + fn)
                    if fref not in maps:
                        maps[fref] = tounicode(d, fref)
                    font = maps[fref]
                    fd = d.get(fref) or {}
                    width = 2 if fd.get("/Subtype") == "/Type0" else 1
                elif op in PAINT:
                    tagged = [s for s in stack if s[0] in ("mcid", "art")]
                    if not tagged:
                        bad += 1
                    elif tagged[-1][0] == "mcid" and op in ("Tj", "TJ", "'", '"'):
                        key = (pg, tagged[-1][1])
                        for kind, v in args:
                            if kind == "s":
                                self.mcids[key] += decode_text(v, font, width)
                            elif kind == "a":
                                for k2, v2 in v:
                                    if k2 == "s":
                                        self.mcids[key] += decode_text(v2, font, width)
            if bad:
                self.fail("01-005", "page %d: %d drawing operations are "
                          "neither tagged content nor artifacts" % (pno, bad))
            if stack:
                self.fail("01-005", "page %d: marked content left open" % pno)

    # 31: fonts embedded, with Unicode maps
    def check_fonts(self):
        d = self.doc
        seen = set()
        for pg in d.pages:
            page = d.get("%d 0 R" % pg) or {}
            res = d.get(page.get("/Resources")) or {}
            for name, fref in (d.get(res.get("/Font")) or {}).items():
                if fref in seen:
                    continue
                seen.add(fref)
                f = d.get(fref) or {}
                base = f.get("/BaseFont", name)
                desc = f
                if f.get("/Subtype") == "/Type0":
                    kids = d.get(f.get("/DescendantFonts")) or []
                    desc = d.get(kids[0]) if kids else {}
                fd = d.get(desc.get("/FontDescriptor")) or {}
                if not any(k in fd for k in ("/FontFile", "/FontFile2",
                                             "/FontFile3")):
                    self.fail("31-001", "font %s is not embedded" % base)
                if "/ToUnicode" not in f:
                    self.fail("31-027", "font %s has no ToUnicode map: its "
                              "text cannot be read out" % base)

    # 31-030: no glyph drawn is .notdef, or missing from the font program
    # embedded for it, or blank where its text is not a space
    def check_glyphs(self):
        d = self.doc
        fonts_seen = {}
        for pno, pg in enumerate(d.pages, 1):
            page = d.get("%d 0 R" % pg) or {}
            res = d.get(page.get("/Resources")) or {}
            fonts = d.get(res.get("/Font")) or {}
            cs = page.get("/Contents")
            parts = cs if isinstance(cs, list) else [cs] if cs else []
            data = b"".join(d.data(p) + b"\n" for p in parts)
            font, bad, first = None, 0, None
            for op, args in operations(data):
                if op == "Tf" and args:
                    fn = args[0][1][1:] if args[0][0] == "n" else ""
                    fref = fonts.get("/" + fn)
                    if fref not in fonts_seen:
                        fonts_seen[fref] = glyph_check(d, fref)
                    font = fonts_seen[fref]
                elif op in ("Tj", "TJ", "'", '"') and font is not None:
                    strings = [v for k, v in args if k == "s"]
                    for k, v in args:
                        if k == "a":
                            strings += [v2 for k2, v2 in v if k2 == "s"]
                    for st in strings:
                        for j in range(0, len(st) - 1, 2):
                            why = font(st[j] << 8 | st[j + 1])
                            if why:
                                bad += 1
                                first = first or why
            if bad:
                self.fail("31-030", "page %d: %d glyphs drawn are not in "
                          "their font (first: %s)" % (pno, bad, first))

    # the structure tree: consistency, types, context, and what it says
    def check_tree(self, cat):
        d = self.doc
        root_ref = cat.get("/StructTreeRoot")
        root = d.get(root_ref)
        if root is None:
            return
        rolemap = d.get(root.get("/RoleMap")) or {}
        pt = d.get(root.get("/ParentTree")) or {}
        nums = {}
        self.collect_nums(pt, nums)
        page_index = {pg: i for i, pg in enumerate(d.pages, 1)}

        elems = {}          # obj -> (type, parent obj)
        mcr_seen = set()
        objr_of = {}        # annot obj -> element obj
        kids_of = {}
        texts = {}

        def std(t):
            seen = set()
            while t not in STANDARD and t in rolemap and t not in seen:
                seen.add(t)
                t = rolemap[t][1:]
            return t

        todo = [(ref(k), ref(root_ref)) for k in self.as_list(root.get("/K"))]
        while todo:
            e, parent = todo.pop()
            if e is None or e in elems:
                continue
            ed = d.get("%d 0 R" % e) or {}
            t = str(ed.get("/S", ""))[1:]
            if std(t) not in STANDARD:
                self.fail("01-006", "structure type %s is not standard and "
                          "has no role mapping" % t)
            if ref(ed.get("/P")) != parent:
                self.fail("SR", "%s element %d: /P does not point at its "
                          "parent" % (t, e))
            elems[e] = (std(t), parent)
            kids_of[e] = []
            pg = ref(ed.get("/Pg"))
            for k in self.as_list(ed.get("/K")):
                if isinstance(k, (int, float)):
                    kids_of[e].append(("mcr", (pg, int(k))))
                    continue
                kr = ref(k)
                kd = d.get(k) if kr is not None else k
                if not isinstance(kd, dict):
                    continue
                kt = kd.get("/Type")
                if kt == "/MCR" or ("/MCID" in kd and "/S" not in kd):
                    kpg = ref(kd.get("/Pg")) or pg
                    kids_of[e].append(("mcr", (kpg, int(kd["/MCID"]))))
                elif kt == "/OBJR":
                    a = ref(kd.get("/Obj"))
                    objr_of[a] = e
                    kids_of[e].append(("objr", a))
                elif kr is not None:
                    kids_of[e].append(("elem", kr))
                    todo.append((kr, e))

        # ParentTree <-> content
        for (pg, n) in self.mcids:
            page = d.get("%d 0 R" % pg) or {}
            sp = page.get("/StructParents")
            arr = d.get(nums.get(sp)) if sp is not None else None
            if not isinstance(arr, list) or n >= len(arr) or ref(arr[n]) not in elems:
                self.fail("01-005", "page %d: tagged content (MCID %d) has "
                          "no structure element in the ParentTree" %
                          (page_index[pg], n))
                continue
            if ("mcr", (pg, n)) not in kids_of[ref(arr[n])]:
                self.fail("01-005", "page %d: MCID %d: the ParentTree's "
                          "element does not hold it" % (page_index[pg], n))
        for e, kids in kids_of.items():
            for kind, v in kids:
                if kind == "mcr":
                    if v in mcr_seen:
                        self.fail("SR", "MCID %d of one page is in the tree "
                                  "twice" % v[1])
                    mcr_seen.add(v)
                    if v not in self.mcids:
                        self.fail("01-005", "%s element refers to marked "
                                  "content that is not on its page" %
                                  elems[e][0])

        def text(e):
            if e in texts:
                return texts[e]
            texts[e] = ""
            s = ""
            for kind, v in kids_of.get(e, []):
                if kind == "mcr":
                    s += self.mcids.get(v, "")
                elif kind == "elem":
                    s += text(v)
            texts[e] = s
            return s

        # annotations
        for pno, pg in enumerate(d.pages, 1):
            page = d.get("%d 0 R" % pg) or {}
            annots = d.get(page.get("/Annots")) or []
            if annots and page.get("/Tabs") != "/S":
                self.fail("28-009" if "/Tabs" in page else "28-008",
                          "page %d has annotations but no /Tabs /S" % pno)
            for a in annots:
                ar = ref(a)
                ad = d.get(a) or {}
                sub = ad.get("/Subtype")
                if sub in ("/Popup",):
                    continue
                sp = ad.get("/StructParent")
                if sp is None or ref(nums.get(sp)) not in elems:
                    self.fail("28-002", "page %d: a %s annotation is not in "
                              "the structure tree" % (pno, sub))
                if sub == "/Link":
                    e = objr_of.get(ar)
                    if e is None or elems[e][0] != "Link":
                        self.fail("28-011", "page %d: a link annotation is "
                                  "not inside a Link element" % pno)
                    c = text_of(ad.get("/Contents")).strip()
                    if not c:
                        self.fail("28-004", "page %d: a link has no /Contents "
                                  "(what it leads to)" % pno)
                    elif c.lower() in ("link within this document", "link"):
                        self.fail("SR", "page %d: a link is described only as "
                                  "%r, not where it leads" % (pno, c))

        # element by element
        ids = {}
        headings = []
        self.walk_order(ref(root_ref), root, kids_of, elems, headings)
        for e, (t, parent) in elems.items():
            ed = d.get("%d 0 R" % e) or {}
            pt_ = elems.get(parent, ("StructTreeRoot",))[0]
            kid_types = [elems[v][0] for k, v in kids_of[e] if k == "elem" and v in elems]
            if t in PARENTS and pt_ not in PARENTS[t]:
                self.fail("09-004" if t in ("LI", "Lbl", "LBody") else
                          "09-005" if t in ("TR", "TH", "TD", "THead", "TBody",
                                            "TFoot") else "09-008",
                          "%s inside %s" % (t, pt_))
            if t in CHILDREN:
                for kt in kid_types:
                    if kt not in CHILDREN[t]:
                        self.fail("09-004" if t in ("L", "LI") else
                                  "09-005" if t in ("Table", "TR") else "09-008",
                                  "%s holds %s (nested lists belong in LBody)"
                                  % (t, kt) if t == "L" else
                                  "%s holds %s" % (t, kt))
            if t == "Figure" and not text_of(ed.get("/Alt")).strip() and \
                    not text_of(ed.get("/ActualText")).strip():
                self.fail("13-004", "a Figure has no alternative text")
            if t == "TH" and not self.attr(ed, "/Scope") and "/Headers" not in str(ed):
                self.fail("15-003", "a TH has no /Scope (%r)" % text(e)[:30])
            if t == "L" and not self.attr(ed, "/ListNumbering"):
                self.fail("16-002", "a list has no /ListNumbering")
            if t == "Note":
                i = text_of(ed.get("/ID"))
                if not i:
                    self.fail("19-003", "a Note has no /ID")
                elif i in ids:
                    self.fail("19-004", "two Notes share the /ID %r" % i)
                ids[i] = e
            if t == "Link":
                if not text(e).strip():
                    self.fail("SR", "a Link element holds no text")
                if not any(k == "objr" for k, v in kids_of[e]):
                    self.fail("SR", "a Link element has no link annotation "
                              "(%r)" % text(e)[:30])
            if t in ("H1", "H2", "H3", "H4", "H5", "H6") and not text(e).strip():
                self.fail("14-007" if False else "SR", "an empty heading %s" % t)
            if t == "Table":
                self.check_table(e, kids_of, elems, text)
            if t == "L":
                # bullets and numbers in one list: a nested list was
                # flattened into its parent
                kinds = set()
                for li in (v for k, v in kids_of[e] if k == "elem"):
                    for k2, lbl in kids_of.get(li, []):
                        if k2 == "elem" and elems.get(lbl, ("",))[0] == "Lbl":
                            s = text(lbl).strip()
                            kinds.add("number" if re.match(r"^[0-9ivxIVX]+[.)]?$|^[a-zA-Z][.)]$", s)
                                      else "bullet" if s else "none")
                if "number" in kinds and "bullet" in kinds:
                    self.fail("SR", "a list mixes bullets and numbers: a "
                              "nested list is flattened into it")
        # links: one element per link (a link over several words or
        # lines is one Link, not one per word)
        for e, kids in kids_of.items():
            prev = None
            for kind, v in kids:
                if kind == "elem" and v in elems and elems[v][0] == "Link":
                    if prev is not None and self.same_target(prev, v, kids_of):
                        self.fail("SR", "one link is split into several Link "
                                  "elements (%r, %r)" % (text(prev)[:20], text(v)[:20]))
                    prev = v
                elif kind == "mcr" and self.mcids.get(v, "").strip():
                    prev = None
                elif kind == "elem":
                    prev = None
        # 14: headings in order, no level skipped
        last = 0
        for t in headings:
            n = int(t[1])
            if last == 0 and n != 1:
                self.fail("14-002", "the first heading is %s, not H1" % t)
            elif n > last + 1 and last > 0:
                self.fail("14-003", "heading %s follows H%d: a level is "
                          "skipped" % (t, last))
            last = n
        # the review notice is read out first
        info = d.get(d.trailer.get("/Info")) or {}
        if text_of(info.get("/ReviewStatus")) == "draft":
            first = self.first_text(ref(root_ref), kids_of, elems, text)
            if "DRAFT" not in first:
                self.fail("SR", "a draft does not say so first: reading "
                          "starts with %r" % first[:40])

    def same_target(self, a, b, kids_of):
        def targets(e):
            out = set()
            for k, v in kids_of.get(e, []):
                if k == "objr":
                    ad = self.doc.get("%d 0 R" % v) or {}
                    out.add(json.dumps([ad.get("/Dest"), ad.get("/A")],
                                       sort_keys=True))
            return out
        ta, tb = targets(a), targets(b)
        return bool(ta) and ta == tb

    def first_text(self, root, kids_of, elems, text):
        stack = [v for k, v in reversed(kids_of.get(root, [])) if k == "elem"]
        stack = [ref(k) for k in reversed(self.as_list(
            (self.doc.get("%d 0 R" % root) or {}).get("/K")))]
        while stack:
            e = stack.pop()
            if e is None:
                continue
            s = text(e).strip()
            if s:
                for k, v in kids_of.get(e, []):
                    if k == "mcr" and self.mcids.get(v, "").strip():
                        return self.mcids[v].strip()
                    if k == "elem":
                        break
                stack.extend(v for k, v in reversed(kids_of.get(e, [])) if k == "elem")
        return ""

    def walk_order(self, root, rootd, kids_of, elems, headings):
        stack = [ref(k) for k in reversed(self.as_list(rootd.get("/K")))]
        while stack:
            e = stack.pop()
            if e not in elems:
                continue
            if re.match(r"^H[1-6]$", elems[e][0]):
                headings.append(elems[e][0])
            stack.extend(v for k, v in reversed(kids_of[e]) if k == "elem")

    def check_table(self, e, kids_of, elems, text):
        rows = []
        stack = [e]
        while stack:
            x = stack.pop()
            for k, v in reversed(kids_of[x]):
                if k != "elem" or v not in elems:
                    continue
                if elems[v][0] == "TR":
                    rows.append(v)
                elif elems[v][0] in ("THead", "TBody", "TFoot"):
                    stack.append(v)
        rows.reverse()
        widths = set()
        heads = []
        for r in rows:
            cells = [v for k, v in kids_of[r] if k == "elem" and v in elems]
            widths.add(len(cells))
            if cells and all(elems[c][0] == "TH" for c in cells):
                heads.append(tuple(text(c).strip() for c in cells))
        if len(widths) > 1:
            self.fail("SR", "a table's rows have different numbers of cells "
                      "%s: cells slide under the wrong header" % sorted(widths))
        if len(heads) != len(set(heads)):
            self.fail("SR", "a table's header row is read more than once "
                      "(%r)" % (" ".join(heads[0])[:30],))

    def attr(self, ed, key):
        for a in self.as_list(ed.get("/A")):
            ad = self.doc.get(a)
            if isinstance(ad, dict) and key in ad:
                return ad[key]
        return None

    def as_list(self, v):
        v = self.doc.get(v) if ref(v) is not None and not isinstance(
            self.doc.get(v), dict) else v
        if v is None:
            return []
        return v if isinstance(v, list) else [v]

    def collect_nums(self, node, out):
        node = self.doc.get(node) if not isinstance(node, dict) else node
        if not isinstance(node, dict):
            return
        n = node.get("/Nums") or []
        for k in range(0, len(n) - 1, 2):
            out[n[k]] = n[k + 1]
        for kid in node.get("/Kids") or []:
            self.collect_nums(kid, out)

    def check_untagged(self, cat):
        if cat.get("/StructTreeRoot") is not None:
            self.fail("SR", "meant to be untagged, but has a structure tree")
        mi = self.doc.get(cat.get("/MarkInfo")) or {}
        if mi.get("/Marked") is True:
            self.fail("SR", "meant to be untagged, but says it is (Marked)")
        md = cat.get("/Metadata")
        if md is not None and b"pdfuaid:part" in self.doc.data(md):
            self.fail("SR", "meant to be untagged, but claims PDF/UA")


def check(paths, untagged=False):
    bad = 0
    for p in paths:
        for f in Checker(p, untagged).run():
            print("%s: %s" % (p, f))
            bad += 1
    return bad


# --- self-test: break a good file in known ways ---------------------------

BREAKS = [
    # (what, checkpoint expected, regex, replacement, count)
    ("no PDF/UA identifier", "06-002", rb"<pdfuaid:part>1</pdfuaid:part>",
     b"<pdfuaid:xart>1</pdfuaid:xart>", 1),
    ("no dc:title", "06-003", rb"<dc:title>", b"<dc:xitle>", 1),
    ("no DisplayDocTitle", "07-001", rb"/DisplayDocTitle true",
     b"/DisplayDocTitle false", 1),
    ("no Lang", "11-006", rb"/Lang ", b"/Xang ", 1),
    ("untagged content", "01-005", rb"/P <</MCID 2>> BDC",
     b"/P <</MCIX 2>> BDC", 1),
    ("artifact without type", "SR", rb"/Artifact <</Type /Layout>> BDC",
     b"/Artifact <</Xype /Layout>> BDC", 1),
    ("Suspects", "01-007", rb"/Marked true", b"/Marked true /Suspects true", 1),
    ("non-standard type", "01-006", rb"/S /P\b", b"/S /Px", 1),
    ("TH without Scope", "15-003", rb"/Scope /Column", b"/Scopx /Column", 1),
    ("list without numbering", "16-002", rb"/ListNumbering",
     b"/ListNumberinx", 1),
    ("nested list out of LBody", "09-004", rb"/S /LBody", b"/S /Div", 1),
    ("TOCI outside TOC", "09-008", rb"/S /TOC\b", b"/S /Div", 1),
    ("Figure without Alt", "13-004", rb"/Alt ", b"/Xlt ", 1),
    ("skipped heading level", "14-003", rb"/S /H2", b"/S /H4", 1),
    ("Note without ID", "19-003", rb"/ID \((fn-)", b"/XD (\\1", 1),
    ("link without Contents", "28-004", rb"/Contents ([<(])", b"/Xontents \\1",
     1),
    ("link not in a Link element", "28-011", rb"/S /Link", b"/S /Span", 1),
    ("no Tabs", "28-008", rb"/Tabs /S", b"/Xabs /S", 0),
    ("annotation not in the tree", "28-002", rb"/StructParent (\d+)",
     b"/XtructParent \\1", 1),
    ("page not in the ParentTree", "01-005", rb"/StructParents 0",
     b"/StructParents 9999", 1),
    ("font without ToUnicode", "31-027", rb"/ToUnicode", b"/XoUnicode", 1),
    ("a .notdef glyph drawn", "31-030", rb"<0001", b"<0000", 1),
    ("no XMP language", "SR", rb"<dc:language>", b"<dc:xanguage>", 1),
]


def selftest(goods):
    """Each break is made in the first good file that has what it
    breaks."""
    bad = check(goods)
    if bad:
        print("selftest: the good files have failures")
        return 1
    tmp = tempfile.mkdtemp()
    failed = 0
    try:
        srcs = []
        for k, good in enumerate(goods):
            qdf = os.path.join(tmp, "good%d.qdf" % k)
            subprocess.run(["qpdf", "--qdf", "--object-streams=disable",
                            "--decode-level=generalized", good, qdf],
                           check=False, capture_output=True)
            srcs.append(open(qdf, "rb").read())
        for what, cp, pat, rep, cnt in BREAKS:
            n = 0
            for src in srcs:
                s, n = re.subn(pat, rep, src, count=cnt)
                if n > 0:
                    break
            if n == 0:
                print("selftest: cannot break %r (pattern not found)" % what)
                failed += 1
                continue
            broken = os.path.join(tmp, "broken.qdf")
            fixed = os.path.join(tmp, "broken.pdf")
            open(broken, "wb").write(s)
            with open(fixed, "wb") as out:
                subprocess.run(["fix-qdf", broken], stdout=out, check=False,
                               stderr=subprocess.DEVNULL)
            got = Checker(fixed).run()
            if any(f.startswith("[%s]" % cp) for f in got):
                print("selftest: %s: caught [%s]" % (what, cp))
            else:
                print("selftest: %s: NOT caught (expected [%s]; got %s)" %
                      (what, cp, got[:3]))
                failed += 1
    finally:
        shutil.rmtree(tmp)
    print("selftest: %d of %d breaks caught" % (len(BREAKS) - failed,
                                              len(BREAKS)))
    return 1 if failed else 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "--selftest":
        return selftest(argv[1:])
    untagged = False
    if argv and argv[0] == "--untagged":
        untagged = True
        argv = argv[1:]
    if not argv:
        print(__doc__)
        return 2
    return 1 if check(argv, untagged) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
