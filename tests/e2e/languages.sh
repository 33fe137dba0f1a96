#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Letters in every (jurisdiction, language) pair: the law's name and the
# article in the language's own official style, the local date format, the
# salutation and closing, and the requester's name with its accents, in the
# text letter and, when PDF output is built, in the PDF's text (pdftotext).
# Also: the country's language is the EEA default, English stays available,
# Swiss German is written without the sharp s.
. "${top_srcdir:-.}/tests/lib.sh"

# answers JUR COUNTRY LANG NAME PLACE [EXTRA-YAML]: write $T/JUR-LANG.yaml
answers() {
	f="$T/$1-${3:-default}-$2.yaml"
	{
		echo "jurisdiction: $1"
		echo "country: $2"
		[ -z "$3" ] || echo "language: $3"
		[ "$2" != DE ] || echo "region: DE-BE"
		echo "controller: linkedin"
		echo "requester:"
		echo "  name: \"$4\""
		echo "  address: [\"Rue de l'Église 3\", \"1000 Ville\"]"
		echo "  email: test@example.org"
		echo "erase_trained: true"
		echo "place: \"$5\""
		echo "date: 2026-11-20"
		[ -z "${6:-}" ] || printf '%s\n' "$6"
	} >"$f"
}

pdf_checked=0
pdf_ok=unknown
# letter JUR COUNTRY LANG NAME PLACE: generate the text letter into $T/letter.txt
letter() {
	answers "$@"
	label="$1/${3:-default ($2)}"
	run "$OBJECTOR" generate "$f" --format text -o -
	exit_is 0 "$label: generate --format text"
	cp "$T/out" "$T/letter.txt"
	has "$T/letter.txt" "$4" "$label: the requester's name with its accents"
	hasnt "$T/letter.txt" "{{" "$label: no template tag left"
	# The PDF, when PDF output is built (pdf_ok: unknown until the first
	# try; "no" skips the PDF checks from then on; once a PDF has been made,
	# a later failure is a failure).
	rm -f "$T/letter.pdf" "$T/pdf.txt"
	pdf_this=no
	if [ "$pdf_ok" != no ] && "$OBJECTOR" generate "$f" -o "$T/letter.pdf" >/dev/null 2>"$T/pdf.err" &&
	   command -v pdftotext >/dev/null 2>&1 && pdftotext -enc UTF-8 "$T/letter.pdf" "$T/pdf.txt" 2>/dev/null; then
		pdf_ok=yes pdf_this=yes
	elif [ "$pdf_ok" = yes ]; then
		fail "$label: PDF rendered and read back"; sed 's/^/#   /' "$T/pdf.err"
	else
		pdf_ok=no
	fi
	whole_text "$label" "${3:-en}"
}

# nows FILE: FILE's text without any white space (line breaks in a PDF's text
# fall anywhere; CJK text has no spaces)
nows() { sed 's/\xc2\xa0//g; s/\xe2\x80\xaf//g' "$1" | tr -d ' \t\n\r\f'; }

# whole_text LABEL LANG: every line of the text letter (the text format puts
# each paragraph on one line) is in the PDF's text, once the page furniture
# (page numbers, the running header "NAME · REFERENCE") is taken out; only
# the "LABEL: REFERENCE" line is laid out otherwise in the PDF.
whole_text() {
	if [ "$pdf_ok" = no ]; then pass "$1: the PDF holds the whole letter # SKIP PDF output is not available"; return; fi
	[ "$pdf_this" = yes ] || { fail "$1: the PDF holds the whole letter (no PDF)"; return; }
	pages=$(sed -n 's/^  page: "\(.*\)"$/\1/p' "$top_srcdir/locales/$2.yaml" | head -n 1)
	[ -n "$pages" ] || pages="Page {page} of {pages}"
	pagere=$(printf '%s' "$pages" | sed 's/[].[*^$\\/]/\\&/g; s/{page}/[0-9][0-9]*/; s/{pages}/[0-9][0-9]*/')
	tr -d '\f' <"$T/pdf.txt" | grep -v -e "^$pagere\$" -e ' · OBJ-[0-9]*-[0-9A-Z]*$' >"$T/pdf.body"
	nows "$T/pdf.body" >"$T/pdf.nows"
	missing=
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		case $line in *": OBJ-"* | *"：OBJ-"*) continue ;; esac
		needle=$(printf '%s' "$line" | sed 's/\xc2\xa0//g; s/\xe2\x80\xaf//g' | tr -d ' \t\r\f')
		grep -qF -- "$needle" "$T/pdf.nows" || { missing=$line; break; }
	done <"$T/letter.txt"
	if [ -z "$missing" ]; then pass "$1: the PDF holds the whole letter"; else
		fail "$1: the PDF holds the whole letter"; printf '#   not in the PDF text: %s\n' "$missing"; fi
}

