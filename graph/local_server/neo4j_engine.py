"""The local Neo4j engine: Neo4j Community 5.26 embedded, run by the launcher class in
`neo4j/` (source and pom kept in the repo; the jars are GPLv3 and never committed).

On first use Maven fetches the jars into its local repository (`~/.m2`, which CI keeps) and
`javac` compiles the launcher against them into a cache folder keyed by the pom, the source
and the Java version; later starts reuse both, offline.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from quotetrail.errors import StoreError

LAUNCHER_CLASS = "quotetrail.Neo4jLauncher"
SOURCE_DIR = Path(__file__).resolve().parent / "neo4j"
POM = SOURCE_DIR / "pom.xml"
SOURCE = SOURCE_DIR / "src" / "main" / "java" / "quotetrail" / "Neo4jLauncher.java"
MIN_JAVA = 17
FETCH_TIMEOUT = 1800.0
INSTALL_HINT = ("the neo4j engine needs Java 17 or newer (a JDK, with javac) and Maven: "
                "apt-get install openjdk-17-jdk-headless maven, or use QUOTETRAIL_ENGINE=arcadedb")


def neo4j_version() -> str:
    """The Neo4j version the pom pins (the one docker-compose.yml runs too)."""
    found = re.search(r"<neo4j.version>([^<]+)</neo4j.version>", POM.read_text())
    if found is None:
        raise StoreError(f"no <neo4j.version> in {POM}")
    return found.group(1)


def command(base: Path, state_file: Path, heap: str, pagecache_mib: int,
            tx_timeout: int, cache: Path) -> list[str]:
    """The launcher's command line; the classpath goes in an argument file (`java @file`)."""
    java, javac, mvn = toolchain()
    build = _built(cache, java, javac, mvn)
    return [str(java), f"-Xmx{heap}", "-XX:+ExitOnOutOfMemoryError",
            f"@{build / 'classpath.args'}", LAUNCHER_CLASS, str(base / "dbms"),
            str(state_file), str(pagecache_mib), str(tx_timeout)]


def toolchain() -> tuple[Path, Path, Path]:
    """java (17+), javac and mvn from PATH (JAVA_HOME first), or one line on what to install."""
    java_home = os.environ.get("JAVA_HOME")
    search = f"{java_home}/bin{os.pathsep}{os.environ.get('PATH', '')}" if java_home else None
    java = shutil.which("java", path=search)
    javac = shutil.which("javac", path=search)
    mvn = shutil.which("mvn")
    if not (java and javac and mvn):
        raise StoreError(INSTALL_HINT)
    if java_major(Path(java)) < MIN_JAVA:
        raise StoreError(INSTALL_HINT + f" ({java} is older than Java {MIN_JAVA})")
    return Path(java), Path(javac), Path(mvn)


def java_major(java: Path) -> int:
    out = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=60)
    found = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if found is None:
        return 0
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major  # "1.8" is Java 8


def _built(cache: Path, java: Path, javac: Path, mvn: Path) -> Path:
    """The folder with the compiled launcher and its classpath, built once per key."""
    key = hashlib.sha256(POM.read_bytes() + SOURCE.read_bytes()
                         + str(java_major(java)).encode()).hexdigest()[:16]
    target = cache / key
    if _complete(target):
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with _locked(cache / "build.lock"):
        if _complete(target):  # another command built it while we waited
            return target
        with tempfile.TemporaryDirectory(dir=cache) as tmp:
            work = Path(tmp)
            classpath = _fetch_jars(mvn, work)
            classes = work / "classes"
            _run([str(javac), "-nowarn", "-d", str(classes), "-cp", classpath, str(SOURCE)],
                 "compiling the Neo4j launcher", 300.0)
            (work / "classpath.args").write_text(
                "-cp\n" + _quoted(f"{target / 'classes'}{os.pathsep}{classpath}") + "\n")
            shutil.rmtree(target, ignore_errors=True)
            os.replace(work, target)
            work.mkdir()  # TemporaryDirectory removes what it made
    return target


def _fetch_jars(mvn: Path, work: Path) -> str:
    """Maven resolves the pom's dependencies (downloading them the first time)."""
    shutil.copy(POM, work / "pom.xml")  # Maven writes beside the pom: never into the repo
    out = work / "classpath.txt"
    _run([str(mvn), "-q", "-B", "-f", str(work / "pom.xml"), "dependency:build-classpath",
          f"-Dmdep.outputFile={out}"], "fetching the Neo4j jars with Maven", FETCH_TIMEOUT)
    classpath = out.read_text().strip()
    if not classpath:
        raise StoreError("Maven resolved no jars for the Neo4j engine")
    return classpath


def _complete(target: Path) -> bool:
    args = target / "classpath.args"
    if not (args.exists() and (target / "classes" / "quotetrail" / "Neo4jLauncher.class").exists()):
        return False
    jars = args.read_text().splitlines()[1].strip('"').split(os.pathsep)[1:]
    return all(Path(jar).exists() for jar in jars)  # ~/.m2 may have been cleaned since


def _run(argv: list[str], what: str, timeout: float) -> None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise StoreError(f"{what} took longer than {timeout:.0f} s") from None
    if done.returncode != 0:
        lines = (done.stdout + done.stderr).strip().splitlines()[-3:]
        raise StoreError(f"{what} failed (exit {done.returncode}): {' | '.join(lines)}")


def _quoted(text: str) -> str:
    """One argument of a java @file (backslashes and quotes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
