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

PG_CPPFLAGS = -Isrc/core
PG_CFLAGS = -Wall -Wextra -Werror
SHLIB_LINK = -lcrypto

# pg_regress: every file in sql/ is a test, run in name order against a
# database that already has the extension.
REGRESS = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --load-extension=hokenid --encoding=UTF8 --no-locale

ISOLATION = $(sort $(basename $(notdir $(wildcard test/isolation/specs/*.spec))))
ISOLATION_OPTS = --inputdir=test/isolation --load-extension=hokenid --encoding=UTF8 --no-locale

TAP_TESTS = 1
PROVE_TESTS = test/t/*.pl

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
