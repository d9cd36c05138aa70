"""`python -m newscrawl.sample_site [--site a|b|ndsoft] [--host H] [--port N]`: serve a sample site in the foreground.

The first stdout line is the base URL (flushed), so a Makefile can start this in the background and read it.
`--site b` serves site B ("경북새벽신문", see site_b.py), by default on 127.0.0.2; site A's host is 127.0.0.1.
`--site ndsoft` serves site N ("남도일보샘플", the NDSoft CMS, see ndsoft/__init__.py), by default on 127.0.0.4.
"""

import argparse
import signal
import sys

from . import SITES, SampleSite
from .faults import FaultInjector, redesigned_every
from .synthetic import SyntheticSiteData


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawl.sample_site", description=__doc__.splitlines()[0])
    parser.add_argument("--site", choices=sorted(SITES), default="a",
                        help="a: 워크헤드라인 (default), b: 경북새벽신문, the older-skin regional daily, "
                             "ndsoft: 남도일보샘플, a site of the NDSoft CMS")
    parser.add_argument("--host", help="default: the site's own loopback host (a: 127.0.0.1, b: 127.0.0.2, ndsoft: 127.0.0.4)")
    parser.add_argument("--port", type=int, default=0, help="0 (default) picks a free port")
    parser.add_argument("--fault", action="append", default=[], metavar="IDX=KIND",
                        help="serve article IDX with a fault (see newscrawl/sample_site/faults.py); repeatable")
    parser.add_argument("--redesign-every", type=int, metavar="N",
                        help="serve every N-th article in a template no layout knows, as after a redesign (the drift switch)")
    parser.add_argument("--synthetic", type=int, metavar="N",
                        help="serve N articles computed on demand instead (see newscrawl/sample_site/synthetic.py)")
    args = parser.parse_args(argv)
    if args.synthetic is not None and args.site != "a":
        parser.error("--synthetic builds on site A's articles; it cannot be combined with --site " + args.site)
    if args.redesign_every is not None and args.redesign_every < 1:
        parser.error(f"--redesign-every takes a whole number of at least 1, got {args.redesign_every}")
    data = SyntheticSiteData(args.synthetic) if args.synthetic is not None else None
    site = SampleSite(args.host, args.port, data, site=SITES[args.site])
    faults = redesigned_every(site.data, args.redesign_every) if args.redesign_every else {}
    faults.update({int(idx): kind for idx, kind in (fault.split("=", 1) for fault in args.fault)})
    site.app.add_hook(FaultInjector(faults))
    print(site.base_url, flush=True)
    for signum in (signal.SIGTERM, signal.SIGINT):  # also when started from a shell that ignores SIGINT
        signal.signal(signum, lambda *_: sys.exit(0))
    site.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
