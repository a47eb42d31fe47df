"""bench/scale.py's own workings, without a desk: reading wrk's summary, the table it
prints, and runs that wait for their answers (no figure is asserted: targets are printed)."""

import shutil

import pytest

WRK_SUMMARY = """Running 1s test @ http://127.0.0.1:8000
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    40.12ms   10.01ms 120.50ms   80.00%
    Req/Sec   180.00     20.00   210.00     70.00%
  Latency Distribution
     50%   38.20ms
     75%   45.00ms
     90%   60.00ms
     99%    1.20s
  362 requests in 1.00s, 5.10MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    361.50
Transfer/sec:      5.09MB
"""


def test_wrk_summary_gives_rate_latencies_answers_and_failures(scale_bench):
    run = scale_bench.wrk_parse(WRK_SUMMARY)
    assert run == {"rps": 361.5, "p50": 38.2, "p99": 1200.0, "bad": 4, "errors": 3, "answers": 362}


def test_a_run_without_a_summary_reads_no_answers(scale_bench):
    assert scale_bench.wrk_parse("")["answers"] == 0


def test_each_wrk_thread_says_enough_after_its_time_and_its_share_of_answers(scale_bench):
    threads, script = scale_bench.wrk_script(
        ["/a", "/b"], seconds=0.5, clients=16, at_least=5, bust=True, headers={"Cookie": "sessionid=x"}
    )
    # 5 answers over 2 threads: 3 each.
    assert threads == 2
    assert "if answers == 3 and clock() - started < 0.5 then" in script
    assert '["Cookie"] = "sessionid=x"' in script
    assert '["X-Forwarded-Proto"] = "https"' in script
    assert "bench=" in script


def test_the_table_has_a_line_for_every_row_and_marks_runs_on_fewer_connections(scale_bench):
    run = {"rps": 10.0, "p50": 50.0, "p99": 90.0}
    static = {"rps": 200.0, "p50": 1.0, "p99": 2.0}
    prof = {"queries": 9, "fewest": 7, "ms": 120.0}
    table = [
        scale_bench.Row("briefing", 85890, prof, run, run, static, 98.0, 16, 16),
        scale_bench.Row("sitemap", 223193, {**prof, "fewest": 9}, run, run, static, 114.0, 2, 16),
    ]
    header, briefing, sitemap, note = scale_bench.table_lines(table, clients=16)
    assert header.split()[:4] == ["row", "bytes", "queries", "1-proc"]
    assert briefing.split() == [
        "briefing",
        "85890",
        "7-9",
        "120ms",
        "10.0",
        "50ms",
        "90ms",
        "10.0",
        "50ms",
        "90ms",
        "5%",
        "5%",
        "98",
    ]
    assert sitemap.split()[3:5] == ["120ms", "10.0*"]
    assert note.startswith("* one connection per worker")


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed (.ci/run installs it)")
def test_a_run_waits_for_its_answers_when_they_come_after_its_time(scale_bench, slow_server):
    run = scale_bench.wrk_run(slow_server, ["/page"], seconds=0.05, clients=2, at_least=4, cap=20)
    assert run["answers"] >= 4
    assert run["rps"] > 0
    assert run["errors"] == 0
