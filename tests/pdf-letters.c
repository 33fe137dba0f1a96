/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pdf-letters.c: sample letters built from literal strings; see
 * pdf-letters.h. The texts are realistic in length and wording so that the
 * rendered pages can be judged by eye, not legal advice.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "letter.h"
#include "pdf-letters.h"
#include "strv.h"
#include "xalloc.h"

const char *const sample_names[] = {
	"uk", "de", "pl", "mixed", "ru", "ch", "ca", "hk", "long", "emoji", "tibetan", "tab",
	"control", "invisible", NULL,
};

struct spec {
	const char *name, *lang, *jur, *paper, *envelope;
	const char *ret;
	const char *sender[7];
	const char *recipient[7];
	const char *place_date, *reference, *subject, *salutation;
	const char *paragraphs[8];
	const char *closing, *signer, *email;
	const char *lref, *ldate, *lpage;
};

#define EN_LABELS "Reference", "Date", "Page {page} of {pages}"
#define DE_LABELS "Referenz", "Datum", "Seite {page} von {pages}"

#define META_IE { "Meta Platforms Ireland Limited", "Attn: Data Protection Officer", \
		  "Merrion Road", "Dublin 4, D04 X2K5", "Ireland" }
#define LINKEDIN_IE { "LinkedIn Ireland Unlimited Company", "Attn: Data Protection Officer", \
		      "Wilton Plaza, Wilton Place", "Dublin 2", "Ireland" }

#define EN_BODY \
	{ "I object, under Article 21(1) of the UK GDPR, to the processing of my personal data " \
	  "for the purpose of developing, training and improving artificial intelligence models, " \
	  "including generative AI models, whether by your company, its affiliates or third " \
	  "parties with which you share data. This concerns in particular my profile, my posts, " \
	  "my comments, my messages and my activity on your platforms, as far as they relate to " \
	  "my account https://www.linkedin.com/in/jane-example-1234.", \
	  "My objection rests on grounds relating to my particular situation: I am a freelance " \
	  "journalist, and my posts name people who never agreed to appear in a training data set. " \
	  "Their interests and mine override any \xE2\x80\x9clegitimate interest\xE2\x80\x9d you may claim.", \
	  "I therefore ask you to: (1) stop processing my personal data for training AI models; " \
	  "(2) erase my personal data from training data sets, or exclude it from any future " \
	  "training, and tell me what was already used; (3) confirm in writing, quoting the " \
	  "reference above, that you have done so, by 29 December 2026 at the latest.", \
	  "Should I not receive a satisfactory answer by that date, I will lodge a complaint with " \
	  "the Information Commissioner\xE2\x80\x99s Office (ICO), Wycliffe House, Water Lane, " \
	  "Wilmslow SK9 5AF.", NULL }

