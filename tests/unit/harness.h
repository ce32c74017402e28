/*
 * A minimal unit-test harness: each t_*.c is one program whose main calls
 * its test functions; CHECK records a failure with file:line and goes on.
 * The program prints "t_name: N passed, M failed" and exits non-zero on
 * any failure.
 */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_pass, harness_fail;

#define CHECK(cond) do {						\
	if (cond)							\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long ca_ = (long long)(a), cb_ = (long long)(b);		\
	if (ca_ == cb_)							\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n",	\
		    __FILE__, __LINE__, #a, ca_, cb_);			\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *ca_ = (a), *cb_ = (b);				\
	if (ca_ != NULL && cb_ != NULL && strcmp(ca_, cb_) == 0)	\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", \
		    __FILE__, __LINE__, #a, ca_ ? ca_ : "(null)",	\
		    cb_ ? cb_ : "(null)");				\
	}								\
} while (0)

#define CHECK_NEAR(a, b, eps) do {					\
	double ca_ = (a), cb_ = (b);					\
	if (ca_ - cb_ <= (eps) && cb_ - ca_ <= (eps))			\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "%s:%d: %s == %g, expected %g\n",	\
		    __FILE__, __LINE__, #a, ca_, cb_);			\
	}								\
} while (0)

static inline int
harness_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, harness_pass, harness_fail);
	return harness_fail != 0;
}

#endif
