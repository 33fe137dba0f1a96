/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sha256.h: SHA-256 (FIPS 180-4), for the journal's record of what was sent.
 *
 * A small, dependency-free implementation: objector hashes a PDF or two per
 * run, so clarity matters more than speed. Incremental (init/update/final)
 * or in one call; sha256_hex gives the lower-case hexadecimal digest.
 */
#ifndef OBJECTOR_SHA256_H
#define OBJECTOR_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32
#define SHA256_HEX_LEN 64

struct sha256 {
	uint32_t h[8];
	uint64_t nbytes;	/* bytes hashed so far */
	unsigned char block[64];
	size_t fill;		/* bytes waiting in block */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* sha256_final: the digest; s must be initialised again before reuse. */
void sha256_final(struct sha256 *s, unsigned char out[SHA256_LEN]);
/* sha256_hex: hash data in one call; out gets 64 hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[SHA256_HEX_LEN + 1]);

#endif