static const struct spec specs[] = {
	{
		"uk", "en", "uk", "a4", "left",
		"Jane Smith \xC2\xB7 12 High Street \xC2\xB7 Oxford OX1 2AB \xC2\xB7 United Kingdom",
		{ "Jane Smith", "12 High Street", "Oxford OX1 2AB", "United Kingdom",
		  "jane@example.org", "https://www.linkedin.com/in/jane-example-1234" },
		LINKEDIN_IE,
		"Oxford, 29 November 2026", "OBJ-2026-7KQ3M9XD",
		"Objection to the use of my personal data for AI training \xE2\x80\x93 OBJ-2026-7KQ3M9XD",
		"Dear Sir or Madam,", EN_BODY,
		"Yours faithfully,", "Jane Smith", "jane@example.org", EN_LABELS,
	},
	{
		"de", "de", "eea", "a4", "left",
		"J\xC3\xBCrgen Wei\xC3\x9F \xC2\xB7 Hauptstra\xC3\x9F" "e 5 \xC2\xB7 10115 Berlin",
		{ "J\xC3\xBCrgen Wei\xC3\x9F", "Hauptstra\xC3\x9F" "e 5", "10115 Berlin", "Deutschland",
		  "juergen@example.org" },
		META_IE,
		"Berlin, 29. November 2026", "OBJ-2026-4HV8T2PA",
		"Widerspruch gegen die Verwendung meiner Daten f\xC3\xBCr KI-Training (OBJ-2026-4HV8T2PA)",
		"Sehr geehrte Damen und Herren,",
		{ "hiermit widerspreche ich gem\xC3\xA4\xC3\x9F Art. 21 Abs. 1 DSGVO der Verarbeitung "
		  "meiner personenbezogenen Daten zum Zweck der Entwicklung, des Trainings und der "
		  "Verbesserung von Systemen k\xC3\xBCnstlicher Intelligenz, insbesondere generativer "
		  "KI-Modelle. Das betrifft vor allem mein Profil, meine Beitr\xC3\xA4ge, Kommentare und "
		  "meine Aktivit\xC3\xA4ten auf Ihren Plattformen.",
		  "Gr\xC3\xBCnde, die sich aus meiner besonderen Situation ergeben: Ich bin "
		  "Psychotherapeut; aus meinen Beitr\xC3\xA4gen lassen sich R\xC3\xBC" "ckschl\xC3\xBCsse "
		  "auf Dritte ziehen, die einer solchen Verwendung nie zugestimmt haben.",
		  "Ich fordere Sie auf, (1) die Verarbeitung zu diesem Zweck einzustellen, (2) meine "
		  "Daten aus Trainingsdatens\xC3\xA4tzen zu l\xC3\xB6schen bzw. von k\xC3\xBCnftigem "
		  "Training auszuschlie\xC3\x9F" "en und (3) mir dies bis zum 29. Dezember 2026 "
		  "schriftlich unter Angabe der obigen Referenz zu best\xC3\xA4tigen.",
		  "Andernfalls werde ich mich an die zust\xC3\xA4ndige Aufsichtsbeh\xC3\xB6rde wenden.",
		  NULL },
		"Mit freundlichen Gr\xC3\xBC\xC3\x9F" "en", "J\xC3\xBCrgen Wei\xC3\x9F", "juergen@example.org",
		DE_LABELS,
	},
	{
		"pl", "pl", "eea", "a4", "left",
		"\xC5\x81ucja W\xC4\x85sowska \xC2\xB7 ul. \xC5\x9Awi\xC4\x99tokrzyska 12 \xC2\xB7 00-916 Warszawa",
		{ "\xC5\x81ucja W\xC4\x85sowska", "ul. \xC5\x9Awi\xC4\x99tokrzyska 12", "00-916 Warszawa",
		  "Polska", "lucja@example.pl" },
		META_IE,
		"Warszawa, 29 listopada 2026 r.", "OBJ-2026-P9ZL2W6C",
		"Sprzeciw wobec wykorzystywania moich danych do trenowania AI (OBJ-2026-P9ZL2W6C)",
		"Szanowni Pa\xC5\x84stwo,",
		{ "na podstawie art. 21 ust. 1 RODO wnosz\xC4\x99 sprzeciw wobec przetwarzania moich "
		  "danych osobowych w celu rozwijania, trenowania i ulepszania modeli sztucznej "
		  "inteligencji, w szczeg\xC3\xB3lno\xC5\x9B" "ci modeli generatywnych.",
		  "Prosz\xC4\x99 o zaprzestanie takiego przetwarzania, usuni\xC4\x99" "cie moich danych ze "
		  "zbior\xC3\xB3w treningowych oraz pisemne potwierdzenie do dnia 29 grudnia 2026 r.",
		  NULL },
		"Z powa\xC5\xBC" "aniem", "\xC5\x81ucja W\xC4\x85sowska", "lucja@example.pl",
		"Sygnatura", "Data", "Strona {page} z {pages}",
	},
	{
		"mixed", "de", "eea", "a4", "left",
		"Zo\xC3\xAB \xC5\x81ukasiewicz-\xC3\x98ster \xC2\xB7 Hauptstra\xC3\x9F" "e 5 \xC2\xB7 10115 Berlin",
		{ "Zo\xC3\xAB \xC5\x81ukasiewicz-\xC3\x98ster", "Hauptstra\xC3\x9F" "e 5", "10115 Berlin",
		  "Deutschland", "zoe@example.org", "https://www.linkedin.com/in/zoe-example" },
		LINKEDIN_IE,
		"Berlin, 29. November 2026", "OBJ-2026-ZL0E5TQ1",
		"Widerspruch gegen KI-Training mit meinen Daten (OBJ-2026-ZL0E5TQ1)",
		"Sehr geehrte Damen und Herren,",
		{ "hiermit widerspreche ich gem\xC3\xA4\xC3\x9F Art. 21 Abs. 1 DSGVO der Verarbeitung "
		  "meiner personenbezogenen Daten f\xC3\xBCr das Training von KI-Modellen. Mein Konto: "
		  "https://www.linkedin.com/in/zoe-example.",
		  "Ich bin freie Journalistin; meine Beitr\xC3\xA4ge nennen Quellen, die einer solchen "
		  "Verwendung nicht zugestimmt haben.",
		  "Bitte best\xC3\xA4tigen Sie mir bis zum 29. Dezember 2026 schriftlich, dass Sie die "
		  "Verarbeitung eingestellt und meine Daten aus Trainingsdatens\xC3\xA4tzen entfernt "
		  "haben.", NULL },
		"Mit freundlichen Gr\xC3\xBC\xC3\x9F" "en", "Zo\xC3\xAB \xC5\x81ukasiewicz-\xC3\x98ster",
		"zoe@example.org", DE_LABELS,
	},
	{
		"ru", "en", "uk", "a4", "left",
		"\xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0 \xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xB0 "
		"\xC2\xB7 5 Queen Street \xC2\xB7 Edinburgh EH2 1JE",
		{ "\xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0 \xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xB0",
		  "5 Queen Street", "Edinburgh EH2 1JE", "United Kingdom", "anna@example.org" },
		META_IE,
		"Edinburgh, 29 November 2026", "OBJ-2026-RU55AA01",
		"Objection to the use of my personal data for AI training \xE2\x80\x93 OBJ-2026-RU55AA01",
		"Dear Sir or Madam,", EN_BODY, "Yours faithfully,",
		"\xD0\x90\xD0\xBD\xD0\xBD\xD0\xB0 \xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xB0",
		"anna@example.org", EN_LABELS,
	},
	{
		"ch", "de", "ch", "a4", "right",
		"Urs M\xC3\xBCller \xC2\xB7 Bahnhofstrasse 1 \xC2\xB7 8001 Z\xC3\xBCrich",
		{ "Urs M\xC3\xBCller", "Bahnhofstrasse 1", "8001 Z\xC3\xBCrich", "urs@example.ch" },
		META_IE,
		"Z\xC3\xBCrich, 29. November 2026", "OBJ-2026-CH7Y2KD4",
		"Widerspruch und ausdr\xC3\xBC" "ckliches Verbot: KI-Training mit meinen Daten (OBJ-2026-CH7Y2KD4)",
		"Sehr geehrte Damen und Herren",
		{ "Gest\xC3\xBCtzt auf Art. 30 Abs. 2 lit. b und Abs. 3 DSG untersage ich Ihnen "
		  "ausdr\xC3\xBC" "cklich, meine Personendaten f\xC3\xBCr die Entwicklung oder das "
		  "Training von Modellen k\xC3\xBCnstlicher Intelligenz zu bearbeiten.",
		  "Bitte best\xC3\xA4tigen Sie mir bis zum 29. Dezember 2026 schriftlich, dass Sie "
		  "meine Daten nicht mehr zu diesem Zweck bearbeiten.", NULL },
		"Freundliche Gr\xC3\xBCsse", "Urs M\xC3\xBCller", "urs@example.ch", DE_LABELS,
	},
	{
		"ca", "fr-CA", "ca", "letter", "left",
		"\xC3\x89milie Tremblay \xC2\xB7 1234, rue Sainte-Catherine Ouest \xC2\xB7 Montr\xC3\xA9" "al",
		{ "\xC3\x89milie Tremblay", "1234, rue Sainte-Catherine Ouest", "Montr\xC3\xA9" "al (Qu\xC3\xA9" "bec)  H3B 1A1",
		  "Canada", "emilie@example.ca" },
		{ "Meta Platforms, Inc.", "\xC3\x80 l\xE2\x80\x99" "attention du responsable de la vie priv\xC3\xA9" "e",
		  "1 Meta Way", "Menlo Park, CA 94025", "\xC3\x89tats-Unis" },
		"Montr\xC3\xA9" "al, le 29 novembre 2026", "OBJ-2026-CA3N8B0S",
		"Retrait de mon consentement \xC3\xA0 l\xE2\x80\x99utilisation de mes donn\xC3\xA9" "es pour "
		"l\xE2\x80\x99" "entra\xC3\xAEnement de l\xE2\x80\x99IA (OBJ-2026-CA3N8B0S)",
		"Madame, Monsieur,",
		{ "Conform\xC3\xA9ment au principe 4.3.8 de l\xE2\x80\x99" "annexe 1 de la LPRPDE, je "
		  "retire mon consentement \xC3\xA0 l\xE2\x80\x99utilisation de mes renseignements "
		  "personnels pour d\xC3\xA9velopper, entra\xC3\xAEner ou am\xC3\xA9liorer des mod\xC3\xA8les "
		  "d\xE2\x80\x99intelligence artificielle.",
		  "Je vous prie de cesser cette utilisation et de me le confirmer par \xC3\xA9" "crit "
		  "d\xE2\x80\x99ici le 29 d\xC3\xA9" "cembre 2026, en indiquant la r\xC3\xA9" "f\xC3\xA9rence "
		  "ci-dessus. \xC2\xAB\xC2\xA0" "Consentement\xC2\xA0\xC2\xBB signifie ici tout consentement, "
		  "exprès ou implicite.", NULL },
		"Veuillez agr\xC3\xA9" "er, Madame, Monsieur, mes salutations distingu\xC3\xA9" "es.",
		"\xC3\x89milie Tremblay", "emilie@example.ca", "R\xC3\xA9" "f\xC3\xA9rence", "Date",
		"Page {page} de {pages}",
	},
	{
		"hk", "zh-Hant", "hk", "a4", "left",
		"\xE9\x99\xB3\xE5\xA4\xA7\xE6\x96\x87 \xC2\xB7 \xE9\xA6\x99\xE6\xB8\xAF\xE4\xB9\x9D\xE9\xBE\x8D"
		"\xE5\xBD\x8C\xE6\x95\xA6\xE9\x81\x93" "100\xE8\x99\x9F" "10\xE6\xA8\x93" "A\xE5\xAE\xA4",
		{ "\xE9\x99\xB3\xE5\xA4\xA7\xE6\x96\x87", "\xE9\xA6\x99\xE6\xB8\xAF\xE4\xB9\x9D\xE9\xBE\x8D"
		  "\xE5\xBD\x8C\xE6\x95\xA6\xE9\x81\x93" "100\xE8\x99\x9F" "10\xE6\xA8\x93" "A\xE5\xAE\xA4",
		  "chan@example.hk" },
		{ "LinkedIn Singapore Pte. Ltd.", "Attn: Data Protection Officer", "6 Battery Road, #09-01",
		  "Singapore 049909" },
		"\xE9\xA6\x99\xE6\xB8\xAF\xEF\xBC\x8C" "2026\xE5\xB9\xB4" "11\xE6\x9C\x88" "29\xE6\x97\xA5",
		"OBJ-2026-HK8M4R2T",
		"\xE6\x92\xA4\xE5\x9B\x9E\xE4\xBD\xBF\xE7\x94\xA8\xE5\x80\x8B\xE4\xBA\xBA\xE8\xB3\x87\xE6\x96\x99"
		"\xE8\xA8\x93\xE7\xB7\xB4\xE4\xBA\xBA\xE5\xB7\xA5\xE6\x99\xBA\xE8\x83\xBD\xE7\x9A\x84\xE5\x90\x8C"
		"\xE6\x84\x8F\xEF\xBC\x88\xE7\xB7\xA8\xE8\x99\x9F\xEF\xBC\x9A" "OBJ-2026-HK8M4R2T\xEF\xBC\x89",
		"\xE6\x95\xAC\xE5\x95\x9F\xE8\x80\x85\xEF\xBC\x9A",
		{ "\xE6\x9C\xAC\xE4\xBA\xBA\xE9\x99\xB3\xE5\xA4\xA7\xE6\x96\x87\xEF\xBC\x8C\xE7\x8F\xBE\xE6\xA0\xB9"
		  "\xE6\x93\x9A\xE3\x80\x8A\xE5\x80\x8B\xE4\xBA\xBA\xE8\xB3\x87\xE6\x96\x99\xEF\xBC\x88\xE7\xA7\x81"
		  "\xE9\x9A\xB1\xEF\xBC\x89\xE6\xA2\x9D\xE4\xBE\x8B\xE3\x80\x8B\xEF\xBC\x88\xE7\xAC\xAC" "486"
		  "\xE7\xAB\xA0\xEF\xBC\x89\xE9\x99\x84\xE8\xA1\xA8" "1\xE4\xBF\x9D\xE9\x9A\x9C\xE8\xB3\x87\xE6\x96\x99"
		  "\xE7\xAC\xAC" "3\xE5\x8E\x9F\xE5\x89\x87\xE5\x8F\x8A\xE7\xAC\xAC" "2(3)\xE6\xA2\x9D\xEF\xBC\x8C"
		  "\xE4\xBB\xA5\xE6\x9B\xB8\xE9\x9D\xA2\xE6\x96\xB9\xE5\xBC\x8F\xE6\x92\xA4\xE5\x9B\x9E\xE6\x9C\xAC"
		  "\xE4\xBA\xBA\xE5\xB0\x8D\xE8\xB2\xB4\xE5\x85\xAC\xE5\x8F\xB8\xE4\xBD\xBF\xE7\x94\xA8\xE6\x9C\xAC"
		  "\xE4\xBA\xBA\xE5\x80\x8B\xE4\xBA\xBA\xE8\xB3\x87\xE6\x96\x99\xE8\xA8\x93\xE7\xB7\xB4\xE3\x80\x81"
		  "\xE9\x96\x8B\xE7\x99\xBC\xE6\x88\x96\xE6\x94\xB9\xE9\x80\xB2\xE4\xBA\xBA\xE5\xB7\xA5\xE6\x99\xBA"
		  "\xE8\x83\xBD\xE6\xA8\xA1\xE5\x9E\x8B\xE7\x9A\x84\xE5\x90\x8C\xE6\x84\x8F\xE3\x80\x82\xE6\x9C\xAC"
		  "\xE4\xBA\xBA\xE7\x9A\x84\xE5\xB8\xB3\xE6\x88\xB6\xE7\x82\xBA https://www.linkedin.com/in/chan-tai-man "
		  "\xE3\x80\x82",
		  "\xE8\xAB\x8B\xE8\xB2\xB4\xE5\x85\xAC\xE5\x8F\xB8\xEF\xBC\x9A\xEF\xBC\x88\xE4\xB8\x80\xEF\xBC\x89"
		  "\xE5\x81\x9C\xE6\xAD\xA2\xE5\xB0\x87\xE6\x9C\xAC\xE4\xBA\xBA\xE7\x9A\x84\xE5\x80\x8B\xE4\xBA\xBA"
		  "\xE8\xB3\x87\xE6\x96\x99\xEF\xBC\x8C\xE5\x8C\x85\xE6\x8B\xAC\xE5\x80\x8B\xE4\xBA\xBA\xE6\xAA\x94"
		  "\xE6\xA1\x88\xE3\x80\x81\xE5\xB8\x96\xE6\x96\x87\xE5\x8F\x8A\xE6\xB4\xBB\xE5\x8B\x95\xE7\xB4\x80"
		  "\xE9\x8C\x84\xEF\xBC\x8C\xE7\x94\xA8\xE6\x96\xBC\xE8\xA8\x93\xE7\xB7\xB4\xE4\xBB\xBB\xE4\xBD\x95"
		  "\xE4\xBA\xBA\xE5\xB7\xA5\xE6\x99\xBA\xE8\x83\xBD\xE6\xA8\xA1\xE5\x9E\x8B\xEF\xBC\x9B\xEF\xBC\x88"
		  "\xE4\xBA\x8C\xEF\xBC\x89\xE5\x88\xAA\xE9\x99\xA4\xE6\x88\x96\xE5\x89\x94\xE9\x99\xA4\xE5\xB7\xB2"
		  "\xE7\x94\xA8\xE4\xBD\x9C\xE8\xA8\x93\xE7\xB7\xB4\xE7\x9A\x84\xE6\x9C\xAC\xE4\xBA\xBA\xE8\xB3\x87"
		  "\xE6\x96\x99\xEF\xBC\x9B\xEF\xBC\x88\xE4\xB8\x89\xEF\xBC\x89\xE6\x96\xBC" "2026\xE5\xB9\xB4" "12"
		  "\xE6\x9C\x88" "29\xE6\x97\xA5\xE6\x88\x96\xE4\xB9\x8B\xE5\x89\x8D\xE4\xBB\xA5\xE6\x9B\xB8\xE9\x9D\xA2"
		  "\xE7\xA2\xBA\xE8\xAA\x8D\xE5\xB7\xB2\xE6\x8E\xA1\xE5\x8F\x96\xE4\xB8\x8A\xE8\xBF\xB0\xE8\xA1\x8C"
		  "\xE5\x8B\x95\xE3\x80\x82",
		  "\xE5\xA6\x82\xE8\xB2\xB4\xE5\x85\xAC\xE5\x8F\xB8\xE6\x9C\xAA\xE8\x83\xBD\xE6\x96\xBC\xE4\xB8\x8A"
		  "\xE8\xBF\xB0\xE9\x99\x90\xE6\x9C\x9F\xE5\x85\xA7\xE5\x9B\x9E\xE8\xA6\x86\xEF\xBC\x8C\xE6\x9C\xAC"
		  "\xE4\xBA\xBA\xE4\xBF\x9D\xE7\x95\x99\xE5\x90\x91\xE5\x80\x8B\xE4\xBA\xBA\xE8\xB3\x87\xE6\x96\x99"
		  "\xE7\xA7\x81\xE9\x9A\xB1\xE5\xB0\x88\xE5\x93\xA1\xE5\x85\xAC\xE7\xBD\xB2\xE6\x8A\x95\xE8\xA8\xB4"
		  "\xE7\x9A\x84\xE6\xAC\x8A\xE5\x88\xA9\xE3\x80\x82", NULL },
		"\xE6\xAD\xA4\xE8\x87\xB4\n\xE6\x95\xAC\xE7\xA6\xAE", "\xE9\x99\xB3\xE5\xA4\xA7\xE6\x96\x87",
		"chan@example.hk", "\xE7\xB7\xA8\xE8\x99\x9F", "\xE6\x97\xA5\xE6\x9C\x9F",
		"\xE7\xAC\xAC{page}\xE9\xA0\x81\xEF\xBC\x8C\xE5\x85\xB1{pages}\xE9\xA0\x81",
	},
};

