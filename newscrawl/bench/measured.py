"""A `python -m MODULE ...` command run in a child process and measured: wall time, CPU time, and the peak RSS of
the child's own address space.

Why not `ru_maxrss` from os.wait4: on Linux a child's ru_maxrss does not start from zero.  It is kept in the
process's signal struct, which exec does not reset, and exec folds in the high-water mark of the address space it
replaces; after a fork (or the vfork subprocess uses) that is the benchmark process's, so every child "peaks" at
least at what the benchmark itself holds (~117 MB once the parsing section has run), whatever it really used.
`VmHWM` in /proc/PID/status is per address space, and exec gives the child a fresh one: the child's own peak.

So the command runs through a few lines of Python in the child itself (WRAPPER): they register an atexit hook,
then run the module exactly as `python -m MODULE` would (runpy, with the same sys.argv[1:]); when the command
returns (Scrapy's ends with sys.exit), the hook writes the process's own VmHWM to a file the benchmark reads.
Nothing is polled and nothing else in the command changes, so timings are those of the plain command.
"""

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Run with `python -c WRAPPER REPORT_PATH MODULE ARGS...`: the child's own code, standard library only (atexit and
# runpy are loaded at start-up anyway), so it adds nothing the measured command would not have.
WRAPPER = """\
import atexit, runpy, sys
report = sys.argv.pop(1)
module = sys.argv.pop(1)
def write_peak_rss():
    with open('/proc/self/status') as status:
        kilobytes = next(line.split()[1] for line in status if line.startswith('VmHWM:'))
    with open(report, 'w') as out:
        out.write(kilobytes)
atexit.register(write_peak_rss)
runpy.run_module(module, run_name='__main__', alter_sys=True)
"""


@dataclass(frozen=True)
class ChildRun:
    returncode: int
    wall_seconds: float  # the whole command, interpreter start-up included
    peak_rss_bytes: int | None  # VmHWM of the child's own address space, written by it at exit (None: it died first)
    ru_maxrss_bytes: int  # what os.wait4 says: on Linux at least the parent's own high-water mark (see above)
    cpu_seconds: float  # user + system time from os.wait4: the child's, and that of any children it waited for


def measured_command(command: list[str], report_path: Path) -> list[str]:
    """`command`, a `python -m MODULE ARGS...` line, as it runs through WRAPPER."""
    if len(command) < 3 or command[1] != "-m":
        raise ValueError(f"expected a `python -m MODULE ...` command line, got {command!r}")
    python, _, module, *arguments = command
    return [python, "-c", WRAPPER, str(report_path), module, *arguments]


def run_measured(command: list[str], **popen_arguments) -> ChildRun:
    """Runs `command` (`python -m MODULE ARGS...`) in a child process; `popen_arguments` go to subprocess.Popen."""
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-rss-") as directory:
        report_path = Path(directory) / "peak_rss_kb"
        started = time.perf_counter()
        child = subprocess.Popen(measured_command(command, report_path), **popen_arguments)
        # wait4, not Popen.wait: it also gives the child's resource usage (CPU time).
        _, status, usage = os.wait4(child.pid, 0)
        wall_seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        # A child killed before its atexit hook ran has no report: its figure is unknown, not zero.
        peak_bytes = int(report_path.read_text()) * 1024 if report_path.exists() else None
    if peak_bytes is None and child.returncode == 0:
        raise RuntimeError(f"{command!r} exited 0 without reporting its peak RSS")
    # ru_maxrss and VmHWM are both in KiB on Linux.
    return ChildRun(child.returncode, wall_seconds, peak_bytes, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)

