# hokenid: PGXS build.  The plain-C domain core (src/core, no PostgreSQL
# headers) is linked into the module with the PostgreSQL glue (src/pg) and
# is also built on its own by test/run for the unit tests and fuzzers.

EXTENSION = hokenid
MODULE_big = hokenid

CORE_SRCS = $(sort $(wildcard src/core/*.c))
GLUE_SRCS = $(sort $(wildcard src/pg/*.c))
OBJS = $(CORE_SRCS:.c=.o) $(GLUE_SRCS:.c=.o)

# Install script for the first version, then one upgrade script per version:
# CREATE EXTENSION walks the chain, ALTER EXTENSION UPDATE reuses it.
DATA = $(sort $(wildcard hokenid--*.sql))

# PostgreSQL's headers are included as system headers so that -Wextra
# judges our code, not theirs (bufpage.h has unused parameters).
PG_CPPFLAGS = -Isrc/core -isystem $(includedir_server)
PG_CFLAGS = -Wall -Wextra -Werror
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
.PHONY: tapcheck
