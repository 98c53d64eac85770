/*
 * A minimal unit-test harness for the plain-C core.  Each test program
 * includes this header, defines its checks with CHECK / CHECK_EQ_STR and
 * returns unit_report() from main().  The closing line has the form
 * "unit: N passed, N failed" that CI reads.
 */
#ifndef HOKENID_UNIT_H
#define HOKENID_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_passed;
static int unit_failed;

#define CHECK(cond) \
	do { \
		if (cond) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_EQ_INT(got, want) \
	do { \
		long long got_ = (long long) (got), want_ = (long long) (want); \
		if (got_ == want_) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", \
					__FILE__, __LINE__, #got, got_, want_); \
		} \
	} while (0)

#define CHECK_EQ_STR(got, want) \
	do { \
		const char *got_ = (got), *want_ = (want); \
		if (got_ && want_ && strcmp(got_, want_) == 0) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", \
					__FILE__, __LINE__, #got, got_ ? got_ : "(null)", want_ ? want_ : "(null)"); \
		} \
	} while (0)

static inline int
unit_report(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, unit_passed, unit_failed);
	return unit_failed == 0 ? 0 : 1;
}

#endif
