"""Time ``reasonlint.check`` on adversarial inputs and print the slowest call.

    python bench/worst_case.py              # 100,000-character inputs
    python bench/worst_case.py --size 1000000 --repeat 5

Each input is checked ``--repeat`` times, on a fresh linter per input (so the first
call pays for cold caches) and again on a warm one; the figure to watch is the max.
The same text is also passed as the complaint, and in template mode. Nothing is
asserted: speed is measured here, not in the tests.
"""
from __future__ import annotations

import argparse
import random
import time
from typing import Callable, Sequence

from reasonlint import Config, Linter


def inputs(size: int) -> dict[str, str]:
    rng = random.Random(20261128)
    reason = "商家已于11月3日补发货，订单号20261103001，物流记录已附。"

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    cjk = "".join(chr(rng.randrange(0x4E00, 0x9FA6)) for _ in range(size))
    noise = "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(size))
    return {
        "digits": fill("1"),
        "X": fill("X"),
        "{": fill("{"),
        "不": fill("不"),
        "mixed": fill("订单号1234{X不，已退款50元[日期]👍\ud800"),
        "reason repeated": fill(reason),
        "random CJK": cjk,
        "random BMP": noise,
        "numerals": fill("二"),
        "placeholders": fill("XX月XX日【订单号】{金额}"),
        "negations": fill("没有不未别"),
        "newlines": fill("\n"),
        "combining": "已" + fill("\u0301")[1:],
    }


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters per input")
    parser.add_argument("--repeat", type=int, default=3, help="calls per input and variant")
    parser.add_argument("--max-length", type=int, default=Config().max_length)
    args = parser.parse_args(argv)

    config = Config(max_length=args.max_length)
    warm = Linter(config)
    warm.check("预热：商家已于11月3日补发货，订单号20261103001。")
    print(f"{'input':<18}{'cold s':>9}{'warm s':>9}{'+complaint s':>14}{'template s':>12}")
    worst = (0.0, "")
    for name, text in inputs(args.size).items():
        cold = timed(lambda: Linter(config).check(text))
        row = [cold]
        for variant in (lambda: warm.check(text),
                        lambda: warm.check(text, complaint=text, channel="payment"),
                        lambda: warm.check(text, mode="template")):
            row.append(max(timed(variant) for _ in range(args.repeat)))
        print(f"{name:<18}" + "".join(f"{t:>{w}.3f}" for t, w in zip(row, (9, 9, 14, 12))))
        if max(row) > worst[0]:
            worst = (max(row), name)
    print(f"\nmax per-call time: {worst[0]:.3f} s ({worst[1]}, {args.size:,} characters, "
          f"max-length {args.max_length})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
