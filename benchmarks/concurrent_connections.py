"""Simultaneous connections against a running Zicht server: how many are refused or fail.

The outside test found runserver refusing 3-11 of 50 simultaneous connections. This opens
``--clients`` connections at the same moment (a barrier), each sending ``--requests`` requests
one after another, and prints refused/failed counts and latency beside the targets.

    python benchmarks/concurrent_connections.py --url http://127.0.0.1:8000/readyz --clients 50 --requests 20
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit


def run(url: str, clients: int, requests: int, timeout: float) -> dict[str, object]:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    barrier = threading.Barrier(clients)
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    refused = failed = 0

    def client() -> None:
        nonlocal refused, failed
        barrier.wait()
        for _ in range(requests):
            started = time.perf_counter()
            connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
            try:
                connection.request("GET", path, headers={"Host": parts.netloc})
                status = connection.getresponse().status
            except ConnectionRefusedError:
                with lock:
                    refused += 1
                continue
            except OSError:
                with lock:
                    failed += 1
                continue
            finally:
                connection.close()
            with lock:
                latencies.append(time.perf_counter() - started)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": clients * requests,
        "refused": refused,
        "failed": failed,
        "statuses": statuses,
        "throughput": len(latencies) / elapsed if elapsed else 0.0,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))] if latencies else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/readyz")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    result = run(args.url, args.clients, args.requests, args.timeout)
    ok = result["statuses"].get(200, 0)
    print(f"{args.clients} simultaneous clients x {args.requests} requests on {args.url}")
    print(f"{'figure':<22}{'measured':>12}  target")
    print(f"{'refused connections':<22}{result['refused']:>12}  0")
    print(f"{'failed requests':<22}{result['failed']:>12}  0")
    print(f"{'200 responses':<22}{ok:>12}  {result['requests']}")
    print(f"{'other statuses':<22}{str({k: v for k, v in result['statuses'].items() if k != 200}):>12}  {{}}")
    print(f"{'throughput (req/s)':<22}{result['throughput']:>12.0f}  -")
    print(f"{'latency p50 / p99 ms':<22}{result['p50_ms']:>6.1f} /{result['p99_ms']:>5.0f}  -")


if __name__ == "__main__":
    main()