static char *dup(const char *s)
{
	return xstrdup(s ? s : "");
}

static struct letter *from_spec(const struct spec *sp)
{
	struct letter *l = xcalloc(1, sizeof *l);
	l->lang = dup(sp->lang);
	l->jurisdiction = dup(sp->jur);
	l->controller_id = dup("linkedin");
	l->paper = dup(sp->paper);
	l->envelope = dup(sp->envelope);
	l->return_address = dup(sp->ret);
	for (int i = 0; i < 7 && sp->sender[i]; i++)
		strv_push(&l->sender, sp->sender[i]);
	for (int i = 0; i < 7 && sp->recipient[i]; i++)
		strv_push(&l->recipient, sp->recipient[i]);
	l->place_date = dup(sp->place_date);
	l->date = (struct date){ 2026, 11, 29 };
	l->due = (struct date){ 2026, 12, 29 };
	l->reference = dup(sp->reference);
	l->subject = dup(sp->subject);
	l->salutation = dup(sp->salutation);
	for (int i = 0; i < 8 && sp->paragraphs[i]; i++)
		strv_push(&l->paragraphs, sp->paragraphs[i]);
	l->closing = dup(sp->closing);
	l->signer = dup(sp->signer);
	l->email = dup(sp->email);
	l->label_reference = dup(sp->lref);
	l->label_date = dup(sp->ldate);
	l->label_page = dup(sp->lpage);
	return l;
}

