"""`python -m newscrawl.sample_site [--host H] [--port N]`: serve the sample site in the foreground.

The first stdout line is the base URL (flushed), so a Makefile can start this in the background and read it.
"""

import argparse
import signal
import sys

from . import SampleSite
from .faults import FaultInjector
from .synthetic import SyntheticSiteData


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawl.sample_site", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 (default) picks a free port")
    parser.add_argument("--fault", action="append", default=[], metavar="IDX=KIND",
                        help="serve article IDX with a fault (see newscrawl/sample_site/faults.py); repeatable")
    parser.add_argument("--synthetic", type=int, metavar="N",
                        help="serve N articles computed on demand instead (see newscrawl/sample_site/synthetic.py)")
    args = parser.parse_args(argv)
    site = SampleSite(args.host, args.port, SyntheticSiteData(args.synthetic) if args.synthetic is not None else None)
    site.app.add_hook(FaultInjector({int(idx): kind for idx, kind in (fault.split("=", 1) for fault in args.fault)}))
    print(site.base_url, flush=True)
    for signum in (signal.SIGTERM, signal.SIGINT):  # also when started from a shell that ignores SIGINT
        signal.signal(signum, lambda *_: sys.exit(0))
    site.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
