"""The output folder as one unit: a lock, temporaries of our own, and a set of files switched at once.

- `OutLock`: OUT/.pipeline.lock, held (flock) for the whole run; a second run into the same OUT
  is refused with a message naming the process that holds it. The kernel drops the lock when
  its process dies, so a killed run never leaves a stale lock behind.
- Temporaries are named `.<name>.pipeline-<pid>-<random>.tmp` (`temp_prefix`); a run deletes
  only names of that pattern whose process is gone (or is itself) — nothing else in OUT.
- The output files are written as a generation, OUT/.sets/<n>/, beside the one in use; the
  symlink OUT/.current names the generation in use and is replaced in one rename, so a kill or
  a full disk leaves the old set or the new one, never a mix. OUT/<kind>.jsonl etc. are fixed
  symlinks into OUT/.current/, so every reader that opens them by name follows the switch;
  `current_set(OUT)` resolves it once, for readers that open several files.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

LOCK_NAME = ".pipeline.lock"
SETS_NAME = ".sets"
CURRENT_NAME = ".current"
_OWN_TEMP = re.compile(r"^\..*\.pipeline-(\d+)-[^/]*\.tmp(?:\.tmp|\.wal)?$")
_GENERATION = re.compile(r"^\d{6}$")


class OutLocked(RuntimeError):
    """Another run holds OUT's lock."""


def temp_prefix(name: str) -> str:
    """mkstemp/mkdtemp prefix of this process's temporaries for `name` (suffix '.tmp')."""
    return f".{name}.pipeline-{os.getpid()}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers (an earlier attempt in this process) are stale too
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_own_temps(folder: Path) -> None:
    """Delete temporaries of our own pattern left by a process that is gone (files or folders)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _OWN_TEMP.match(name)
        if not m or _alive(int(m.group(1))):
            continue
        path = os.path.join(folder, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


class OutLock:
    """flock on OUT/.pipeline.lock for the life of the run (the file itself stays, holding the last pid)."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / LOCK_NAME
        self.fd = None

    def __enter__(self):
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = ""
            try:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            except OSError:
                pass
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                who = f" (process {holder})" if holder.isdigit() else ""
                raise OutLocked(f"another run is writing to {self.path.parent}{who}; "
                                "wait for it to finish or choose another --out") from None
            raise
        mine = f"{os.getpid()}\n".encode()
        if os.pread(fd, 64, 0) != mine:  # the holder's pid, for the message a second run prints
            os.ftruncate(fd, 0)
            os.pwrite(fd, mine, 0)
        self.fd = fd
        return self

    def __exit__(self, *exc):
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
            self.fd = None


def current_set(out_dir: Path) -> Path:
    """The folder holding the output set in use: OUT/.sets/<n> as OUT/.current names it, else OUT
    (outputs written before generations, or by write_outputs)."""
    out_dir = Path(out_dir)
    try:
        target = os.readlink(out_dir / CURRENT_NAME)
    except OSError:
        return out_dir
    path = out_dir / target
    return path if path.is_dir() else out_dir


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _symlink_atomic(target: str, link: Path) -> None:
    """link → target, replacing whatever file or symlink link was, in one rename."""
    import secrets

    while True:
        tmp = link.parent / f"{temp_prefix(link.name)}{secrets.token_hex(4)}.tmp"
        try:
            os.symlink(target, tmp)
            break
        except FileExistsError:
            continue
    try:
        os.replace(tmp, link)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class OutputSet:
    """Writes a new generation beside the one in use and switches to it."""

    def __init__(self, out_dir: Path, names: list[str]):
        self.out_dir = Path(out_dir)
        self.sets = self.out_dir / SETS_NAME
        self.names = names

    def begin(self) -> Path:
        """A fresh, empty temporary folder to write the new set into."""
        import tempfile

        self.sets.mkdir(parents=True, exist_ok=True)
        clean_own_temps(self.sets)
        clean_own_temps(self.out_dir)
        return Path(tempfile.mkdtemp(prefix=temp_prefix("set"), suffix=".tmp", dir=self.sets))

    def abort(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)

    def _next_name(self) -> str:
        used = [int(n) for n in os.listdir(self.sets) if _GENERATION.match(n)]
        return f"{max(used, default=0) + 1:06d}"

    def _adopt_legacy(self) -> None:
        """Output files from before generations (regular files in OUT) become a generation first,
        so replacing them with symlinks never shows a mix."""
        if os.path.lexists(self.out_dir / CURRENT_NAME):
            return
        legacy = [n for n in self.names if (self.out_dir / n).is_file() and not (self.out_dir / n).is_symlink()]
        if not legacy:
            return
        import tempfile

        tmp = Path(tempfile.mkdtemp(prefix=temp_prefix("set"), suffix=".tmp", dir=self.sets))
        for name in legacy:
            try:
                os.link(self.out_dir / name, tmp / name)
            except OSError:
                shutil.copy2(self.out_dir / name, tmp / name)
        final = self.sets / self._next_name()
        os.rename(tmp, final)
        _symlink_atomic(f"{SETS_NAME}/{final.name}", self.out_dir / CURRENT_NAME)
        self._link_names()

    def _link_names(self) -> None:
        """OUT/<name> → .current/<name> for every name of the set; links of earlier sets' other names
        (a workbook a run without --excel no longer writes) are removed, so none dangles."""
        for name in os.listdir(self.out_dir):
            link = self.out_dir / name
            if name not in self.names and link.is_symlink() and os.readlink(link) == f"{CURRENT_NAME}/{name}":
                link.unlink()
        for name in self.names:
            link = self.out_dir / name
            want = f"{CURRENT_NAME}/{name}"
            try:
                if os.readlink(link) == want:
                    continue
            except OSError:
                pass
            if link.is_dir() and not link.is_symlink():
                raise FileExistsError(errno.EEXIST, f"{link} is a folder, where an output file goes", str(link))
            _symlink_atomic(want, link)

    def commit(self, folder: Path) -> Path:
        """Make the finished set in `folder` the one in use; returns its final folder."""
        for name in os.listdir(folder):
            _fsync_dir(folder / name) if (folder / name).is_dir() else None
        _fsync_dir(folder)
        self._adopt_legacy()
        final = self.sets / self._next_name()
        os.rename(folder, final)
        _fsync_dir(self.sets)
        _symlink_atomic(f"{SETS_NAME}/{final.name}", self.out_dir / CURRENT_NAME)
        _fsync_dir(self.out_dir)
        self._link_names()
        self.drop_old(keep=final.name)
        return final

    def drop_old(self, keep: str) -> None:
        for name in os.listdir(self.sets):
            if _GENERATION.match(name) and name != keep:
                shutil.rmtree(self.sets / name, ignore_errors=True)
        clean_own_temps(self.sets)
