#!/usr/bin/env python3
"""Runs a command and writes its wall time, CPU time and peak RSS as JSON (like
/usr/bin/time -f, with microsecond CPU times).

    timed.py OUT.json command args...

CPU times and peak RSS come from wait4(): they include the descendants the command waited for
(soffice's soffice.bin), and the peak RSS is that of the largest such process, in KB.
Exits with the command's status.
"""

import json
import os
import subprocess
import sys
import time


def main():
    out, cmd = sys.argv[1], sys.argv[2:]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    with open(out, "w") as f:
        json.dump({"wall_s": wall, "user_s": ru.ru_utime, "sys_s": ru.ru_stime, "rss_kb": ru.ru_maxrss,
                   "exit": code}, f)
        f.write("\n")
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
