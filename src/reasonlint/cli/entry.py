"""``main``: runs a command and turns every error into one line and an exit code."""
from __future__ import annotations

import contextlib
import re
import signal
import sys
from typing import Any, Iterator, Optional, Sequence

import click

from ..errors import OutputError, ReasonlintError
from . import check, explain, profiles, report, rule, rules, serve, suggest  # noqa: F401  (each registers its command)
from .app import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cli
from .output import say, silence_stdout

# click's own messages that a user meets, in Chinese.
_CLICK_MESSAGES = (
    (re.compile(r"No such option: (\S+)"), "没有这个选项：{0}"),
    (re.compile(r"Option '(\S+)' requires an argument\."), "选项 {0} 需要一个值"),
    (re.compile(r"Option '(\S+)' does not take a value\."), "选项 {0} 不接受值"),
    (re.compile(r"Got unexpected extra arguments? \((.*)\)"), "多余的参数：{0}"),
    (re.compile(r"No such command '(.*)'\."), "没有这个命令：{0}"),
    (re.compile(r"Missing argument '(.*)'\."), "缺少参数 {0}"),
    (re.compile(r"Missing option '(.*)'\."), "缺少选项 {0}"),
)


def _click_message(exc: click.ClickException) -> str:
    text = exc.format_message()
    if isinstance(exc, click.BadParameter) and not isinstance(exc, click.MissingParameter):
        hint = exc.param_hint or (exc.param.get_error_hint(exc.ctx) if exc.param and exc.ctx else "")  # type: ignore[arg-type]
        return f"{hint} 的值无效：{exc.message}" if hint else exc.message
    for pattern, zh in _CLICK_MESSAGES:
        m = pattern.fullmatch(text.strip())
        if m:
            text = zh.format(*(g.strip("'\"") for g in m.groups()))
            break
    if isinstance(exc, click.NoSuchOption):
        text = f"没有这个选项：{exc.option_name}"
        if exc.possibilities:
            text += f"（是不是 {', '.join(sorted(exc.possibilities))}？）"
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        text += f"；用 `{ctx.command_path} -h` 查看用法"
    return text


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code (0 clean, 1 findings, 2 errors)."""
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # Reasons may hold lone surrogates (JSON "\ud800", undecodable file names):
        # print them escaped rather than crash halfway through the output.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        with signals_as_exit():
            rc = cli.main(args, prog_name="reasonlint", standalone_mode=False)
    except ReasonlintError as exc:
        say(exc.message)
        if isinstance(exc, OutputError):
            silence_stdout()
        return exc.exit_code
    except click.exceptions.Abort:
        say("已中止。")
        return 130
    except click.ClickException as exc:
        say(_click_message(exc))
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`| head`); stop quietly like other Unix tools.
        silence_stdout()
        return EXIT_FINDINGS
    except OSError as exc:
        # Inputs, configuration and lexicons report their own errors; what is left is
        # the environment (a full disk under standard output, no more processes).
        say(f"无法完成：{exc.strerror or exc}")
        silence_stdout()
        return EXIT_ERROR
    except RecursionError:
        say("内部错误：输入嵌套过深")
        return EXIT_ERROR
    except Exception as exc:   # a bug: still one line and exit 2, never 1 (findings)
        say(f"内部错误：{type(exc).__name__}: {exc}")
        return EXIT_ERROR
    return rc if isinstance(rc, int) else EXIT_OK


# Signals that end a run through the same clean-up as an error: the workers stopped
# and a half-written --output file removed. SIGQUIT's default would dump core.
_SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT")


@contextlib.contextmanager
def signals_as_exit() -> Iterator[None]:
    """SIGTERM (``kill``, a CI timeout), SIGHUP (a closed terminal) and SIGQUIT end
    the run as ``SystemExit(128 + signal)``."""
    def on_signal(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous: dict[int, Any] = {}
    try:
        for name in _SIGNALS:
            sig = getattr(signal, name, None)
            if sig is not None:
                previous[sig] = signal.signal(sig, on_signal)
    except (ValueError, OSError):   # not the main thread
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
