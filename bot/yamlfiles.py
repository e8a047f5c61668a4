"""Provides reading the YAML files of knowledge/ and intents/ and validating them with pydantic,
each problem turned into one ``KnowledgeError`` naming the file, the field and the reason.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from bot.errors import KnowledgeError

if TYPE_CHECKING:
    import yaml


class _DuplicateKey(Exception):
    def __init__(self, key: object, first: int, again: int) -> None:
        super().__init__(key, first, again)
        self.key, self.first, self.again = key, first, again


@functools.cache
def _unique_key_loader() -> type[yaml.SafeLoader]:
    """The YAML loader class, made on first use: PyYAML takes about 30 ms to import, and a
    warm cache (every start but the first after an edit) reads no YAML at all."""
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        """A safe loader that refuses a mapping with the same key twice. PyYAML would keep the
        last value silently, so an entry added far down a long file could overwrite another
        unseen."""

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False
                              ) -> dict[Any, Any]:
            lines: dict[object, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # "<<: *base" merges are meant to be overridden
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                try:
                    if key in lines:
                        raise _DuplicateKey(key, lines[key], line)
                    lines[key] = line
                except TypeError:
                    continue  # an unhashable key: the base loader reports it
            return super().construct_mapping(node, deep)

    return UniqueKeyLoader


def read_yaml(path: Path) -> Any:
    import yaml

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_unique_key_loader())
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot be read: {exc}") from None
    except _DuplicateKey as dup:
        raise KnowledgeError(f"{path}: line {dup.again}: duplicate key {dup.key!r}, already on "
                             f"line {dup.first}; keep one") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: is not valid YAML: {exc}") from None


def validate(model: type[BaseModel], data: Any, path: Path, prefix: str = "") -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = prefix + ".".join(str(p) for p in err["loc"])
        more = f" (and {len(exc.errors()) - 1} more problems)" if len(exc.errors()) > 1 else ""
        raise KnowledgeError(f"{path}: {field or 'top level'}: {err['msg']}{more}") from None
