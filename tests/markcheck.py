#!/usr/bin/env python3
"""Check the review marks of page-model dumps (leafpress --dump).

usage: markcheck.py [--min-size PT] [--every-page] DUMP...

On every page that carries a review mark:
  - the notice (text of role Mark) stands at least 8 mm inside the top
    edge (measured to its ascender);
  - it is at least --min-size points (the body size: 18 in large print);
  - no other text reaches up into it (it overlaps nothing);
  - the diagonal mark (a path of role Mark) is the page's last item,
    drawn multiplied ("multiply"), so it shows over pictures.
With --every-page, every page must carry the marks.
Prints one line per problem; exits 1 on any, or when no mark was seen.
"""
import re
import sys

EDGE = 8 * 72 / 25.4
ASC, DESC = 0.928, 0.236	# DejaVu Sans Bold (hhea), the shipped face
TEXT = re.compile(r'^text (\S+) (\S+) (\S+) f\d+ (\S+) ')


def check(path, min_size, every):
    problems, marked = [], 0
    pages = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("page "):
            h = float(line.split()[2].split("x")[1])
            pages.append((line.split()[1], h, []))
        elif pages and not line.startswith(("elem ", "outline ")):
            pages[-1][2].append(line.rstrip("\n"))
    for num, h, items in pages:
        notices, others = [], []
        for it in items:
            m = TEXT.match(it)
            if not m:
                continue
            y, role, size = float(m.group(2)), m.group(3), float(m.group(4))
            (notices if role == "Mark" else others).append((y, size))
        paths = [i for i, it in enumerate(items)
                 if it.startswith("path ") and " Mark " in it]
        if not notices and not paths:
            if every:
                problems.append("page %s: no review mark" % num)
            continue
        marked += 1
        if not notices:
            problems.append("page %s: a diagonal mark but no notice" % num)
            continue
        y = min(n[0] for n in notices)
        size = min(n[1] for n in notices)
        top = max(n[0] + ASC * n[1] for n in notices)
        if h - top < EDGE - 0.01:
            problems.append("page %s: the notice is %.1f mm from the top "
                            "edge" % (num, (h - top) * 25.4 / 72))
        if size < min_size - 0.01:
            problems.append("page %s: the notice is %.1fpt, smaller than "
                            "%.1fpt" % (num, size, min_size))
        for oy, osz in others:
            if oy + ASC * osz > y - DESC * size and oy < top:
                problems.append("page %s: text at y=%.2f runs into the "
                                "notice" % (num, oy))
                break
        if not paths:
            problems.append("page %s: a notice but no diagonal mark" % num)
        elif paths[-1] != len(items) - 1 or " multiply" not in items[paths[-1]]:
            problems.append("page %s: the diagonal mark is not drawn last, "
                            "multiplied" % num)
    for p in problems[:5]:
        print("%s: %s" % (path, p))
    if len(problems) > 5:
        print("%s: and %d more problems" % (path, len(problems) - 5))
    if marked == 0:
        print("%s: no marked page" % path)
        return 1
    return 1 if problems else 0


def main(argv):
    min_size, every, rc = 0.0, False, 0
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--min-size":
            min_size = float(argv[i + 1])
            i += 2
            continue
        if argv[i] == "--every-page":
            every = True
        else:
            args.append(argv[i])
        i += 1
    for a in args:
        rc |= check(a, min_size, every)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
