"""The annotation engine: plain text in, entities, quotations, speakers and roles out. No I/O, no HTML."""
from .gazetteer import preload as preload_word_lists, tables as word_lists
from .model import Annotations, EntityInfo, Mention, Quote, Role
from .registry import EMPTY_REGISTRY, Registry, RegistryEntity, parse_registry

__all__ = ["annotate_text", "parse_registry", "Registry", "RegistryEntity", "Annotations", "Mention", "Quote",
           "Role", "EntityInfo", "EMPTY_REGISTRY", "word_lists", "preload_word_lists"]


def __getattr__(name: str):
    """annotate_text, imported when first asked for: the annotator's modules take a fifth of the
    generator's import time, and a build whose articles are all annotated never runs it."""
    if name == "annotate_text":
        from .pipeline import annotate_text
        return annotate_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
