#!/usr/bin/env python3
"""Writes bash and zsh completion for a Signal Hub program from the program's own --help, so
that the commands and flags completed are always the ones it has.

    make-completions.py PROGRAM HELP_FILE BASH_OUT ZSH_OUT

HELP_FILE holds PROGRAM's English --help output (QCommandLineParser's layout): the commands
are the lines indented by two spaces under "Commands:", the options the lines starting with
"  -" under "Options:".
"""
import re
import sys

# What an option's value can be, where the help names a fixed set or a path. Options not
# listed here take a value that cannot be guessed (a number, a URL, a name).
VALUE_CHOICES = {
    "provider": ["local", "openai", "ollama"],
    "by": ["run", "model", "folder", "file", "day"],
    "format": ["csv", "json", "jsonl", "npy"],
}
PATH_VALUES = {"FILE", "PATH"}

OPTION_RE = re.compile(r"^  (?:-(?P<short>[\w?]), )?--(?P<long>[\w-]+)(?: <(?P<value>[^>]+)>)?\s*(?P<help>.*)$")
COMMAND_RE = re.compile(r"^  (?P<name>[a-z][a-z-]*)(?: (?P<args>[A-Z.]+))?\s+(?P<help>.*)$")


def parse(text):
    commands, options, section = [], [], None
    for line in text.splitlines():
        if re.match(r"^\S.*:$", line):
            section = line[:-1]
            continue
        if section == "Commands" and (m := COMMAND_RE.match(line)):
            commands.append((m["name"], m["help"].strip()))
        elif section == "Options" and (m := OPTION_RE.match(line)):
            options.append({"short": m["short"], "long": m["long"], "value": m["value"],
                            "help": m["help"].strip()})
        elif section == "Options" and options and re.match(r"^\s{4,}\S", line):
            # A description wrapped onto the next line.
            options[-1]["help"] += " " + line.strip()
    if not options:
        sys.exit("make-completions.py: no options found in the help text")
    return commands, options


def bash(program, commands, options):
    func = "_" + re.sub(r"\W", "_", program)
    words = " ".join(sorted(["--" + o["long"] for o in options]
                            + ["-" + o["short"] for o in options if o["short"]]))
    cases = []
    for o in options:
        if not o["value"]:
            continue
        names = "|".join(filter(None, ["--" + o["long"], o["short"] and "-" + o["short"]]))
        if o["long"] in VALUE_CHOICES:
            action = 'COMPREPLY=($(compgen -W "%s" -- "$cur"))' % " ".join(VALUE_CHOICES[o["long"]])
        elif o["value"] in PATH_VALUES:
            action = "_filedir"
        else:
            action = "COMPREPLY=()"
        cases.append("        %s) %s; return ;;" % (names, action))
    first = ""
    if commands:
        first = """    # The first word that is not an option (or an option's value) is the command.
    local i command=""
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            -*) ;;
            *) case ${words[i - 1]} in %s) ;; *) command=${words[i]}; break ;; esac ;;
        esac
    done
    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "%s" -- "$cur"))
        return
    fi
""" % ("|".join(n for o in options if o["value"]
                for n in filter(None, ["--" + o["long"], o["short"] and "-" + o["short"]])) or "--",
       " ".join(c for c, _ in commands))
    return """# bash completion for %(program)s, generated from its --help by packaging/make-completions.py
%(func)s() {
    local cur prev words cword
    _init_completion || return
    case $prev in
%(cases)s
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "%(words)s" -- "$cur"))
        return
    fi
%(first)s    _filedir
} &&
    complete -F %(func)s %(program)s
""" % {"program": program, "func": func, "cases": "\n".join(cases), "words": words, "first": first}


def zsh_quote(text):
    text = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")
    return text.replace("'", "'\\''")


def zsh(program, commands, options):
    specs = []
    for o in options:
        help_text = o["help"].split(". ")[0].rstrip(".")
        if len(help_text) > 70:  # zsh shows one line per option
            help_text = help_text[:67].rsplit(" ", 1)[0].rstrip(",;:(") + "..."
        help_text = zsh_quote(help_text)
        names = ["--" + o["long"]] + (["-" + o["short"]] if o["short"] else [])
        if len(names) > 1:
            prefix = "'(%s)'{%s}" % (" ".join(names), ",".join(names))
        else:
            prefix = names[0]
        # --exclude may be given many times.
        if o["long"] == "exclude":
            prefix = "'*'" + prefix
        spec = "%s'[%s]" % (prefix, help_text)
        if o["value"]:
            if o["long"] in VALUE_CHOICES:
                action = "(%s)" % " ".join(VALUE_CHOICES[o["long"]])
            elif o["value"] in PATH_VALUES:
                action = "_files"
            else:
                action = " "
            spec += ":%s:%s" % (o["value"].lower(), action)
        specs.append(spec + "'")
    if commands:
        entries = " ".join("'%s:%s'" % (name, zsh_quote(text)) for name, text in commands)
        specs.append("'1: :->command'")
        specs.append("'*:: :_files'")
        body = """    local -a commands=(%s)
    local state
    _arguments -s -S \\
        %s
    [[ $state == command ]] && _describe -t commands command commands
""" % (entries, " \\\n        ".join(specs))
    else:
        specs.append("'*: :_files'")
        body = "    _arguments -s -S \\\n        %s\n" % " \\\n        ".join(specs)
    return """#compdef %(program)s
# zsh completion for %(program)s, generated from its --help by packaging/make-completions.py
_%(func)s() {
%(body)s}
_%(func)s "$@"
""" % {"program": program, "func": re.sub(r"\W", "_", program), "body": body}


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    program, help_file, bash_out, zsh_out = sys.argv[1:]
    with open(help_file, encoding="utf-8") as f:
        commands, options = parse(f.read())
    with open(bash_out, "w", encoding="utf-8") as f:
        f.write(bash(program, commands, options))
    with open(zsh_out, "w", encoding="utf-8") as f:
        f.write(zsh(program, commands, options))


if __name__ == "__main__":
    main()
