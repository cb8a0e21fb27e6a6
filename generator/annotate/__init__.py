"""The annotation engine: plain text in, entities, quotations, speakers and roles out. No I/O, no HTML."""
from .gazetteer import preload as preload_word_lists, tables as word_lists
from .model import Annotations, EntityInfo, Mention, Quote, Role
from .pipeline import annotate_text
from .registry import EMPTY_REGISTRY, Registry, RegistryEntity, parse_registry

__all__ = ["annotate_text", "parse_registry", "Registry", "RegistryEntity", "Annotations", "Mention", "Quote",
           "Role", "EntityInfo", "EMPTY_REGISTRY", "word_lists", "preload_word_lists"]
