/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz.h: what the fuzz targets share (see mk/fuzz.am).
 *
 * Each tests/fuzz/fuzz-NAME.c defines the two libFuzzer entry points below.
 * LLVMFuzzerTestOneInput must not keep state between calls other than what
 * LLVMFuzzerInitialize set up once. A broken property is reported with
 * FUZZ_CHECK, which prints what failed and aborts, so that libFuzzer keeps
 * the input as a crash.
 */
#ifndef OBJECTOR_FUZZ_H
#define OBJECTOR_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                          \
	do {                                                                           \
		if (!(cond)) {                                                         \
			fprintf(stderr, "%s:%d: property broken: %s: ", __FILE__, __LINE__, \
				#cond);                                                \
			fprintf(stderr, __VA_ARGS__);                                  \
			fputc('\n', stderr);                                           \
			abort();                                                       \
		}                                                                      \
	} while (0)

#endif
