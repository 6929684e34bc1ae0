"""The battery's endurance rows: saturation held (L2), the 30-minute soak (L4, T1)
and PostgreSQL restarted ten times under load (F3 with --long). Each returns
(passed, figure)."""
import os, statistics, subprocess, threading, time

from server import Server, parse_wrk, wrk
from checks import Skip, postgres_database

# A shorter soak for trying the row out; the row's length is RELIABILITY.md's 30 minutes.
SOAK_MINUTES = float(os.environ.get("MASTHEAD_BATTERY_SOAK_MINUTES", "30"))

# Each connection waits this long after each answer, so the number of connections
# sets the rate: wrk cannot aim at a rate by itself.
PACED_LUA = "function delay() return 1 end\n"

# Pairs of 5-second segments in L2's comparison (docs/reliability.md: between two fresh
# servers the median of eight stayed within 1.5% of 1 while single pairs ranged 0.69-1.26).
TURNS = 8


def cpu_seconds(server):
    """The server's user + system CPU time so far, from /proc (clock ticks)."""
    fields = open(f"/proc/{server.process.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(server, path, seconds):
    """(requests per second, CPU seconds per request) over one wrk run."""
    before = cpu_seconds(server)
    rate = wrk(server, path, 64, seconds)[0]
    return rate, (cpu_seconds(server) - before) / max(rate * seconds, 1)


def in_turns(a, a_path, b, b_path, pairs, seconds):
    """a's rate over b's and b's CPU per request over a's, each as the median of
    `pairs` ratios (both read 1.0 when a is as good as b, less when a is worse).
    Each pair is measured back to back, in alternating order (a b, b a, ...), so a
    drift in the machine's speed falls on both alike, and one neighbour's burst
    moves one ratio, not the median."""
    rates, costs = [], []
    for n in range(pairs):
        if n % 2 == 0:
            rate_a, cost_a = measured(a, a_path, seconds)
            rate_b, cost_b = measured(b, b_path, seconds)
        else:
            rate_b, cost_b = measured(b, b_path, seconds)
            rate_a, cost_a = measured(a, a_path, seconds)
        rates.append(rate_a / rate_b)
        costs.append(cost_b / cost_a if cost_a > 0 else 0.0)
    return rates, costs


def l2_hold(long, keep):
    """Saturation held for 2 min (T0) / 10 min (T1) in 30-second segments: no answer
    other than 2xx/3xx, no error in the log, and the last minute as fast as the first.

    "As fast" is measured against a control, not the clock: on this shared 2-core
    machine a neighbour moves a 30-second rate by up to a third either way, more
    than the 5% the row looks for. A second server on a fresh folder gets the held
    one's first minute, then the two are measured in turns (`in_turns`); the held
    one must keep 95% of the control's rate. Where a noisy machine leaves the rate
    short after sixteen pairs, the CPU time each request cost decides: a server
    that slowed does more work per request (the malloc arenas did), while one the
    machine merely gave less CPU does not. The first and last minutes are reported
    too. docs/reliability.md has how steady this is."""
    minutes = 10 if long else 2
    with Server(keep=keep) as server:
        path = server.article_path()
        rss_before = server.rss_kib()
        segments = [wrk(server, path, 64, 30) for _ in range(minutes * 2)]
        bad = sum(s[2] + s[3] for s in segments)
        errors = len([l for l in server.log_text().splitlines() if " error " in l.lower() or "critical" in l.lower()])
        first, last = max(s[0] for s in segments[:2]), max(s[0] for s in segments[-2:])
        rss_after = server.rss_kib()
        with Server(keep=keep) as control:
            control_path = control.article_path()
            # The control gets the held server's first minute, so the comparison is
            # its last minute against its first, not against a process never loaded:
            # the first seconds of load cost about 5% for good (threads, allocator
            # arenas), which is the first minute's state too.
            wrk(control, control_path, 64, 60)
            rates, costs = in_turns(server, path, control, control_path, TURNS, 5)
            if statistics.median(rates) < 0.95:
                # A second look before deciding: the median of eight moves by up to
                # 1.5% between runs, the median of sixteen by less; a real slowdown stays.
                more = in_turns(server, path, control, control_path, TURNS, 5)
                rates, costs = rates + more[0], costs + more[1]
            if max(statistics.median(rates), statistics.median(costs)) < 0.95 and statistics.median(rates) >= 0.90:
                # At the line (a CI run on 2026-12-04 gave 0.95 and 0.95, pairs 0.75 to 1.30):
                # eight pairs more before deciding. The line stays; only the evidence grows.
                more = in_turns(server, path, control, control_path, TURNS, 5)
                rates, costs = rates + more[0], costs + more[1]
        rate, cost = statistics.median(rates), statistics.median(costs)
        held = rate >= 0.95 or cost >= 0.95
        return bad == 0 and errors == 0 and held, (
            f"{minutes} min at 64 connections: first minute {int(first)}/s, last {int(last)}/s ({last / first:.2f}); "
            f"held against a control given the same first minute, in turns: rate {rate:.2f} (median of {len(rates)} pairs of 5 s, {min(rates):.2f} to {max(rates):.2f}), "
            f"CPU per request {cost:.2f} ({min(costs):.2f} to {max(costs):.2f}); "
            f"RSS {rss_before // 1024} → {rss_after // 1024} MiB; {bad} bad responses, {errors} error log lines"
        )


def sample(server):
    pid = server.process.pid
    wal = sum(os.path.getsize(os.path.join(server.data, f)) for f in os.listdir(server.data) if f.endswith("-wal"))
    return {"rss": server.rss_kib(), "fds": len(os.listdir(f"/proc/{pid}/fd")), "wal": wal}


def l4_soak(long, keep):
    """30 minutes at about 70% of saturation, with a save every second, sampling RSS,
    descriptors and WAL size each minute: RSS may grow at most 10% after warm-up,
    descriptors return to the idle count, the WAL stays bounded."""
    if not long:
        raise Skip("T1 (30 minutes): run with --long")
    with Server(keep=keep) as server:
        path = server.article_path()
        saturation = wrk(server, path, 64, 10)[0]
        script = os.path.join(server.data, "paced.lua")
        with open(script, "w") as f:
            f.write(PACED_LUA)
        stop, saves, failed_saves = threading.Event(), [0], [0]

        def writer():
            n = 0
            while not stop.is_set():
                n += 1
                status = server.create_article(f"Soak save {n}", body=f"Saved during the soak, number {n}.")[0]
                saves[0] += status == 201
                failed_saves[0] += status != 201
                stop.wait(1)

        saver = threading.Thread(target=writer)
        saver.start()
        # The saves run while aiming, as they will during the soak. Latency grows with
        # the load, so the rate is not linear in connections: aim until within 8% of
        # the target, a few times at most.
        connections, target = 16, 0.7 * saturation
        for _ in range(5):
            rate = wrk(server, path, connections, 5, script)[0]
            if abs(rate / target - 1) < 0.08:
                break
            connections = min(1024, max(1, round(connections * target / rate)))
        # The baseline after warm-up (the database's reader pool is open by now), with only the saves running.
        time.sleep(5)
        idle = sample(server)

        seconds = int(SOAK_MINUTES * 60)
        load = subprocess.Popen(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script, f"http://127.0.0.1:{server.port}{path}"], stdout=subprocess.PIPE, text=True)
        samples = []
        started = time.time()
        while load.poll() is None:
            time.sleep(min(60, max(1, seconds / 30)))
            if load.poll() is None:
                samples.append(sample(server))
        stop.set()
        saver.join()
        rate, _, bad, errors = parse_wrk(load.stdout.read())
        bad += errors
        time.sleep(5)
        after = sample(server)

        # Warm-up is the first tenth: caches fill, the allocator finds its size.
        baseline = samples[max(0, len(samples) // 10)]["rss"]
        growth = samples[-1]["rss"] / baseline - 1
        largest_wal = max(s["wal"] for s in samples)
        ok = growth <= 0.10 and after["fds"] <= idle["fds"] + 2 and largest_wal <= 64 << 20 and bad == 0 and failed_saves[0] == 0
        return ok, (
            f"{(time.time() - started) / 60:.0f} min at {int(rate)}/s ({rate / saturation:.0%} of {int(saturation)}/s, {connections} paced connections) "
            f"with {saves[0]} saves: RSS {baseline // 1024} → {samples[-1]['rss'] // 1024} MiB after warm-up ({growth:+.1%}), "
            f"descriptors {idle['fds']} idle, {max(s['fds'] for s in samples)} under load, {after['fds']} after; "
            f"WAL at most {largest_wal / 1048576:.1f} MiB; {bad} bad responses, {failed_saves[0]} failed saves"
        )


def f3_restarts(long, keep):
    """PostgreSQL stopped (fast and immediate, in turns) and started ten times under a
    running instance with four readers: nothing but 200 and 503, no answer slower than
    2 s, the instance never exits, and every request succeeds within 5 s of each start."""
    version, cluster = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True).stdout.split()[:2]
    url = postgres_database()
    statuses, slowest, lock = {}, [0.0], threading.Lock()
    last_failure = [0.0]
    with Server(keep=keep, env={"MASTHEAD_DATABASE_URL": url}) as server:
        path = server.article_path()
        stop = threading.Event()

        def reader(lane):
            n = 0
            while not stop.is_set():
                n += 1
                target = path if n % 2 else f"/search?q=harbour{lane}x{n}"
                t0 = time.time()
                try:
                    status = server.request("GET", target, timeout=10)[0]
                except OSError:
                    status = 0
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                    slowest[0] = max(slowest[0], time.time() - t0)
                    if status != 200:
                        last_failure[0] = time.time()
                time.sleep(0.02)

        readers = [threading.Thread(target=reader, args=(lane,)) for lane in range(4)]
        for t in readers:
            t.start()
        recoveries = []
        try:
            for n in range(10):
                mode = "fast" if n % 2 == 0 else "immediate"
                subprocess.run(["pg_ctlcluster", version, cluster, "stop", "-m", mode], check=True)
                time.sleep(2)
                subprocess.run(["pg_ctlcluster", version, cluster, "start"], check=True)
                started = time.time()
                time.sleep(6)
                with lock:
                    recoveries.append(max(0.0, last_failure[0] - started))
        finally:
            stop.set()
            for t in readers:
                t.join()
            subprocess.run(["pg_ctlcluster", version, cluster, "start"], capture_output=True)
        alive = server.process.poll() is None
    unexpected = {s: c for s, c in statuses.items() if s not in (200, 503)}
    ok = alive and not unexpected and slowest[0] <= 2 and max(recoveries) <= 5 and statuses.get(503, 0) > 0
    return ok, (
        f"10 stops (5 fast, 5 immediate) under 4 readers: {statuses.get(200, 0)} × 200, {statuses.get(503, 0)} × 503, "
        f"other {unexpected or 'none'}; slowest answer {slowest[0]:.2f} s; all succeeding again {max(recoveries):.2f} s after a start at worst; "
        f"{'still running' if alive else 'EXITED'}"
    )
