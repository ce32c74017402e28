# leafpress: build the tool, then the handouts and booklet from content/.
#
#   make            install missing Debian packages, build, write output/
#   make check      run every test
#   make bench      time the full build and a corpus ten times its size
#   make install    install the binary, data, man page and completion
#                   (PREFIX, DESTDIR honoured)
#   make uninstall  remove what make install put there
#
# Plain make runs one compiler per processor.

PREFIX	?= /usr/local
DESTDIR	?=
CC	?= cc
BUILD	?= build

PKGS_BUILD = gcc make pkg-config libhpdf-dev libcmark-gfm-dev \
	libcmark-gfm-extensions-dev libyaml-dev libfreetype-dev \
	libfontconfig-dev libharfbuzz-dev libpng-dev libdeflate-dev libjpeg-dev libhyphen-dev hyphen-en-gb hyphen-en-us \
	fonts-dejavu-core fonts-dejavu-extra
PKGS_TEST = poppler-utils qpdf mupdf-tools ghostscript diction valgrind python3 \
	bash-completion man-db \
	clang chromium

PC_LIBS	= freetype2 harfbuzz harfbuzz-subset yaml-0.1 libcmark-gfm fontconfig libpng \
	libdeflate
WARN	= -Wall -Wextra -Wshadow -Wwrite-strings -Wstrict-prototypes \
	-Wmissing-prototypes -Wold-style-definition -Wformat=2 -Wundef
CFLAGS	?= -g -O3
# The tool is optimised across its modules at link time (small helpers such
# as buf_addc inlined where they are called): 7% fewer instructions for a
# build.  Fat objects keep plain code too, so the tests link them quickly
# without it; the sanitizer and fuzzing builds (clang) set LTO empty.
LTO	?= -flto=auto -ffat-lto-objects
NPROC	:= $(shell nproc 2>/dev/null || echo 1)
ifeq ($(MAKELEVEL)$(filter -j%,$(MAKEFLAGS)),0)
MAKEFLAGS += -j$(NPROC)
endif
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
	$(CFLAGS) $(EXTRA_CFLAGS) $(shell pkg-config --cflags $(PC_LIBS) 2>/dev/null) -MMD -MP
LDLIBS	= -lhpdf -lhyphen -ljpeg -lcmark-gfm-extensions \
	$(shell pkg-config --libs $(PC_LIBS) 2>/dev/null) -lm

