"""An upload is read from bytes in memory: it never writes a file outside a temporary location and
never changes data/, whatever names its archive members carry, and a damaged archive is a clear error.

Writes are caught by a Python audit hook, which sees every file opened for writing, renamed,
removed or created by this process, whichever library does it.
"""
from __future__ import annotations

import hashlib
import io
import os
import sys
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from alliances import dataset
from alliances.dataset import DatasetError, from_raw, load, raw_from_upload

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "syria"
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGING_EVENTS = {"os.rename", "os.replace", "os.remove", "os.unlink", "os.rmdir", "os.mkdir", "os.symlink", "os.link",
                    "os.truncate", "os.chmod", "os.utime", "shutil.copyfile", "shutil.move", "shutil.rmtree"}
_recording: list | None = None


def _audit(event: str, args: tuple) -> None:
    if _recording is None:
        return
    if event == "open":
        path, mode, flags = args
        if (mode and any(c in mode for c in "wax+")) or (flags and flags & _WRITE_FLAGS):
            _recording.append((event, str(path)))
    elif event in _CHANGING_EVENTS:
        _recording.append((event, str(args[0]) if args else ""))


sys.addaudithook(_audit)  # hooks cannot be removed; it records only while `writes_during` runs


def all_writes(action) -> list[tuple[str, str]]:
    """Every write-like file operation `action()` performs."""
    global _recording
    _recording = []
    try:
        action()
    finally:
        found, _recording = _recording, None
    return found


def writes_during(action) -> list[tuple[str, str]]:
    """Every write-like file operation `action()` performs outside the system's temporary folder."""
    temp = os.path.realpath(tempfile.gettempdir())
    return [(e, p) for e, p in all_writes(action) if not os.path.realpath(p).startswith(temp + os.sep)]


def fingerprint(folder: Path) -> dict[str, tuple]:
    """Every file under `folder` (sub-folders included), by path: when it was written and what it holds."""
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


def xlsx_of(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for f in sorted(folder.glob("*.csv")):
            pd.read_csv(f, dtype=str, keep_default_na=False).to_excel(writer, sheet_name=f.stem, index=False)
    return buffer.getvalue()


def test_the_audit_hook_sees_writes(tmp_path):
    """The proof below is only as good as the hook: it must notice a plain write and a removal."""
    target = tmp_path / "probe.txt"
    assert all_writes(lambda: (target.write_text("x"), target.unlink())) == [("open", str(target)), ("os.remove", str(target))]


def test_zip_upload_writes_nothing_and_leaves_data_unchanged(mini_dir):
    before = fingerprint(BUNDLED)
    # members named as if to land in data/ or to climb out of any folder they were unpacked into;
    # a later member of the same base name wins, so the real actors.csv comes after the fake one
    members = {str(BUNDLED / "actors.csv"): b"id,name\nx,overwritten?\n", "data/../../../evil.csv": b"evil",
               "../../data/control.csv": (mini_dir / "control.csv").read_bytes()}
    members.update({f.name: f.read_bytes() for f in sorted(mini_dir.glob("*.csv")) if f.name != "control.csv"})
    upload = zip_of(members)

    loaded = []
    assert writes_during(lambda: loaded.append(from_raw(raw_from_upload("my.zip", upload), "my.zip"))) == []
    assert fingerprint(BUNDLED) == before
    assert loaded[0].has_control  # the member was read by its base name, from memory
    assert not any(p.name == "evil.csv" for p in (Path.cwd(), Path.cwd().parent, BUNDLED) for p in p.iterdir())


def test_xlsx_upload_writes_nothing_and_leaves_data_unchanged(mini_dir):
    before = fingerprint(BUNDLED)
    upload = xlsx_of(mini_dir)
    loaded = []
    assert writes_during(lambda: loaded.append(from_raw(raw_from_upload("my.xlsx", upload), "my.xlsx"))) == []
    assert fingerprint(BUNDLED) == before
    assert len(loaded[0].actors) == len(load(mini_dir).actors)


def test_loading_the_bundled_folder_writes_nothing():
    before = fingerprint(BUNDLED)
    assert writes_during(lambda: load(BUNDLED)) == []
    assert fingerprint(BUNDLED) == before


def test_a_broken_upload_writes_nothing():
    assert writes_during(lambda: pytest.raises(DatasetError, from_raw,
                                               raw_from_upload("x.zip", zip_of({"actors.csv": b"id\n"})), "x.zip")) == []


def _encrypted_flag(data: bytes) -> bytes:
    out = bytearray(data)
    out[6] |= 1  # general-purpose flag bit 0: encrypted, in the local header ...
    out[out.find(b"PK\x01\x02") + 8] |= 1  # ... and in the central directory
    return bytes(out)


def _unknown_method(data: bytes) -> bytes:
    out = bytearray(data)
    out[8] = 99
    out[out.find(b"PK\x01\x02") + 10] = 99
    return bytes(out)


def _scrambled_deflate(data: bytes) -> bytes:
    out = bytearray(data)
    start = 30 + len("actors.csv")
    for i in range(start, start + 16):
        out[i] ^= 0x55
    return bytes(out)


@pytest.mark.parametrize("damage", [_encrypted_flag, _unknown_method, _scrambled_deflate])
def test_damaged_zip_is_a_clear_error(damage):
    upload = damage(zip_of({"actors.csv": b"id,name\n" + b"russia,Russia\n" * 200}))
    with pytest.raises(DatasetError) as caught:
        raw_from_upload("data.zip", upload)
    assert str(caught.value.problems[0]).startswith("data.zip: is not a readable .zip file")


@pytest.mark.parametrize("filename", ["bomb.zip", "bomb.xlsx"])
def test_upload_that_unpacks_too_far_is_refused(filename, monkeypatch):
    monkeypatch.setattr(dataset, "MAX_EXPANDED_BYTES", 1024 * 1024)
    upload = zip_of({"actors.csv": b"0" * (3 * 1024 * 1024)})  # 3 MB of zeros packs into a few KB
    assert len(upload) < 20_000
    with pytest.raises(DatasetError) as caught:
        raw_from_upload(filename, upload)
    assert "unpacks to 3 MB, more than the 1 MB allowed" in str(caught.value.problems[0])
