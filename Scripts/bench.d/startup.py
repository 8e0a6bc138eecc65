"""Start-up benchmark: `nexo --db X -c ''` with every plugin available, and again with 20 more small
fixture plugins, against `sqlite3 :memory: .quit`, all three alternated in the same run.

Each sample is one process start (posix_spawn, output to /dev/null, waited for), so the three
commands see the same machine state; the figure is the median over the samples, with the spread
(10th-90th percentile and min-max). The spec cache is warm (one start before timing), which is the
state users run in; the first start after installing or changing a plugin opens its library.
Standard library only.
"""
import os, statistics, subprocess, time

FIXTURES = 20

FIXTURE_SOURCE = """import NexoKit

struct BenchFixturePlugin: NexoPlugin {{
    var name: String {{ "bench-fixture-{n:02d}" }}
    var version: String {{ "1.0.0" }}
    var summary: String {{ "Start-up benchmark fixture {n:02d}" }}
    var schema: SchemaContribution {{ .empty }}
    var commands: [Command] {{
        [Command(CommandSpec(["fixture{n:02d}", "ping"], summary: "Answers pong")) {{ _, _ in
            CommandResult(message: "pong")
        }}]
    }}
}}

@_cdecl("nexo_plugin_abi")
public func nexoPluginABI() -> Int32 {{ NexoABI.compiledAgainst }}

@_cdecl("nexo_plugin_create")
public func nexoPluginCreate() -> UnsafeMutableRawPointer {{ PluginExport.retained(BenchFixturePlugin()) }}
"""


def build_fixtures(bin_dir, work):
    """Compiles FIXTURES small plugins against the release NexoKit into work/fixture-plugins (0755);
    rebuilt when libNexoKit.so is newer than a fixture."""
    out = os.path.join(work, "fixture-plugins")
    os.makedirs(out, exist_ok=True)
    os.chmod(out, 0o755)
    kit = os.path.join(bin_dir, "libNexoKit.so")
    sources = os.path.join(work, "fixture-sources")
    os.makedirs(sources, exist_ok=True)
    for n in range(1, FIXTURES + 1):
        library = os.path.join(out, f"libBenchFixture{n:02d}.so")
        if os.path.exists(library) and os.path.getmtime(library) >= os.path.getmtime(kit):
            continue
        source = os.path.join(sources, f"fixture{n:02d}.swift")
        with open(source, "w") as f:
            f.write(FIXTURE_SOURCE.format(n=n))
        subprocess.run(["swiftc", "-emit-library", "-parse-as-library", "-swift-version", "6", "-O",
                        "-module-name", f"BenchFixture{n:02d}", "-I", os.path.join(bin_dir, "Modules"),
                        "-L", bin_dir, "-lNexoKit", "-Xlinker", "-rpath=$ORIGIN",
                        "-module-cache-path", os.path.join(work, "module-cache"),
                        source, "-o", library], check=True)
        os.chmod(library, 0o755)
    return out


def spawn_wait(argv, env):
    """Wall time (s) of one run of argv, output discarded."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
        t0 = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        _, status = os.waitpid(pid, 0)
        elapsed = time.perf_counter() - t0
    finally:
        os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(argv)}")
    return elapsed


def summary(samples_ms):
    s = sorted(samples_ms)
    q = statistics.quantiles(s, n=10)
    return statistics.median(s), q[0], q[-1], s[0], s[-1]


def loaded_states(nexo, db, extra, env):
    out = subprocess.run([nexo, "--db", db] + extra + ["-c", "plugins", "--format", "tsv"], env=env,
                         capture_output=True, text=True, check=True).stdout
    rows = [line.split("\t") for line in out.splitlines()[1:] if line]
    return rows


def measure(bin_dir, work, env, runs):
    """Runs the start-up benchmark; returns [(name, ours_ms, sqlite_ms, ratio)]."""
    nexo = os.path.join(bin_dir, "nexo")
    sqlite = subprocess.run(["sh", "-c", "command -v sqlite3"], capture_output=True, text=True,
                            check=True).stdout.strip()
    fixtures = build_fixtures(bin_dir, work)
    db = os.path.join(work, "startup.db")
    subprocess.run([nexo, "--db", db, "-c", ""], env=env, check=True)
    commands = {
        "nexo": [nexo, "--db", db, "-c", ""],
        "nexo+20": [nexo, "--db", db, "--plugin-dir", fixtures, "-c", ""],
        "sqlite3": [sqlite, ":memory:", ".quit"],
    }
    # Warm the spec cache and the page cache, and check what starts: every plugin, none refused.
    for name, argv in commands.items():
        spawn_wait(argv, env)
    plain = loaded_states(nexo, db, [], env)
    more = loaded_states(nexo, db, ["--plugin-dir", fixtures], env)
    for rows in (plain, more):
        refused = [r for r in rows if len(r) > 2 and r[2] != "available"]
        if refused:
            raise SystemExit(f"plugins not available: {refused}")
    states = sorted({r[-1] for r in more})
    print(f"plugins: {len(plain)} in-tree, {len(more)} with the fixtures (states: {', '.join(states)})")
    samples = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            samples[name].append(spawn_wait(argv, env) * 1000)
    anchor = statistics.median(samples["sqlite3"])
    results = []
    for name in commands:
        med, p10, p90, lo, hi = summary(samples[name])
        ratio = med / anchor
        label = {"nexo": f"nexo, {len(plain)} plugins", "nexo+20": f"nexo, {len(more)} plugins (+20 fixtures)",
                 "sqlite3": "sqlite3 :memory: .quit"}[name]
        print(f"start-up {label}: median {med:.2f} ms (p10-p90 {p10:.2f}-{p90:.2f}, min-max {lo:.2f}-{hi:.2f}, "
              f"{runs} alternating runs)" + ("" if name == "sqlite3" else f", {ratio:.2f}x sqlite3 (goal <= 3x)"),
              flush=True)
        results.append((name, med, anchor, ratio))
    per_plugin = (statistics.median(samples["nexo+20"]) - statistics.median(samples["nexo"])) / FIXTURES
    print(f"cost per added plugin: {per_plugin * 1000:.0f} us (median difference / {FIXTURES})")
    return results
