"""The house plan holds: imports point down the layers of docs/architecture.md, and no module of
craniocare imports itself back through others (no cycles).

Imports are read from the source with `ast` (every import, including those inside functions:
a lazy import is still a dependency), so the test needs nothing installed and costs milliseconds.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "craniocare"

# Bottom first. Apps in one tuple are peers: neither may import the other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("lib",),
    ("core",),
    ("outbox",),
    ("accounts",),
    ("catalog",),
    ("scheduling",),
    ("clients",),
    ("audit",),
    ("bookings",),
    ("intake",),
    ("clinical",),
    ("notifications", "waitlist", "portal", "contact", "blog"),
    ("website",),
    ("api",),
    ("office",),
    ("demo",),
)
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
# The project's wiring (settings, root URLconf, WSGI/ASGI entry points) may import any app.
WIRING = {"settings", "urls", "wsgi", "asgi"}


@dataclass(frozen=True)
class Import:
    source: str  # dotted module that imports
    target: str  # dotted module (or package) imported
    path: Path
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imports_of(path: Path) -> Iterator[Import]:
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, path, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield Import(name, module, path, node.lineno)
            # `from package import module` imports the module too.
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                if _is_module(candidate):
                    yield Import(name, candidate, path, node.lineno)


def _is_module(dotted: str) -> bool:
    if not dotted.startswith("craniocare."):
        return False
    relative = Path(*dotted.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative).is_dir()


def app_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "craniocare" else None


def all_imports() -> list[Import]:
    return [imp for path in source_files() for imp in imports_of(path)]


def test_every_app_has_a_layer() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    apps = packages - WIRING  # the settings are a package of wiring, not an app
    assert apps - RANK.keys() == set(), "add the new app to LAYERS and to docs/architecture.md"
    assert RANK.keys() - apps == set(), "LAYERS names an app that no longer exists"


def upward(imports: list[Import]) -> list[str]:
    """The imports from an app to one at its own layer or above, as `file:line app -> module`."""
    found = []
    for imp in imports:
        source_app, target_app = app_of(imp.source), app_of(imp.target)
        if source_app in WIRING or source_app == target_app:
            continue
        if source_app not in RANK or target_app not in RANK:
            continue
        if RANK[target_app] >= RANK[source_app]:
            where = imp.path.relative_to(PACKAGE.parent)
            found.append(f"{where}:{imp.line} {source_app} -> {imp.target}")
    return found


def test_imports_point_down_the_layers() -> None:
    found = upward(all_imports())
    assert found == [], "imports that point up (or sideways) the layers:\n" + "\n".join(found)


def test_lib_is_pure() -> None:
    """lib holds pure helpers: no Django, no other app of ours."""
    impure = [
        f"{imp.path.relative_to(PACKAGE.parent)}:{imp.line} imports {imp.target}"
        for imp in all_imports()
        if app_of(imp.source) == "lib"
        and (imp.target.split(".")[0] == "django" or app_of(imp.target) not in (None, "lib"))
    ]
    assert impure == []


def first_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle in `graph` (module -> modules it imports), or [] when there is none."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as cycle:
        return list(cycle.args[1])
    return []


def test_no_module_cycles() -> None:
    modules = {module_name(path) for path in source_files()}
    graph: dict[str, set[str]] = {module: set() for module in modules}
    for imp in all_imports():
        if imp.target in modules and imp.target != imp.source:
            graph[imp.source].add(imp.target)
    assert first_cycle(graph) == []


def test_the_checks_catch_what_they_are_for() -> None:
    """A checker that reads nothing would pass: feed it an upward import and a cycle."""
    here = PACKAGE / "core" / "models.py"
    up = Import("craniocare.core.models", "craniocare.bookings.models", here, 1)
    down = Import("craniocare.bookings.models", "craniocare.core.models", here, 2)
    peer = Import("craniocare.blog.models", "craniocare.contact.models", here, 3)
    assert upward([up, down, peer]) == [
        "craniocare/core/models.py:1 core -> craniocare.bookings.models",
        "craniocare/core/models.py:3 blog -> craniocare.contact.models",
    ]
    assert sorted(first_cycle({"a": {"b"}, "b": {"a"}, "c": set()})) == ["a", "a", "b"]
    assert len(all_imports()) > 500  # the reader found the project's imports
    relative = {imp.target for imp in imports_of(PACKAGE / "bookings" / "views" / "flow.py")}
    assert "craniocare.bookings.models" in relative  # `from ..models import` resolved
