# SPDX-License-Identifier: GPL-3.0-or-later
# fish completion for objector(1).
#
# As in objector.bash, nothing here copies objector's interface: commands come
# from `objector --help`, options from `objector help COMMAND`, choices from the
# usage line (`--format pdf|text`, `list jurisdictions|controllers|languages`),
# and controller ids, jurisdiction ids and languages from the catalogue
# (`objector list ...`), each time <Tab> is pressed.

# __objector_run ARGS...: the objector being completed, in English (its help
# is parsed), with the --data-dir of the command line.
function __objector_run
    set -l words (commandline -opc)
    set -l bin $words[1]
    set -l data
    set -l i (contains -i -- --data-dir $words)
    and set data --data-dir $words[(math $i + 1)]
    env LC_ALL=C LANGUAGE= LC_MESSAGES= $bin $data $argv 2>/dev/null
end

# __objector_options [CMD]: NAME<TAB>ARG<TAB>LONG<TAB>DESCRIPTION per option.
function __objector_options
    if test -n "$argv[1]"
        __objector_run help $argv[1]
    else
        __objector_run --help
    end | awk '/^ +-/ {
        l = $0; sub(/^ +/, "", l); s = ""
        if (match(l, /^-[A-Za-z0-9], /)) { s = substr(l, 1, 2); l = substr(l, 5) }
        if (!match(l, /^--[A-Za-z0-9][A-Za-z0-9-]*/)) next
        n = substr(l, 1, RLENGTH); l = substr(l, RLENGTH + 1); a = ""
        if (match(l, /^[ =][A-Z][A-Z0-9_.,]*/)) { a = substr(l, 2, RLENGTH - 1); l = substr(l, RLENGTH + 1) }
        sub(/^ +/, "", l)
        print n "\t" a "\t" n "\t" l; if (s != "") print s "\t" a "\t" n "\t" l
    }'
end

# __objector_usage [CMD]: CMD's usage line without "Usage: objector CMD".
function __objector_usage
    if test -n "$argv[1]"
        __objector_run help $argv[1]
    else
        __objector_run --help
    end | sed -n -e '1!d' -e 's/^Usage: [^ ]* *//' -e "s/^$argv[1] *//" -e 's/ | /|/g' -e p
end

# __objector_ids controllers|jurisdictions|languages: from the catalogue.
function __objector_ids
    __objector_run list $argv[1] | awk -v what=$argv[1] '
        /^[a-z0-9]/ {
            if (what != "languages") { print $1; next }
            for (i = 2; i <= NF && $i !~ /^\(/; i++) if (!seen[$i]++) print $i
        }'
end

function __objector_files # SUFFIX...: matching files and directories
    set -l cur (commandline -ct)
    __fish_complete_directories $cur ''
    for s in $argv
        for f in $cur*$s
            test -f $f; and echo $f
        end
    end
end

function __objector_commands
    __objector_run --help | string replace -rf '^  ([a-z][a-z0-9-]*)  +(.*)$' '$1\t$2'
end

# __objector_complete: everything; fish filters by what was typed.
function __objector_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l cmd
    set -l cmdi 0
    set -l i 2
    while test $i -le (count $words)
        switch $words[$i]
            case --config --data-dir
                set i (math $i + 1)
            case '-*'
            case '*'
                set cmd $words[$i]
                set cmdi $i
                break
        end
        set i (math $i + 1)
    end

    # The value of an option (--opt VALUE or --opt=VALUE)?
    set -l opt $words[-1]
    set -l pre
    if string match -qr -- '^--[^=]+=' $cur
        set opt (string replace -r -- '=.*' '' $cur)
        set pre $opt=
    end
    if string match -q -- '-*' $opt
        set -l arg
        set -l line (__objector_options $cmd | string match -- "$opt	*")[1]
        if test -n "$line"
            set -l f (string split \t -- $line)
            set arg $f[2]
            set opt $f[3]
        end
        if contains -- $opt --company --controller --jurisdiction --lang --language; and test -z "$arg"
            set arg ID
        end
        if test -n "$arg"
            set -l values
            set -l tokens (__objector_usage $cmd | string split ' ' | string trim -c '[]')
            set -l j (contains -i -- $opt $tokens)
            and set values $tokens[(math $j + 1)]
            switch "$opt:$arg"
                case '--answers:*' '*:ANSWERS'
                    __objector_files .yaml
                case '*:PDF'
                    __objector_files .pdf
                case '*:DIR'
                    __fish_complete_directories $cur ''
                case '*:FILE'
                    __fish_complete_path $cur
                case '--company:*' '--controller:*'
                    __objector_ids controllers | string replace -r '^' -- "$pre"
                case '--jurisdiction:*'
                    __objector_ids jurisdictions | string replace -r '^' -- "$pre"
                case '--lang:*' '--language:*'
                    __objector_ids languages | string replace -r '^' -- "$pre"
                case '*'
                    if not string match -q -- '*|*' $values; or string match -qr -- '[A-Z]' $values
                        set values
                        test "$opt" = --via; and set values 'email|post|webform'
                    end
                    test -n "$values"; and string split '|' -- $values | string replace -r '^' -- "$pre"
            end
            return
        end
    end

    if string match -q -- '-*' $cur
        __objector_options $cmd | awk -F '\t' '{ print $1 "\t" $4 }'
        return
    end
    if test -z "$cmd"; or begin; test $cmd = help; and test (count $words) -eq $cmdi; end
        __objector_commands
        return
    end
    test $cmd = help; and return

    # An argument: which one the usage line says.
    set -l n 0
    set i (math $cmdi + 1)
    while test $i -le (count $words)
        set -l w $words[$i]
        if string match -q -- '-*' $w
            if not string match -q -- '*=*' $w
                set -l line (__objector_options $cmd | string match -- "$w	*")[1]
                set -l f (string split \t -- "$line")
                test -n "$f[2]"; and set i (math $i + 1)
            end
        else
            set n (math $n + 1)
        end
        set i (math $i + 1)
    end
    set -l args (__objector_usage $cmd | sed -e ':a' -e 's/\[[^][]*\]//g' -e 'ta' | string split ' ' | string match -v '')
    set -l w $args[(math $n + 1)]
    test -n "$w"; or set w (string match -- '*...' $args)[-1]
    switch "$w"
        case '*ANSWERS*'
            __objector_files .yaml
        case '*.csv*'
            __objector_files .csv .yaml
        case '*|*'
            string match -qr '[A-Z]' -- $w; and __objector_files .csv .yaml; or string split '|' -- $w
        case '*FILE*' '*PDF*'
            __fish_complete_path $cur
    end
end

complete -c objector -f -a '(__objector_complete)'
