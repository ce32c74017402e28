/*
 * xalloc: allocation that never returns NULL.
 * Running out of memory is not a recoverable condition for a batch tool, so
 * every allocation goes through here and the process exits (code 3) on failure.
 */
#ifndef BUILDER_XALLOC_H
#define BUILDER_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* Grow an array of nmemb * size bytes, checking the multiplication. */
void	*xreallocarray(void *, size_t nmemb, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* printf into a fresh string; caller frees. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Append one element to a growable array: ARRAY_PUSH(p, n, cap) returns
 * a pointer to the new (zeroed) slot p[n-1]. */
#define ARRAY_GROW(p, n, cap) do {					\
	if ((n) >= (cap)) {						\
		(cap) = (cap) ? (cap) * 2 : 8;				\
		(p) = xreallocarray((p), (cap), sizeof(*(p)));		\
	}								\
} while (0)

#endif
