"""Workers: the processes that build briefs beside this one. A job (jobs.py) is one brief (a
meeting or a digest in one language); this process takes jobs too, and each worker takes its next
job the moment it finishes one. On Linux the workers are forked from this process, with its
imports; else (or from a process with other threads) they are spawned. Either way each imports
WeasyPrint and sets up its fonts as it starts (Builder.warm_up)."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty, SimpleQueue

from briefs.build.builder import Builder
from briefs.build.jobs import Job
from briefs.build.toolchain import Toolchain
from briefs.errors import BriefsError, FileError, RenderError
from briefs.project import Project, open_project
from briefs.write.formats import PagePart

START_METHOD = (
    "fork"
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    else "spawn"
)
"""How worker processes start. On Linux they are forked from this process (its imports are not
paid for again); elsewhere (the known fork crashes are macOS ones) they are spawned."""


@dataclass
class JobResult:
    job: Job
    written: list[Path]
    failure: str | None
    seconds: dict[str, float]
    peak_rss: int
    cpu: float = 0.0
    pages: dict[Path, PagePart] = field(default_factory=dict)
    """The page part of each PDF written, for the manifest."""


# Each worker process keeps one warm Builder: imports, locales, templates and fonts set up once.
_worker: Builder | None = None


PR_SET_PDEATHSIG = 1
"""prctl(2): the signal a process gets when its parent ends (Linux)."""


def die_with_parent(parent: int) -> None:
    """In a worker: end when the build that started it ends, however it ends (a SIGKILL too),
    rather than live on, re-parented, waiting on a pipe for ever. On Linux the kernel sends
    SIGKILL (prctl PR_SET_PDEATHSIG); elsewhere a thread watches for a new parent."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # the build ended before the request was made
                os._exit(1)
            return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def start_worker(root: Path, parent: int, toolchain: Toolchain | None = None) -> None:
    """A worker's set-up: a Builder of its own, warmed up (WeasyPrint imported, fonts set up);
    toolchain: the build's fingerprints."""
    global _worker
    die_with_parent(parent)
    try:
        _worker = Builder(open_project(root), toolchain=toolchain)
    except BriefsError:  # broken settings or themes: this process reports them, and builds none
        return
    _worker.warm_up()


def run(job: Job, builder: Builder | None = None) -> JobResult:
    builder = builder or _worker
    if builder is None:  # its set-up failed (a source changed since this build read it)
        return JobResult(job, [], f"{job.name} ({job.language}): could not set up", {}, 0)
    before = dict(builder.seconds)
    cpu = time.process_time()
    written: list[Path] = []
    failure = None
    builder.pages.clear()
    try:
        written = job.run(builder)
    except FileError:
        raise  # a full disk or a folder not writable: no brief can be written, the build stops
    except RenderError as error:
        failure = f"{error.meeting_id} ({job.language}): {error.detail}"
    except BriefsError as error:
        failure = f"{job.name} ({job.language}): {error}"
    seconds = {stage: builder.seconds[stage] - before[stage] for stage in builder.seconds}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    pages = {path: builder.pages[path] for path in written if path in builder.pages}
    return JobResult(job, written, failure, seconds, peak, time.process_time() - cpu, pages)


def start_pool(
    project: Project, workers: int, method: str = "spawn", toolchain: Toolchain | None = None
) -> ProcessPoolExecutor:
    """Worker processes, started by method (fork: with this process's imports; spawn: afresh),
    each setting itself up; toolchain: the build's fingerprints, not taken again in each."""
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=start_worker,
        initargs=(project.root, os.getpid(), toolchain),
    )
    pool.submit(int)  # the first task starts every worker (fork: all at once, from here)
    return pool


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def start_method() -> str:
    """fork where it is safe: never from a process with other threads (a lock another thread
    holds would stay locked forever in the child), as under `briefs serve`."""
    return START_METHOD if threading.active_count() == 1 else "spawn"


def results(
    project: Project,
    jobs: list[Job],
    pool: ProcessPoolExecutor | None,
    workers: int,
    builder: Builder | None = None,
    first: Callable[[], list[Job]] | None = None,
) -> Iterator[JobResult]:
    """Build the jobs in this process and in the pool's workers, each taking the next job when
    it is free: this process is one of the workers, which saves starting one more. first:
    more jobs, made by this process once the workers have theirs, and taken before the rest."""
    pending = deque(jobs)
    finished: SimpleQueue[Future[JobResult]] = SimpleQueue()
    in_flight = [0]  # jobs out with a worker
    counting = threading.Lock()

    def submit_next() -> None:
        try:
            job = pending.popleft()
        except IndexError:
            return
        try:
            assert pool is not None
            with counting:
                in_flight[0] += 1
            pool.submit(run, job).add_done_callback(done)
        except RuntimeError:  # the pool is shutting down: this process takes the job
            with counting:
                in_flight[0] -= 1
            pending.appendleft(job)

    def done(future: Future[JobResult]) -> None:
        # Called in the pool's thread as soon as a worker finishes: its next job goes out at
        # once, not when this process is through with a brief of its own.
        with counting:
            in_flight[0] -= 1
        finished.put(future)
        submit_next()

    if pool is not None:
        for _ in range(workers - 1):
            submit_next()
    total = len(jobs)
    if first is not None:
        made = first()
        pending.extendleft(reversed(made))  # atomic: a worker's done-callback may pop meanwhile
        total += len(made)
        if pool is not None:  # the workers left without a job (fewer briefs than workers)
            for _ in range(workers - 1 - in_flight[0]):
                submit_next()
    for _ in range(total):
        while True:
            try:
                yield finished.get_nowait().result()
                break
            except Empty:
                pass
            try:
                job = pending.popleft()
            except IndexError:
                try:  # every job is out: wait for the workers
                    yield finished.get(timeout=0.2).result()
                    break
                except Empty:
                    continue
            if builder is None:
                builder = Builder(project)
            yield run(job, builder)
            break
