/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sha256.c: FIPS 180-4 / NIST example vectors, and incremental hashing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "tap.h"

static void hex_of(struct sha256 *s, char out[65])
{
	unsigned char d[SHA256_LEN];
	sha256_final(s, d);
	for (int i = 0; i < SHA256_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

int main(void)
{
	char hex[65];
	sha256_hex("", 0, hex);
	is_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty");
	sha256_hex("abc", 3, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc");
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(m448, strlen(m448), hex);
	is_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "448 bits");
	const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	sha256_hex(m896, strlen(m896), hex);
	is_str(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", "896 bits");

	/* One million 'a', fed in uneven pieces. */
	char *a = malloc(1000000);
	memset(a, 'a', 1000000);
	struct sha256 s;
	sha256_init(&s);
	size_t off = 0, step = 1;
	while (off < 1000000) {
		size_t n = step < 1000000 - off ? step : 1000000 - off;
		sha256_update(&s, a + off, n);
		off += n;
		step = step * 3 % 1000 + 1;
	}
	hex_of(&s, hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "a million a, incrementally");
	sha256_hex(a, 1000000, hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "a million a, at once");
	free(a);

	/* Lengths around the padding boundary agree with one-call hashing. */
	char buf[130];
	memset(buf, 'x', sizeof buf);
	int all = 1;
	for (size_t n = 50; n < 130; n++) {
		char h1[65], h2[65];
		sha256_hex(buf, n, h1);
		sha256_init(&s);
		for (size_t i = 0; i < n; i++)
			sha256_update(&s, buf + i, 1);
		hex_of(&s, h2);
		all &= strcmp(h1, h2) == 0;
	}
	ok(all, "byte-by-byte equals one call for 50..129 bytes");
	sha256_hex(buf, 55, hex);
	is_str(hex, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072", "55 bytes: padding fits the last block");
	return done_testing();
}