static const struct spec *find(const char *name)
{
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
		if (!strcmp(specs[i].name, name))
			return &specs[i];
	return NULL;
}

/* long_paragraph: numbered sentences, so that a lost word shows. */
static char *long_paragraph(int p, int sentences)
{
	static const char *const words[] = {
		"the", "controller", "must", "stop", "processing", "personal", "data", "for",
		"training", "artificial", "intelligence", "models", "without", "delay", "and",
		"confirm", "this", "in", "writing", "including", "profiles", "posts", "comments",
		"messages", "activity", "records", "derived", "inferences", "embeddings", "datasets",
	};
	struct buf b = BUF_INIT;
	unsigned seed = (unsigned)p * 2654435761u;
	for (int s = 0; s < sentences; s++) {
		BUF_MUST(buf_printf(&b, "%sSentence %d.%d says", s ? " " : "", p, s + 1));
		int n = 8 + (int)(seed % 9);
		for (int i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			BUF_MUST(buf_printf(&b, " %s", words[(seed >> 16) % (sizeof words / sizeof words[0])]));
		}
		BUF_MUST(buf_addc(&b, '.'));
	}
	return buf_detach(&b, NULL);
}

struct letter *sample_letter(const char *name)
{
	struct letter *l;
	if (!strcmp(name, "long")) {
		l = from_spec(find("uk"));
		strv_free(&l->paragraphs);
		for (int p = 1; p <= 9; p++) {
			strv_take(&l->paragraphs, long_paragraph(p, p == 4 ? 40 : 9));
			if (p == 2) {	/* list items hang from their marker */
				char *a = long_paragraph(20, 3), *b = long_paragraph(21, 1);
				strv_take(&l->paragraphs, xasprintf("\xE2\x80\x93 %s", a));
				strv_take(&l->paragraphs, xasprintf("\xE2\x80\x93 %s", b));
				free(a);
				free(b);
			}
		}
		return l;
	}
	if (!strcmp(name, "emoji") || !strcmp(name, "tibetan") || !strcmp(name, "tab") ||
	    !strcmp(name, "control") || !strcmp(name, "invisible")) {
		l = from_spec(find("uk"));
		const char *extra = !strcmp(name, "emoji") ? "I am \xF0\x9F\x98\x80 about this."
				  : !strcmp(name, "tibetan") ? "My name in Tibetan starts with \xE0\xBD\x80."
				  : !strcmp(name, "tab") ? "Column one\tcolumn two."
				  : "Data\xC2\xADprotection law\xE2\x80\x8B applies\xEF\xBB\xBF here.";
		if (!strcmp(name, "control")) {
			free(l->subject);
			l->subject = dup("Objection\a");
		} else {
			strv_push(&l->paragraphs, extra);
		}
		return l;
	}
	const struct spec *sp = find(name);
	return sp ? from_spec(sp) : NULL;
}

void sample_letter_free(struct letter *l)
{
	letter_free(l);
}
