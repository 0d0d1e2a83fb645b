"""``completion bash|zsh|fish``: shell completion written out from the parser itself.

The script is static: the shell completes from the lists printed here and never starts
Python while the user presses Tab, so completion costs nothing at start-up or at Tab.
Commands, options, the choices of options such as ``--status`` and files for paths all
come from :func:`build_parser`, so the script cannot drift from the grammar; install it
again after an upgrade (README, "Tự hoàn thành lệnh").
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

from deadline_tui.commands.context import Context
from deadline_tui.commands.parser import build_parser

PROGRAM = "deadline-tui"
# Arguments that name a file: the shell offers files for them.
_FILE_DESTS = frozenset({"config", "db", "file", "backup", "output", "path"})


@dataclass
class Option:
    """One option of a command as the shells need it."""

    names: list[str]
    help: str
    takes_value: bool
    choices: list[str]
    is_file: bool
    repeatable: bool


@dataclass
class Command:
    """A command (or the program itself, named "") with its options and positionals."""

    name: str
    help: str
    options: list[Option] = field(default_factory=list)
    positionals: list[Option] = field(default_factory=list)


def _help_of(action: argparse.Action) -> str:
    text = action.help if isinstance(action.help, str) and action.help != argparse.SUPPRESS else ""
    return " ".join(text.split())


def _option(action: argparse.Action) -> Option:
    return Option(
        names=list(action.option_strings),
        help=_help_of(action),
        takes_value=action.nargs != 0,
        choices=[str(choice) for choice in action.choices or ()],
        is_file=action.dest in _FILE_DESTS,
        repeatable=isinstance(action, argparse._AppendAction),
    )


def _command(name: str, help_text: str, parser: argparse.ArgumentParser) -> Command:
    command = Command(name, help_text)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        (command.options if action.option_strings else command.positionals).append(_option(action))
    return command


def grammar() -> list[Command]:
    """The program (first, named "") and every command, from the parser."""
    parser = build_parser()
    commands = [_command("", "", parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: _help_of(choice) for choice in action._choices_actions}
            commands += [
                _command(name, helps.get(name, ""), sub) for name, sub in action.choices.items()
            ]
    return commands


# --- bash ---------------------------------------------------------------------------


def _words(values: list[str]) -> str:
    return " ".join(values)


def bash_script(commands: list[Command]) -> str:
    """A ``complete -F`` function for bash."""
    top, subs = commands[0], commands[1:]
    value_options = sorted(
        {name for c in commands for o in c.options if o.takes_value for name in o.names}
    )
    lines = [
        f"# {PROGRAM} completion for bash, made by `{PROGRAM} completion bash`.",
        "_deadline_tui() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local command="" i',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        case "${COMP_WORDS[i]}" in',
        f"            {'|'.join(value_options)}) ((i++)) ;;",
        "            -*) ;;",
        '            *) command="${COMP_WORDS[i]}"; break ;;',
        "        esac",
        "    done",
        '    case "$command" in',
    ]
    for command in [top, *subs]:
        label = '""' if not command.name else command.name
        lines.append(f"        {label})")
        lines.append('            case "$prev" in')
        for option in command.options:
            if not option.takes_value:
                continue
            pattern = "|".join(option.names)
            if option.choices:
                reply = f'compgen -W "{_words(option.choices)}" -- "$cur"'
            elif option.is_file:
                reply = 'compgen -f -- "$cur"'
            else:
                lines.append(f"                {pattern}) return ;;")
                continue
            lines.append(f"                {pattern}) COMPREPLY=($({reply})); return ;;")
        lines.append("            esac")
        options = [name for option in command.options for name in option.names]
        words = [c.name for c in subs] if not command.name else []
        extra = ""
        for positional in command.positionals:
            if positional.choices:
                words += positional.choices
            elif positional.is_file:
                extra = ' $(compgen -f -- "$cur")'
        # Options once a "-" is typed; otherwise commands, choices or files.
        lines += [
            '            if [[ "$cur" == -* ]]; then',
            f'                COMPREPLY=($(compgen -W "{_words(options)}" -- "$cur"))',
            "            else",
            f'                COMPREPLY=($(compgen -W "{_words(words)}" -- "$cur"){extra})',
            "            fi ;;",
        ]
    lines += [
        '        *) COMPREPLY=($(compgen -f -- "$cur")) ;;',
        "    esac",
        "}",
        f"complete -o filenames -F _deadline_tui {PROGRAM}",
        "",
    ]
    return "\n".join(lines)


# --- zsh ----------------------------------------------------------------------------


def _zsh_text(text: str) -> str:
    """Help text inside a single-quoted ``_arguments`` spec: no quote, bracket or colon."""
    for old, new in (("'", "’"), ("[", "("), ("]", ")"), (":", " –"), ("\\", "/")):
        text = text.replace(old, new)
    return text


def _zsh_spec(option: Option) -> list[str]:
    help_text = _zsh_text(option.help)
    if option.choices:
        action = f":{option.names[-1].lstrip('-')}:({' '.join(option.choices)})"
    elif option.is_file:
        action = ":path:_files"
    elif option.takes_value:
        action = ":value: "
    else:
        action = ""
    repeat = "*" if option.repeatable else ""
    if len(option.names) > 1:
        exclusive = " ".join(option.names)
        names = ",".join(option.names)
        return [f"'({exclusive})'{{{names}}}'[{help_text}]{action}'"]
    return [f"'{repeat}{option.names[0]}[{help_text}]{action}'"]


def _zsh_positional(option: Option) -> str:
    label = _zsh_text(option.help) or "value"
    if option.choices:
        return f"':{label}:({' '.join(option.choices)})'"
    if option.is_file:
        return "':file:_files'"
    return f"':{label}: '"


def zsh_script(commands: list[Command]) -> str:
    """A ``#compdef`` function for zsh's completion system."""
    top, subs = commands[0], commands[1:]
    lines = [
        f"#compdef {PROGRAM}",
        f"# {PROGRAM} completion for zsh, made by `{PROGRAM} completion zsh`.",
        "_deadline_tui() {",
        "    local curcontext=$curcontext state line",
        "    local -a commands",
        "    commands=(",
        *[f"        '{c.name}:{_zsh_text(c.help)}'" for c in subs],
        "    )",
        "    _arguments -C \\",
        *[f"        {spec} \\" for option in top.options for spec in _zsh_spec(option)],
        "        '1:command:->command' \\",
        "        '*::argument:->argument'",
        "    case $state in",
        "        command) _describe command commands ;;",
        "        argument)",
        "            case $line[1] in",
    ]
    for command in subs:
        specs = [spec for option in command.options for spec in _zsh_spec(option)]
        specs += [_zsh_positional(p) for p in command.positionals]
        lines.append(f"                {command.name}) _arguments {' '.join(specs)} ;;")
    lines += [
        "            esac ;;",
        "    esac",
        "}",
        '_deadline_tui "$@"',
        "",
    ]
    return "\n".join(lines)