# check STRING NAME: STRING is in the text letter, and in the PDF's text
check() {
	has "$T/letter.txt" "$1" "$2"
	if [ "$pdf_this" = yes ]; then
		nows "$T/pdf.txt" >"$T/pdf.nows"
		needle=$(printf '%s' "$1" | sed 's/\xc2\xa0//g; s/\xe2\x80\xaf//g' | tr -d ' \t\n\r\f')
		if grep -qF -- "$needle" "$T/pdf.nows"; then pass "$2 (PDF)"; else
			fail "$2 (PDF)"; printf '#   not in the PDF text: %s\n' "$1"; fi
	elif [ "$pdf_ok" = no ]; then
		pass "$2 (PDF) # SKIP PDF output is not available (generate -o X.pdf failed or no pdftotext)"
	else
		fail "$2 (PDF): no PDF"
	fi
}

# EEA, German
letter eea DE de "Zoë Łukasiewicz-Øster" "Berlin"
check "Art. 21 Abs. 1 der Verordnung (EU) 2016/679 (Datenschutz-Grundverordnung, DSGVO)" "eea/de: the GDPR as DSGVO, Art. 21 Abs. 1"
check "(Art. 6 Abs. 1 lit. f DSGVO)" "eea/de: Art. 6 Abs. 1 lit. f"
check "(Art. 17 Abs. 1 lit. c DSGVO)" "eea/de: Art. 17 Abs. 1 lit. c"
check "Nach Art. 12 Abs. 3 DSGVO" "eea/de: Art. 12 Abs. 3"
check "Berlin, 20. November 2026" "eea/de: place and date"
check "spätestens bis zum 21. Dezember 2026" "eea/de: due date (20 December is a Sunday: Monday)"
check "Sehr geehrte Damen und Herren," "eea/de: salutation"
check "Mit freundlichen Grüßen" "eea/de: closing"
check "www.datenschutz-berlin.de" "eea/de: the Land authority (region: DE-BE)"
has "$T/letter.txt" "Referenz: OBJ-2026-" "eea/de: the reference label"

# EEA, French
letter eea FR fr "Hélène Dupré-Lefèvre" "Paris"
check "article 21, paragraphe 1, du règlement (UE) 2016/679 (règlement général sur la protection des données, RGPD)" "eea/fr: RGPD, article 21, paragraphe 1"
check "(article 17, paragraphe 1, point c), du RGPD)" "eea/fr: article 17, paragraphe 1, point c)"
check "Paris, le 20 novembre 2026" "eea/fr: place and date"
check "au plus tard le 21 décembre 2026" "eea/fr: due date (the Monday after Sunday 20)"
check "Madame, Monsieur," "eea/fr: salutation"
check "Veuillez agréer, Madame, Monsieur, mes salutations distinguées." "eea/fr: closing"
check "www.cnil.fr" "eea/fr: the CNIL"

# EEA, Spanish
letter eea ES es "Íñigo Núñez Peña" "A Coruña"
check "artículo 21, apartado 1, del Reglamento (UE) 2016/679 (Reglamento general de protección de datos, RGPD)" "eea/es: RGPD, artículo 21, apartado 1"
check "(artículo 18, apartado 1, letra d), del RGPD)" "eea/es: artículo 18, apartado 1, letra d)"
check "A Coruña, 20 de noviembre de 2026" "eea/es: place and date"
check "a más tardar el 21 de diciembre de 2026" "eea/es: due date (the Monday)"
check "Muy señores míos:" "eea/es: salutation"
check "Atentamente," "eea/es: closing"
check "www.aepd.es" "eea/es: the AEPD"

