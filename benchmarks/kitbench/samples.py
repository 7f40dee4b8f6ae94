"""What the runs record: every sample of every measure, by name, in the order
they were taken (the JSON keeps that order), and the progress lines."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Literal

from .builds import TimedBuild

Sample = float | int | bool | None  # None: the build's log did not say
BuildPart = Literal["cpu", "rendered", "docs"]


@dataclass
class Samples:
    values: dict[str, list[Sample]] = field(default_factory=dict)

    def add(self, name: str, value: Sample) -> None:
        self.values.setdefault(name, []).append(value)

    def add_build(self, name: str, build: TimedBuild, *parts: BuildPart) -> TimedBuild:
        """``name``: the build's wall seconds; ``name_cpu``, ``name_rendered`` and
        ``name_docs`` (re-read documents), in the order ``parts`` gives."""
        self.add(name, build.wall)
        for part in parts:
            value = {"cpu": build.cpu, "rendered": build.rendered, "docs": build.changed_docs}
            self.add(f"{name}_{part}", value[part])
        return build

    def median(self, name: str) -> float | None:
        values = [v for v in self.values.get(name, []) if v is not None]
        return statistics.median(values) if values else None

    def runs(self, name: str) -> int:
        """How many runs gave ``name`` a value."""
        return len([v for v in self.values.get(name, []) if v is not None])


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)
