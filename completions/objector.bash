# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for objector(1).
#
# Nothing here is a copy of objector's interface: the commands are read from
# `objector --help`, each command's options (and which take a value) from
# `objector help COMMAND`, the choices of an option or argument from the
# command's usage line (`--format pdf|text`, `list jurisdictions|controllers|...`),
# and controller ids, jurisdiction ids and languages from the catalogue
# (`objector list controllers|jurisdictions|languages`), each time <Tab> is
# pressed. So a new command or option completes without touching this file.
# ANSWERS files complete as *.yaml, PDF as *.pdf, DIR as directories.

# _objector_run ARGS...: the objector being completed, in English (the help
# is parsed), with any --data-dir given on the command line.
_objector_run()
{
	LC_ALL=C LANGUAGE= LC_MESSAGES= "$_objector_bin" ${_objector_data:+--data-dir "$_objector_data"} "$@" 2>/dev/null
}

# _objector_options CMD: "NAME<TAB>ARG<TAB>LONG" per option of CMD (the
# global ones without CMD): ARG empty for an option without a value, LONG the
# long name (of a short option too).
_objector_options()
{
	if [[ -n $1 ]]; then _objector_run help "$1"; else _objector_run --help; fi |
		awk '/^ +-/ {
			l = $0; sub(/^ +/, "", l); s = ""
			if (match(l, /^-[A-Za-z0-9], /)) { s = substr(l, 1, 2); l = substr(l, 5) }
			if (!match(l, /^--[A-Za-z0-9][A-Za-z0-9-]*/)) next
			n = substr(l, 1, RLENGTH); l = substr(l, RLENGTH + 1); a = ""
			if (match(l, /^[ =][A-Z][A-Z0-9_.,]*/)) a = substr(l, 2, RLENGTH - 1)
			print n "\t" a "\t" n; if (s != "") print s "\t" a "\t" n
		}'
}

# _objector_ids WHAT: the first column of `objector list WHAT` (controllers,
# jurisdictions); languages: every language code it lists.
_objector_ids()
{
	_objector_run list "$1" | awk -v what="$1" '
		/^[a-z0-9]/ {
			if (what != "languages") { print $1; next }
			for (i = 2; i <= NF && $i !~ /^\(/; i++) if (!seen[$i]++) print $i
		}'
}

# _objector_usage [CMD]: the usage line of CMD (of objector), without
# "Usage: objector CMD" and without the optional [...] parts.
_objector_usage()
{
	if [[ -n $1 ]]; then _objector_run help "$1"; else _objector_run --help; fi |
		sed -n -e '1!d' -e 's/^Usage: [^ ]* *//' -e "s/^$1 *//" -e 's/ | /|/g' -e p
}

_objector_files() # GLOB...: files matching a GLOB, and directories to descend
{
	local IFS=$'\n' g
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -d -- "$cur"))
	for g; do COMPREPLY+=($(compgen -f -X "!$g" -- "$cur")); done
}

_objector()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= i w cmd= cmdi=0 usage opts arg values
	local _objector_bin=${COMP_WORDS[0]} _objector_data=
	[[ $_objector_bin == */* ]] || _objector_bin=$(type -P "$_objector_bin") || _objector_bin=objector
	_objector_bin=${_objector_bin/#\~/$HOME}
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# --opt=VALUE: bash splits it at "=" (COMP_WORDBREAKS).
	if [[ $cur == = ]]; then
		cur= ; prev=${COMP_WORDS[COMP_CWORD - 1]}
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	COMPREPLY=()

	# The command: the first word that is neither an option nor the value of
	# a global option.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--config | --data-dir)
			((i + 1 < COMP_CWORD)) && [[ $w == --data-dir ]] && _objector_data=${COMP_WORDS[i + 1]}
			((i++)) ;;
		-*) ;;
		*) cmd=$w; cmdi=$i; break ;;
		esac
	done

	# The value of an option?
	if [[ $prev == -* ]]; then
		w=$(_objector_options "$cmd" | awk -F '\t' -v o="$prev" '$1 == o { print $3 "\t" $2; exit }')
		arg=
		[[ -n $w ]] && arg=${w#*$'\t'} prev=${w%%$'\t'*}
		# Catalogue ids, whichever command takes them.
		case $prev in --company | --controller | --jurisdiction | --lang | --language) arg=${arg:-ID} ;; esac
		if [[ -n $arg ]]; then
			# The choices the usage line gives: "[--format pdf|text]".
			values=$(_objector_usage "$cmd" | tr ' []' '\n\n\n' | awk -v o="$prev" 'f { print; exit } $0 == o { f = 1 }')
			case $prev:$arg in
			--answers:* | *:ANSWERS) _objector_files '*.yaml' ;;
			*:PDF) _objector_files '*.pdf' ;;
			*:DIR) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
			*:FILE) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
			--company:* | --controller:*) COMPREPLY=($(compgen -W "$(_objector_ids controllers)" -- "$cur")) ;;
			--jurisdiction:*) COMPREPLY=($(compgen -W "$(_objector_ids jurisdictions)" -- "$cur")) ;;
			--lang:* | --language:*) COMPREPLY=($(compgen -W "$(_objector_ids languages)" -- "$cur")) ;;
			*)
				[[ $values == *\|* && $values != *[A-Z]* ]] || case $prev in
					--via) values="email post webform" ;;
				esac
				COMPREPLY=($(compgen -W "${values//|/ }" -- "$cur")) ;;
			esac
			return 0
		fi
	fi

	if [[ $cur == -* ]]; then
		opts=$(_objector_options "$cmd" | cut -f 1)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return 0
	fi
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$(_objector_run --help | sed -n 's/^  \([a-z][a-z0-9-]*\)  .*/\1/p')" -- "$cur"))
		return 0
	fi
	if [[ $cmd == help ]]; then
		((COMP_CWORD == cmdi + 1)) &&
			COMPREPLY=($(compgen -W "$(_objector_run --help | sed -n 's/^  \([a-z][a-z0-9-]*\)  .*/\1/p')" -- "$cur"))
		return 0
	fi

	# An argument: the usage line says which ("list jurisdictions|controllers|
	# languages", "generate ANSWERS", "send ANSWERS..."). Count the arguments
	# before this one, skipping options and their values.
	local n=0 args
	for ((i = cmdi + 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == -* ]]; then
			[[ $w == *=* ]] && continue
			arg=$(_objector_options "$cmd" | awk -F '\t' -v o="$w" '$1 == o { print $2; exit }')
			[[ -n $arg ]] && ((i++))
		elif [[ $w != = ]]; then
			((n++))
		fi
	done
	args=$(_objector_usage "$cmd" | sed -e ':a' -e 's/\[[^][]*\]//g' -e 'ta' | tr -s ' ' '\n' | grep .)
	w=$(printf '%s\n' "$args" | sed -n "$((n + 1))p")
	[[ -n $w ]] || w=$(printf '%s\n' "$args" | grep -E '\.\.\.$' | tail -n 1)
	case $w in
	*ANSWERS*) _objector_files '*.yaml' ;;
	*[A-Z]*\|* | *.csv*) _objector_files '*.csv' '*.yaml' ;;
	*\|*) COMPREPLY=($(compgen -W "${w//|/ }" -- "$cur")) ;;
	*FILE* | *PDF*) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
	return 0
}

complete -F _objector objector
