"""The annotation engine: plain text in, entities, quotations, speakers and roles out. No I/O, no HTML."""
from .model import Annotations, EntityInfo, Mention, Quote, Role
from .pipeline import annotate_text
from .registry import EMPTY_REGISTRY, Registry, RegistryEntity, parse_registry

__all__ = ["annotate_text", "parse_registry", "Registry", "RegistryEntity", "Annotations", "Mention", "Quote",
           "Role", "EntityInfo", "EMPTY_REGISTRY"]