# --- fish ---------------------------------------------------------------------------


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_option(option: Option, condition: str) -> str:
    parts = [f"complete -c {PROGRAM}"]
    if condition:
        parts.append(f"-n {_fish_quote(condition)}")
    for name in option.names:
        parts.append(f"-l {name[2:]}" if name.startswith("--") else f"-s {name[1:]}")
    if option.choices:
        parts.append(f"-x -a {_fish_quote(' '.join(option.choices))}")
    elif option.is_file:
        parts.append("-r -F")
    elif option.takes_value:
        parts.append("-x")
    if option.help:
        parts.append(f"-d {_fish_quote(option.help)}")
    return " ".join(parts)


def fish_script(commands: list[Command]) -> str:
    """``complete`` lines for fish."""
    top, subs = commands[0], commands[1:]
    lines = [
        f"# {PROGRAM} completion for fish, made by `{PROGRAM} completion fish`.",
        f"complete -c {PROGRAM} -f",
    ]
    lines += [_fish_option(option, "") for option in top.options]
    for command in subs:
        lines.append(
            f"complete -c {PROGRAM} -n __fish_use_subcommand -a {command.name}"
            f" -d {_fish_quote(command.help)}"
        )
    for command in subs:
        condition = f"__fish_seen_subcommand_from {command.name}"
        lines += [
            _fish_option(option, condition)
            for option in command.options
            if not set(option.names) & {"--config", "--db"}  # the program's own lines
        ]
        for positional in command.positionals:
            if positional.choices:
                lines.append(
                    f"complete -c {PROGRAM} -n {_fish_quote(condition)}"
                    f" -a {_fish_quote(' '.join(positional.choices))}"
                )
            elif positional.is_file:
                lines.append(f"complete -c {PROGRAM} -n {_fish_quote(condition)} -F")
    lines.append("")
    return "\n".join(lines)


SCRIPTS = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}


def cmd_completion(ctx: Context, args: argparse.Namespace) -> int:
    """Print the completion script for ``args.shell``."""
    ctx.stdout.write(SCRIPTS[args.shell](grammar()))
    return 0