# EEA, Italian
letter eea IT it "Niccolò Lucà" "Forlì"
check "articolo 21, paragrafo 1, del regolamento (UE) 2016/679 (regolamento generale sulla protezione dei dati, GDPR)" "eea/it: GDPR, articolo 21, paragrafo 1"
check "(articolo 6, paragrafo 1, lettera f), del GDPR)" "eea/it: articolo 6, paragrafo 1, lettera f)"
check "Forlì, 20 novembre 2026" "eea/it: place and date"
check "entro il 21 dicembre 2026" "eea/it: due date (the Monday)"
check "Spettabile Società," "eea/it: salutation"
check "Distinti saluti" "eea/it: closing"
check "www.garanteprivacy.it" "eea/it: the Garante"

# EEA, Dutch
letter eea NL nl "Joëlle Ruël" "Den Haag"
check "artikel 21, lid 1, van Verordening (EU) 2016/679 (algemene verordening gegevensbescherming, AVG)" "eea/nl: AVG, artikel 21, lid 1"
check "(artikel 17, lid 1, onder c, AVG)" "eea/nl: artikel 17, lid 1, onder c"
check "Den Haag, 20 november 2026" "eea/nl: place and date"
check "uiterlijk op 21 december 2026" "eea/nl: due date (the Monday)"
check "Geachte heer, mevrouw," "eea/nl: salutation"
check "Met vriendelijke groet," "eea/nl: closing"
check "autoriteitpersoonsgegevens.nl" "eea/nl: the Autoriteit Persoonsgegevens"

# EEA, Polish
letter eea PL pl "Małgorzata Żółkiewska-Ślęzak" "Łódź"
check "art. 21 ust. 1 rozporządzenia (UE) 2016/679 (ogólnego rozporządzenia o ochronie danych, RODO)" "eea/pl: RODO, art. 21 ust. 1"
check "(art. 6 ust. 1 lit. f RODO)" "eea/pl: art. 6 ust. 1 lit. f"
check "Łódź, 20 listopada 2026 r." "eea/pl: place and date, month in the genitive"
check "najpóźniej do dnia 21 grudnia 2026 r." "eea/pl: due date (the Monday)"
check "Szanowni Państwo," "eea/pl: salutation"
check "Z poważaniem" "eea/pl: closing"
check "uodo.gov.pl" "eea/pl: the UODO"

# Switzerland, German: Swiss spelling, no sharp s
letter ch CH de "Françoise Müller-Nägeli" "Zürich"
check "Art. 30 Abs. 2 Bst. b des Bundesgesetzes über den Datenschutz (Datenschutzgesetz, DSG)" "ch/de: DSG, Art. 30 Abs. 2 Bst. b"
check "(Art. 30 Abs. 3 DSG)" "ch/de: Art. 30 Abs. 3"
check "(Art. 32 Abs. 2 DSG)" "ch/de: Art. 32 Abs. 2"
check "Zürich, 20. November 2026" "ch/de: place and date"
check "bis zum 20. Dezember 2026" "ch/de: due date"
check "Eidgenössischen Datenschutz- und Öffentlichkeitsbeauftragten (EDÖB), www.edoeb.admin.ch" "ch/de: the EDÖB"
check "Freundliche Grüsse" "ch/de: closing"
hasnt "$T/letter.txt" "ß" "ch/de: no sharp s (Swiss spelling)"

# Switzerland, French
letter ch CH fr "Anaïs Périllard" "Genève"
check "l'art. 30 al. 2 let. b de la loi fédérale sur la protection des données (LPD)" "ch/fr: LPD, art. 30 al. 2 let. b"
check "(art. 30 al. 3 LPD)" "ch/fr: art. 30 al. 3"
check "Genève, le 20 novembre 2026" "ch/fr: place and date"
check "au plus tard le 20 décembre 2026" "ch/fr: due date"
check "Préposé fédéral à la protection des données et à la transparence (PFPDT), www.edoeb.admin.ch" "ch/fr: the PFPDT"

# Switzerland, Italian
letter ch CH it "Mattìa Bernasconi-Güller" "Bellinzona"
check "art. 30 cpv. 2 lett. b della legge federale sulla protezione dei dati (LPD)" "ch/it: LPD, art. 30 cpv. 2 lett. b"
check "(art. 32 cpv. 2 LPD)" "ch/it: art. 32 cpv. 2"
check "Bellinzona, 20 novembre 2026" "ch/it: place and date"
check "entro il 20 dicembre 2026" "ch/it: due date"
check "Incaricato federale della protezione dei dati e della trasparenza (IFPDT), www.edoeb.admin.ch" "ch/it: the IFPDT"

