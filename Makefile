# hokenid: PGXS build.  The plain-C domain core (src/core, no PostgreSQL
# headers) is linked into the module with the PostgreSQL glue (src/pg) and
# is also built on its own, with sanitizers, for the unit tests and fuzzers
# (make unitcheck, make fuzzcheck).
#
#   make [CC=clang]     the module, warning-free with gcc or clang
#   make install
#   make installcheck   pg_regress and isolation tests, on a running server
#   make unitcheck      unit tests of the core under ASan and UBSan
#   make fuzzcheck      each fuzzer for FUZZ_SECONDS (30) from its seed corpus
#   make tapcheck       TAP tests (not as root)

EXTENSION = hokenid
MODULE_big = hokenid

CORE_SRCS = $(sort $(wildcard src/core/*.c))
GLUE_SRCS = $(sort $(wildcard src/pg/*.c))
OBJS = $(CORE_SRCS:.c=.o) $(GLUE_SRCS:.c=.o)

# The install script of the current version (the whole schema) and the
# upgrade scripts from released versions.
DATA = $(sort $(wildcard hokenid--*.sql))

# PostgreSQL's headers are included as system headers so that -Wextra
# judges our code, not theirs (bufpage.h has unused parameters).
PG_CPPFLAGS = -Isrc/core -isystem $(includedir_server)
# Warnings are errors (WERROR= turns that off, say for a newer compiler
# with new warnings).  PostgreSQL's own CFLAGS come from the gcc it was
# built with; clang does not know some of them and says so, which is no
# fault of ours: when CC is clang, those two complaints are silenced (and
# the one PostgreSQL silences for its own clang builds).  Expanded once,
# by pgxs.mk, after Makefile.global has set CC.
WERROR ?= -Werror
cc_is_clang = $(findstring clang,$(shell $(CC) --version 2>/dev/null | head -n 1))
PG_CFLAGS = -Wall -Wextra $(WERROR) \
	$(if $(cc_is_clang),-Wno-unknown-warning-option -Wno-ignored-optimization-argument \
		-Wno-compound-token-split-by-macro)
SHLIB_LINK = -lcrypto

# pg_regress: every file in sql/ is a test, run in name order against a
# database that already has the extension; sql/setup.sql (shared helpers)
# runs first.
REGRESS = setup $(filter-out setup,$(sort $(basename $(notdir $(wildcard sql/*.sql)))))
REGRESS_OPTS = --load-extension=hokenid --encoding=UTF8 --no-locale

ISOLATION = $(sort $(basename $(notdir $(wildcard test/isolation/specs/*.spec))))
ISOLATION_OPTS = --inputdir=test/isolation --load-extension=hokenid --encoding=UTF8 --no-locale

# TAP tests start their own servers, which refuse to run as root, so they
# are a target of their own (test/run calls it as the postgres user) rather
# than part of installcheck.
PROVE_TESTS = test/t/*.pl

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# No header dependency tracking without --enable-depend: rebuild every
# object when any header changes, rather than link stale inline code.
$(OBJS): $(wildcard src/core/*.h src/pg/*.h)

tapcheck:
	$(prove_installcheck)

# Unit tests and fuzzers: the core alone, with the sanitizers, built under
# tmp_check/ (ignored by git, removed by make clean).  A unit test exits
# non-zero when a check fails; a fuzzer when it finds a crash, a leak or
# undefined behaviour.  Each fuzzer writes what it learns to its own corpus
# under tmp_check/ and reads its seeds, read-only, from test/fuzz/corpus/.
UNIT_TESTS = $(sort $(basename $(notdir $(wildcard test/unit/test_*.c))))
FUZZERS = $(sort $(basename $(notdir $(wildcard test/fuzz/fuzz_*.c))))
TEST_BUILD = tmp_check/core
SANITIZERS = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 30
CORE_HEADERS = $(wildcard src/core/*.h)

$(TEST_BUILD)/unit/%: test/unit/%.c test/unit/unit.h $(CORE_SRCS) $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(CC) -std=c11 -O1 -g -Wall -Wextra $(WERROR) $(SANITIZERS) -Isrc/core -o $@ $< $(CORE_SRCS) -lcrypto

$(TEST_BUILD)/fuzz/%: test/fuzz/%.c $(CORE_SRCS) $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer $(SANITIZERS) -Isrc/core -o $@ $< $(CORE_SRCS) -lcrypto

unitcheck: $(addprefix $(TEST_BUILD)/unit/,$(UNIT_TESTS))
	@failed=0; for t in $^; do $$t || { echo "$$t: FAILED"; failed=1; }; done; exit $$failed

fuzzcheck: $(addprefix fuzzcheck-,$(FUZZERS))

fuzzcheck-%: $(TEST_BUILD)/fuzz/%
	@mkdir -p $(TEST_BUILD)/fuzz/corpus-$*
	@if $< -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $(TEST_BUILD)/fuzz/corpus-$* \
			$(wildcard test/fuzz/corpus/$*) >$(TEST_BUILD)/fuzz/$*.log 2>&1; then \
		grep -E 'stat::number_of_executed_units' $(TEST_BUILD)/fuzz/$*.log | sed 's/^/$*: /'; \
	else \
		tail -n 40 $(TEST_BUILD)/fuzz/$*.log; exit 1; \
	fi

# kept between runs, though make reaches them only through fuzzcheck-%
.SECONDARY: $(addprefix $(TEST_BUILD)/fuzz/,$(FUZZERS))
.PHONY: tapcheck unitcheck fuzzcheck