SRCS	= $(wildcard builder/*.c)
OBJS	= $(SRCS:builder/%.c=$(BUILD)/%.o)
LIBOBJS	= $(filter-out $(BUILD)/main.o,$(OBJS))
UNIT_SRCS = $(wildcard tests/unit/t_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/%)
# the fuzz harnesses, also built with a plain main() (tests/fuzz/replay.c)
# that make check runs over their seed corpora
FUZZERS	= frontmatter layout markdown image pdfpack
REPLAY_BINS = $(FUZZERS:%=$(BUILD)/replay_%)

.PHONY: all deps tool output check bench install uninstall clean check-asan \
	valgrind pdfjs typst fuzz format FORCE webtest check-web

all: deps tool output

# Install what is missing (as root), or say exactly what to run.
deps: $(BUILD)/.deps-ok
$(BUILD)/.deps-ok: Makefile
	@mkdir -p $(BUILD)
	@missing=$$(for p in $(PKGS_BUILD) $(EXTRA_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $$missing \
			>/dev/null || exit 1; \
		else \
			echo "leafpress needs these Debian packages:"; \
			echo "  sudo apt-get install $$missing"; exit 1; \
		fi; \
	fi
	@touch $@

deps-test:
	@$(MAKE) --no-print-directory deps EXTRA_PKGS="$(PKGS_TEST)" \
		BUILD=$(BUILD) -W Makefile

tool: leafpress

leafpress: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LTO) -o $@ $(OBJS) $(LDFLAGS) $(LDLIBS)

# packages first, even when make runs jobs in parallel
$(OBJS): | $(BUILD)/.deps-ok

$(BUILD)/%.o: builder/%.c
	@mkdir -p $(BUILD)
	$(CC) $(ALL_CFLAGS) $(LTO) -c -o $@ $<

$(BUILD)/libleafpress.a: $(LIBOBJS)
	rm -f $@
	ar rcs $@ $(LIBOBJS)

$(BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
    $(BUILD)/libleafpress.a
	$(CC) $(ALL_CFLAGS) -Ibuilder -o $@ $< tests/fuzz/replay.c \
		$(BUILD)/libleafpress.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/t_%: tests/unit/t_%.c tests/unit/harness.h tests/unit/fixture.h \
    $(BUILD)/libleafpress.a
	$(CC) $(ALL_CFLAGS) -Ibuilder -o $@ $< $(BUILD)/libleafpress.a \
		$(LDFLAGS) $(LDLIBS)

output: leafpress
	./leafpress build
	@echo "make: $$(find output -name '*.pdf' | wc -l) PDFs in output/:" \
		"handouts/, large-print/, booklet.pdf, booklet-print.pdf" \
		"and a folder per clinic"

check: deps-test tool $(UNIT_BINS) $(REPLAY_BINS) pdfjs webtest
	@sh tests/run.sh

# The web edition's browser check: puppeteer-core, axe-core and
# html-validate from npm at the versions in tests/web/package-lock.json
# (Chromium itself is a Debian package, in PKGS_TEST).
webtest: tests/web/node_modules/.installed
tests/web/node_modules/.installed: tests/web/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends nodejs npm >/dev/null || exit 1; \
		else \
			echo "the web check needs npm:"; \
			echo "  sudo apt-get install nodejs npm"; exit 1; \
		fi; \
	fi
	@cd tests/web && npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

check-web: deps-test tool webtest
	@sh tests/web.sh

# pdf.js (the reader inside Firefox) for the readers check, fetched once
# with npm; without npm or a network the tests say SKIPPED for it.
pdfjs: tests/pdfjs/node_modules/.installed
tests/pdfjs/node_modules/.installed: tests/pdfjs/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		if (cd tests/pdfjs && npm ci --no-audit --no-fund \
		    --loglevel=error >/dev/null 2>&1); then touch $@; \
		else echo "pdf.js could not be installed (no network?)"; fi; \
	fi

# Typst 0.14 (through typst.ts, pinned in tests/typst/package-lock.json)
# for make bench's comparison, fetched once with npm; without npm or a
# network the bench skips that part.
typst: tests/typst/node_modules/.installed
tests/typst/node_modules/.installed: tests/typst/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		if (cd tests/typst && npm ci --no-audit --no-fund \
		    --loglevel=error >/dev/null 2>&1); then touch $@; \
		else echo "Typst could not be installed (no network?)"; fi; \
	fi

bench: deps tool typst
	@sh tests/bench.sh

# The installed binary finds layouts/ and fonts/ in ../share/leafpress
# beside itself, else in $(PREFIX)/share/leafpress as compiled in.  Only
# cli.c knows that folder: it is recompiled when PREFIX changes (the
# stamp file holds the last one), everything else is shared with the
# normal build.
INSTALL_DATA = $(PREFIX)/share/leafpress
INSTALL_FILES = bin/leafpress share/man/man1/leafpress.1 \
	share/bash-completion/completions/leafpress

$(BUILD)/install/prefix: FORCE
	@mkdir -p $(@D)
	@echo '$(INSTALL_DATA)' | cmp -s - $@ || echo '$(INSTALL_DATA)' >$@

$(BUILD)/install/cli.o: builder/cli.c $(BUILD)/install/prefix | $(BUILD)/.deps-ok
	$(CC) $(ALL_CFLAGS) $(LTO) -DLEAFPRESS_DATADIR='"$(INSTALL_DATA)"' -c -o $@ $<

$(BUILD)/install/leafpress: $(filter-out $(BUILD)/cli.o,$(OBJS)) \
    $(BUILD)/install/cli.o
	$(CC) $(ALL_CFLAGS) $(LTO) -o $@ $^ $(LDFLAGS) $(LDLIBS)

install: $(BUILD)/install/leafpress
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(INSTALL_DATA)/layouts \
		$(DESTDIR)$(INSTALL_DATA)/fonts $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BUILD)/install/leafpress $(DESTDIR)$(PREFIX)/bin/leafpress
	install -m 644 layouts/*.yaml layouts/*.txt $(DESTDIR)$(INSTALL_DATA)/layouts
	install -m 644 fonts/*.ttf fonts/LICENSE-DejaVu $(DESTDIR)$(INSTALL_DATA)/fonts
	install -m 644 leafpress.1 $(DESTDIR)$(PREFIX)/share/man/man1/leafpress.1
	install -m 644 leafpress.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/leafpress

uninstall:
	rm -f $(INSTALL_FILES:%=$(DESTDIR)$(PREFIX)/%)
	rm -rf $(DESTDIR)$(INSTALL_DATA)

FORCE:

clean:
	rm -rf $(BUILD) build-asan build-fuzz leafpress output

-include $(OBJS:.o=.d) $(BUILD)/install/cli.d

# --- robustness targets ---
# Sanitizers, valgrind, fuzzing, readers and kill tests.  Each builds into
# its own folder so the normal build is never touched.
#
#   make check-asan      the whole suite built with ASan and UBSan
#   make valgrind        the shipped content built under valgrind
#   make fuzz            every fuzzer for FUZZ_SECONDS (default 60) each
#                        (FUZZ_SEED=N to repeat a run)
#   make check-readers   every PDF through qpdf, poppler, mupdf, gs, pdf.js
#   make check-robust    killed builds, reproducibility, disk problems

# clang: its UBSan also checks the nonnull arguments of libc calls
SAN_CC	= clang
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer
SAN_ENV	= ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
VALGRIND = valgrind -q --error-exitcode=1 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect
FUZZ_SECONDS ?= 60
FUZZ_CC	= clang
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_BINS = $(FUZZERS:%=build-fuzz/fuzz_%)

.PHONY: check-readers check-robust unit-bins replay-bins fuzz-build

# the tool inside a build folder (check-asan, fuzzers' siblings)
$(BUILD)/leafpress: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LTO) -o $@ $(OBJS) $(LDFLAGS) $(LDLIBS)

unit-bins: $(UNIT_BINS)
replay-bins: $(REPLAY_BINS)

check-asan: deps-test
	@$(MAKE) --no-print-directory BUILD=build-asan CC=$(SAN_CC) LTO= \
		CFLAGS="-g -O1 $(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" \
		build-asan/leafpress unit-bins replay-bins
	@$(SAN_ENV) BUILD=build-asan LEAFPRESS=build-asan/leafpress \
		sh tests/run.sh

# One process (LEAFPRESS_JOBS=1): render children leave by _exit without
# freeing, which valgrind would count as leaks in each of them.
valgrind: deps-test tool
	@rm -rf $(BUILD)/valgrind-out
	SOURCE_DATE_EPOCH=1796083200 LEAFPRESS_JOBS=1 $(VALGRIND) \
		./leafpress build -q --out $(BUILD)/valgrind-out
	SOURCE_DATE_EPOCH=1796083200 $(VALGRIND) ./leafpress check -q
	SOURCE_DATE_EPOCH=1796083200 LEAFPRESS_JOBS=1 $(VALGRIND) \
		./leafpress build -q --content tests/cases/content \
		--out $(BUILD)/valgrind-out tests/cases/img-good.md
	@# damaged pictures: the tool exits 1, valgrind would exit 99
	SOURCE_DATE_EPOCH=1796083200 $(subst =1 ,=99 ,$(VALGRIND)) \
		./leafpress build -q --content tests/cases/content \
		--out $(BUILD)/valgrind-out tests/cases/img-corrupt.md \
		tests/cases/img-truncated.md 2>$(BUILD)/valgrind.err; \
		rc=$$?; grep -v ': error: ' $(BUILD)/valgrind.err; test $$rc = 1
	@rm -rf $(BUILD)/valgrind-out $(BUILD)/valgrind.err
	@echo "valgrind: no errors, no leaks"

fuzz-build: deps-test
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) LTO= \
		CFLAGS="$(FUZZ_FLAGS)" build-fuzz/libleafpress.a $(FUZZ_BINS)

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h \
    build-fuzz/libleafpress.a
	$(FUZZ_CC) $(ALL_CFLAGS) -Ibuilder \
		$(subst fuzzer-no-link,fuzzer,$(FUZZ_FLAGS)) -o $@ $< \
		build-fuzz/libleafpress.a $(LDLIBS)

fuzz: fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$(FUZZ_SEED) \
		sh tests/fuzz/run.sh $(FUZZERS)

check-readers: deps-test tool
	@sh tests/readers.sh --install

check-robust: deps-test tool
	@sh tests/robust.sh
# --- end of robustness targets ---
