#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/e2e/completion.sh: the shell completions in completions/, run in the
# real shells (bash, zsh, fish; a shell that is missing is skipped), against
# the real objector: commands and options as `objector --help` and `objector
# help CMD` list them, choices from the usage lines, ANSWERS files, and
# controller, jurisdiction and language ids from the catalogue.
. "$top_srcdir/tests/lib.sh"

comp=$top_srcdir/completions
PATH=$(dirname "$OBJECTOR"):$PATH
export PATH
skip() { t_n=$((t_n + 1)); echo "ok $t_n # skip $1"; }

# What the help says, parsed independently of the completions.
commands=$("$OBJECTOR" --help | awk '/^Commands:/ { f = 1; next } f && /^$/ { exit } f { print $1 }' | sort | tr '\n' ' ')
"$OBJECTOR" list controllers | awk '/^[a-z]/ { print $1 }' | sort >"$T/controllers"
"$OBJECTOR" list jurisdictions | awk '/^[a-z]/ { print $1 }' | sort >"$T/jurisdictions"
controllers=$(tr '\n' ' ' <"$T/controllers")
jurisdictions=$(tr '\n' ' ' <"$T/jurisdictions")
options() { # options CMD: every option (short and long) its help lists
	"$OBJECTOR" help "$1" | grep -E '^ +-' | sed -e 's/^ *//' -e 's/  .*//' | grep -oE -- '-{1,2}[A-Za-z0-9][A-Za-z0-9-]*' | sort -u | tr '\n' ' '
}
[ -n "$commands" ] && [ -n "$controllers" ] && [ -n "$jurisdictions" ] &&
	pass "the help lists commands, the catalogue controllers and jurisdictions" ||
	fail "the help lists commands, the catalogue controllers and jurisdictions"
grep -qx linkedin "$T/controllers" && grep -qx eea "$T/jurisdictions" ||
	fail "linkedin and eea in the catalogue"

mkdir -p "$T/w/sub"
: >"$T/w/a.yaml"
: >"$T/w/b.pdf"
: >"$T/w/c.txt"
cd "$T/w" || exit 1

# check SHELL CANDIDATES... : compare one shell's answers (in $T/got, one a line)
# with what is expected; the name says which line was completed.
check() { # check NAME EXPECTED (space-separated)
	got=$(sort -u "$T/got" | tr '\n' ' ')
	want=$(printf '%s\n' $2 | sort -u | tr '\n' ' ')
	is "$want" "$got" "$1"
}

# The lines completed in every shell, each with its expected candidates.
# A line ends where <Tab> is pressed.
cases() {
	echo "objector |$commands"
	echo "objector ge|generate"
	echo "objector help |$commands"
	for c in $commands; do
		[ "$c" = help ] && continue
		echo "objector $c -|$(options "$c")"
	done
	echo "objector generate |a.yaml sub"
	echo "objector send a.yaml --pdf |b.pdf sub"
	echo "objector new --answers |a.yaml sub"
	echo "objector generate a.yaml --format |pdf text"
	echo "objector generate -f t|text"
	echo "objector send a.yaml --via |email post webform"
	echo "objector list |jurisdictions controllers languages"
	echo "objector list j|jurisdictions"
	echo "objector log --company |$controllers"
	echo "objector log --company l|linkedin"
	echo "objector log --jurisdiction |$jurisdictions"
	echo "objector new --lang z|zh-Hant"
	echo "objector --data-dir $top_srcdir list c|controllers"
}

