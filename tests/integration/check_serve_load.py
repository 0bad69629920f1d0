#!/usr/bin/env python3
"""hoso serve over real HTTP: start it on a free port of 127.0.0.1, send 200 evaluate requests
from 8 concurrent clients, check every answer, report the latencies (median, p95, max), check
the server is still up and a few refusals, then stop it with SIGTERM.

usage: check_serve_load.py <hoso> <source-dir>
"""
import concurrent.futures
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import time

REQUESTS = 200
CLIENTS = 8


def main():
    hoso, source = sys.argv[1], sys.argv[2]
    env = dict(os.environ, HOSO_RESOURCES=source)
    # A non-loopback address without --allow-remote is refused before anything listens.
    refused = subprocess.run([hoso, "serve", "--bind", "0.0.0.0", "--port", "0"], env=env,
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2, refused
    assert "--allow-remote" in refused.stderr, refused.stderr

    server = subprocess.Popen([hoso, "serve", "--port", "0"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert "http://127.0.0.1:" in line, line
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        print("server:", line.strip())

        def request(method, path, body=None, ctype="application/json", headers=None):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            h = {"Content-Type": ctype} if body is not None else {}
            h.update(headers or {})
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            data = r.read()
            conn.close()
            return r.status, r.getheader("Content-Type", ""), data

        with open(os.path.join(source, "examples", "tt24-tinh.xml"), "rb") as f:
            status, _, data = request("POST", "/api/state", f.read(), "application/xml")
        assert status == 200, (status, data[:300])
        state = json.loads(data)["state"]
        body = json.dumps(state).encode()

        def one(_):
            t = time.perf_counter()
            status, ctype, data = request("POST", "/api/evaluate", body)
            ms = (time.perf_counter() - t) * 1000
            ok = status == 200 and ctype.startswith("application/json")
            if ok:
                j = json.loads(data)
                ok = j["valid"] and j["evaluation"]["granted"] is True
            return ok, ms

        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(one, range(REQUESTS)))
        wall = time.perf_counter() - start
        answered = sum(1 for ok, _ in results if ok)
        ms = sorted(m for _, m in results)
        p95 = ms[int(round(0.95 * len(ms))) - 1]
        print(f"load: {REQUESTS} evaluate requests from {CLIENTS} clients: {answered} answered correctly "
              f"in {wall:.2f} s ({REQUESTS / wall:.0f}/s); latency median {statistics.median(ms):.1f} ms, "
              f"p95 {p95:.1f} ms, max {ms[-1]:.1f} ms")
        assert answered == REQUESTS, answered

        # Still up, and still refusing what it must, in JSON.
        status, _, data = request("GET", "/api/forms")
        assert status == 200 and len(json.loads(data)["forms"]) == 5, (status, data[:200])
        status, ctype, data = request("POST", "/api/evaluate", b"{not json")
        assert status == 400 and json.loads(data)["error"] == "malformed-json", (status, data)
        status, _, data = request("POST", "/api/evaluate", b" " * (5 << 20))
        assert status == 413, (status, data[:200])
        status, _, data = request("POST", "/api/evaluate", b"{" * 100 + b"}" * 100)
        assert status == 400 and json.loads(data)["error"] == "too-deep", (status, data)
        status, _, data = request("GET", "/api/forms", headers={"Host": "evil.example:80"})
        assert status == 403 and json.loads(data)["error"] == "forbidden-host", (status, data)
        status, _, data = request("GET", "/../../etc/passwd")
        assert status in (400, 404), (status, data[:200])
        assert server.poll() is None, "server died"
        status, _, _ = request("GET", "/api/forms")
        assert status == 200
        print("server still up after the load and the refusals")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
        err = server.stderr.read()
    assert code == 0, (code, err)
    print("stopped cleanly by SIGTERM")


if __name__ == "__main__":
    main()