# Canada, French
letter ca CA fr-CA "Geneviève Côté-Tremblay" "Montréal"
check "l'article 4.3.8 de l'annexe 1 de la Loi sur la protection des renseignements personnels et les documents électroniques (LPRPDE)" "ca/fr-CA: LPRPDE, annexe 1, article 4.3.8"
check "(LPRPDE, annexe 1, article 4.3.8)" "ca/fr-CA: the subject's citation"
check "paragraphe 11(1) de la LPRPDE" "ca/fr-CA: paragraphe 11(1)"
check "Montréal, le 20 novembre 2026" "ca/fr-CA: place and date"
check "au plus tard le 20 décembre 2026" "ca/fr-CA: due date"
check "Commissariat à la protection de la vie privée du Canada, www.priv.gc.ca" "ca/fr-CA: the OPC's French name"

# Hong Kong, Traditional Chinese
letter hk HK zh-Hant "陳大文 Zoë Chan" "香港"
check "《個人資料（私隱）條例》（第486章）" "hk/zh-Hant: the Ordinance, Cap. 486"
check "保障資料第3原則" "hk/zh-Hant: DPP3"
check "第2(3)條" "hk/zh-Hant: section 2(3)"
check "香港，2026年11月20日" "hk/zh-Hant: place and date"
check "於2026年12月20日或之前" "hk/zh-Hant: due date"
check "敬啟者：" "hk/zh-Hant: salutation"
check "個人資料私隱專員公署（www.pcpd.org.hk）" "hk/zh-Hant: the PCPD's Chinese name"

# The country's language is the EEA default; Switzerland defaults to German.
for cl in DE:de AT:de LI:de FR:fr BE:fr LU:fr ES:es IT:it NL:nl PL:pl; do
	c=${cl%%:*} l=${cl#*:}
	answers eea "$c" "" "Zoë Test" "Ort"
	run "$OBJECTOR" generate "$f" --format text -o -
	exit_is 0 "eea, $c, no language given: generate"
	case $l in
	de) want="DSGVO" ;; fr) want="RGPD)" ;; es) want="Reglamento general de protección de datos" ;;
	it) want="GDPR)" ;; nl) want="AVG" ;; pl) want="RODO" ;;
	esac
	has "$T/out" "$want" "eea, $c: the letter is in $l by default"
done
answers ch CH "" "Zoë Test" "Bern"
run "$OBJECTOR" generate "$f" --format text -o -
has "$T/out" "Art. 30 Abs. 2 Bst. b" "ch: the letter is in German by default"

# English stays available everywhere.
for jc in eea:DE eea:PL ch:CH ca:CA hk:HK; do
	answers "${jc%%:*}" "${jc#*:}" en "Zoë Test" "Town"
	run "$OBJECTOR" generate "$f" --format text -o -
	exit_is 0 "${jc%%:*}, ${jc#*:}, language en: generate"
	has "$T/out" "Dear Sir or Madam," "${jc%%:*}, ${jc#*:}: English on request"
done

# Optional parts render in every language: no reasons, no erasure, no place.
for jl in eea:de eea:fr eea:es eea:it eea:nl eea:pl ch:de ch:fr ch:it ca:fr-CA hk:zh-Hant; do
	j=${jl%%:*} l=${jl#*:}
	case $j in eea) c=DE ;; ch) c=CH ;; ca) c=CA ;; hk) c=HK ;; esac
	f="$T/min-$j-$l.yaml"
	printf 'jurisdiction: %s\ncountry: %s\nlanguage: %s\ncontroller: linkedin\nrequester:\n  name: Zoë\n  address: [X 1, 10115 Berlin]\n  email: z@example.org\nreasons: |\n  Meine Gründe: Zeile eins\n  und zwei.\nerase_trained: false\ndate: 2026-11-20\n' \
		"$j" "$c" "$l" >"$f"
	run "$OBJECTOR" generate "$f" --format text -o -
	exit_is 0 "$j/$l: reasons given, no erasure, no place"
	has "$T/out" "Meine Gründe: Zeile eins und zwei." "$j/$l: the person's reasons, lines joined"
done

done_testing