# bash: complete -p, then each line completed by calling the function with
# COMP_WORDS/COMP_CWORD set as readline does.
if command -v bash >/dev/null 2>&1; then
	run bash -c ". '$comp/objector.bash'; complete -p objector"
	has "$T/out" "complete -F _objector objector" "bash: complete -p objector"
	cases | while IFS='|' read -r line want; do
		bash -c '
			. "$1/objector.bash"
			read -ra COMP_WORDS <<<"$2"
			case $2 in *" ") COMP_WORDS+=("") ;; esac
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			_objector
			printf "%s\n" "${COMPREPLY[@]%/}"' sh "$comp" "$line" >"$T/got" 2>"$T/err"
		check "bash: '$line<Tab>'" "$want"
	done >"$T/bash.tap"
	cat "$T/bash.tap"
	t_n=$((t_n + $(grep -c '^ok\|^not ok' "$T/bash.tap")))
	t_failed=$((t_failed + $(grep -c '^not ok' "$T/bash.tap")))
	# The binary as typed (a path), and --opt=VALUE.
	bash -c '. "$1/objector.bash"; COMP_WORDS=("$2" generate --format = ""); COMP_CWORD=4; _objector
		printf "%s\n" "${COMPREPLY[@]}"' sh "$comp" "$OBJECTOR" >"$T/got"
	check "bash: '$OBJECTOR generate --format=<Tab>'" "pdf text"
	# bash-completion's loader finds the file where make install puts it.
	if [ -f /usr/share/bash-completion/bash_completion ]; then
		mkdir -p "$T/share/bash-completion/completions"
		cp "$comp/objector.bash" "$T/share/bash-completion/completions/objector"
		run env XDG_DATA_DIRS="$T/share" bash -c '. /usr/share/bash-completion/bash_completion
			complete -p objector 2>/dev/null || { __load_completion objector || _completion_loader objector; } >/dev/null 2>&1
			complete -p objector'
		has "$T/out" "_objector objector" "bash-completion loads it from DATADIR/bash-completion/completions/objector"
	else
		skip "bash-completion not installed"
	fi
else
	skip "bash not installed"
fi

# zsh: a real interactive zsh on a pseudo-terminal (zpty), compinit finding
# _objector in $fpath, <Tab> bound to complete-word; compadd is wrapped to
# write down what it is given.
if command -v zsh >/dev/null 2>&1 && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
	cat >"$T/complete.zsh" <<'EOF'
zmodload zsh/zpty
fp=$1 out=$2 line=$3
: >$out
zpty z zsh -f -i
zpty -w z "PS1= PROMPT= RPROMPT=; fpath=(${(q)fp} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "compadd() { if [[ \${(j: :)@} == *-[OAD]\\ * ]]; then builtin compadd \"\$@\"; return; fi; local -a __h; builtin compadd -A __h \"\$@\"; (( \$#__h )) && print -rl -- \$__h >> ${(q)out}; builtin compadd \"\$@\" }"
zpty -w z "__done() { print -r -- __DONE__ >> ${(q)out} }; comppostfuncs=(__done)"
zpty -w z "bindkey '^I' complete-word"
zpty -w z "$line"$'\t'
integer i
for (( i = 0; i < 300; i++ )); do
  zpty -rt z junk 2>/dev/null
  grep -q __DONE__ $out 2>/dev/null && break
  sleep 0.05
done
zpty -d z
grep -q __DONE__ $out || print -r -- "(no answer)" >>$out
EOF
	cases | while IFS='|' read -r line want; do
		zsh -f "$T/complete.zsh" "$comp" "$T/zout" "$line" </dev/null >/dev/null 2>&1
		grep -v __DONE__ "$T/zout" | sed 's:/$::' >"$T/got"
		check "zsh: '$line<Tab>'" "$want"
	done >"$T/zsh.tap"
	cat "$T/zsh.tap"
	t_n=$((t_n + $(grep -c '^ok\|^not ok' "$T/zsh.tap")))
	t_failed=$((t_failed + $(grep -c '^not ok' "$T/zsh.tap")))
else
	skip "zsh (with zsh/zpty) not installed"
fi

# fish: `complete -C LINE`, the completions found where make install puts
# them (DATADIR/fish/vendor_completions.d, through XDG_DATA_DIRS).
if command -v fish >/dev/null 2>&1; then
	mkdir -p "$T/share/fish/vendor_completions.d"
	cp "$comp/objector.fish" "$T/share/fish/vendor_completions.d/objector.fish"
	cases | while IFS='|' read -r line want; do
		XDG_DATA_DIRS="$T/share" fish -c 'complete -C $argv[1]' "$line" 2>"$T/err" |
			cut -f 1 | sed 's:/$::' >"$T/got"
		check "fish: '$line<Tab>'" "$want"
	done >"$T/fish.tap"
	cat "$T/fish.tap"
	t_n=$((t_n + $(grep -c '^ok\|^not ok' "$T/fish.tap")))
	t_failed=$((t_failed + $(grep -c '^not ok' "$T/fish.tap")))
else
	skip "fish not installed"
fi

done_testing
